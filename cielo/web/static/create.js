// The composer (multipart POST /v1/videos) with a cameo picker and @-autocomplete over the cameos the person may
// use, and the drafts, kept live by the page's one event stream (live.js); a refused prompt shows why, with
// "This was wrong".
import { api, clearRefusal, fragment, showError, showRefusal, t } from "./common.js";

const list = document.getElementById("videos");
const composer = document.getElementById("composer");
const prompt = composer.elements.prompt;

function render(item, video) {
  item.dataset.status = video.status;
  const label = t(video.status);
  const status = item.querySelector(".status");
  status.textContent = video.status === "in_progress" ? `${label} ${video.progress}%` : label;
  item.querySelector("progress").value = video.progress;
  // Neural engines show the picture forming; the placeholder becomes that picture.
  const placeholder = item.querySelector(".draft-placeholder");
  if (video.preview_url && placeholder) {
    let picture = placeholder.querySelector("img.draft-preview");
    if (!picture) {
      picture = document.createElement("img");
      picture.className = "draft-preview";
      picture.alt = "";
      placeholder.replaceChildren(picture);
    }
    picture.src = video.preview_url;
  }
}

// When a video finishes, the server renders its draft card again: player and publish form included.
async function refresh(item) {
  try {
    const { nodes } = await fragment(`/fragments/drafts/${item.dataset.id}`);
    const fresh = nodes.firstElementChild;
    if (fresh) item.replaceWith(fresh);
  } catch {
    // the card keeps its last state; a reload shows the final one
  }
}

document.addEventListener("cielo:video", (event) => {
  const video = event.detail;
  const item = list.querySelector(`li.draft[data-id="${CSS.escape(video.id)}"]`);
  if (!item || item.dataset.status === "published") return;
  const wasRunning = ["queued", "in_progress"].includes(item.dataset.status);
  render(item, video);
  if (wasRunning && ["completed", "failed"].includes(video.status)) refresh(item);
});

function newItem(video) {
  const item = document.createElement("li");
  item.className = "draft card";
  item.dataset.id = video.id;
  item.innerHTML =
    '<div class="draft-media"><div class="draft-placeholder"></div></div>' +
    '<div class="draft-main"><p class="meta"><span class="status"></span> <progress max="100"></progress></p>' +
    '<p class="prompt"></p></div>';
  item.querySelector(".prompt").textContent = video.prompt;
  render(item, video);
  return item;
}

composer.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(composer);
  if (!data.get("input_reference")?.size) data.delete("input_reference");
  const button = composer.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const video = await api("POST", "/v1/videos", data);
    showError(composer, "");
    clearRefusal(composer);
    document.getElementById("no-drafts")?.remove();
    list.prepend(newItem(video));
    prompt.value = "";
  } catch (error) {
    showRefusal(composer, error, data.get("prompt"));
  } finally {
    button.disabled = false;
  }
});
composer.querySelector("button[type=submit]").disabled = false;  // the page came with it disabled

// ------------------------------------------------------------------ cameos: chips and @-autocomplete
const cameos = JSON.parse(document.getElementById("cameo-data")?.textContent || "[]");
const menu = document.getElementById("mention-list");
let choices = [];
let active = 0;

function insertHandle(handle, replaceFrom = null) {
  const caret = prompt.selectionStart ?? prompt.value.length;
  const start = replaceFrom ?? caret;
  const before = prompt.value.slice(0, start);
  const spacer = before && !/\s$/.test(before) ? " " : "";
  const text = `${spacer}@${handle} `;
  prompt.value = before + text + prompt.value.slice(caret);
  const position = before.length + text.length;
  prompt.setSelectionRange(position, position);
  prompt.focus();
  closeMenu();
}

function mentionAtCaret() {
  const caret = prompt.selectionStart ?? 0;
  const match = /(^|\s)@([\w.]*)$/.exec(prompt.value.slice(0, caret));
  return match ? { query: match[2].toLowerCase(), from: caret - match[2].length - 1 } : null;
}

function closeMenu() {
  menu.hidden = true;
  prompt.removeAttribute("aria-activedescendant");
  choices = [];
}

function showMenu() {
  const mention = mentionAtCaret();
  if (!mention) return closeMenu();
  choices = cameos.filter((c) => c.handle.toLowerCase().startsWith(mention.query) ||
    c.name.toLowerCase().startsWith(mention.query)).slice(0, 8);
  if (!choices.length) return closeMenu();
  active = 0;
  menu.replaceChildren(...choices.map((cameo, index) => {
    const option = document.createElement("li");
    option.id = `mention-${index}`;
    option.setAttribute("role", "option");
    option.dataset.handle = cameo.handle;
    option.textContent = `@${cameo.handle} · ${cameo.name}`;
    return option;
  }));
  menu.hidden = false;
  highlight();
}

function highlight() {
  for (const [index, option] of [...menu.children].entries()) option.setAttribute("aria-selected", String(index === active));
  prompt.setAttribute("aria-activedescendant", `mention-${active}`);
}

prompt.addEventListener("input", showMenu);
prompt.addEventListener("keydown", (event) => {
  if (menu.hidden) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    active = (active + (event.key === "ArrowDown" ? 1 : choices.length - 1)) % choices.length;
    highlight();
  } else if (event.key === "Enter" || event.key === "Tab") {
    event.preventDefault();
    insertHandle(choices[active].handle, mentionAtCaret()?.from);
  } else if (event.key === "Escape") {
    closeMenu();
  }
});
prompt.addEventListener("blur", () => setTimeout(closeMenu, 150));
menu.addEventListener("mousedown", (event) => {
  const option = event.target.closest("[data-handle]");
  if (!option) return;
  event.preventDefault();
  insertHandle(option.dataset.handle, mentionAtCaret()?.from);
});
for (const chip of composer.querySelectorAll(".add-cameo")) {
  chip.addEventListener("click", () => insertHandle(chip.dataset.handle));
}

if (document.getElementById("drafts").classList.contains("focus")) {
  document.getElementById("drafts").scrollIntoView();
}
