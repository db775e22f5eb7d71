// The composer (multipart POST /v1/videos) and drafts with live progress over Server-Sent Events.
import { api, clearRefusal, fragment, showError, showRefusal, t } from "./common.js";

const list = document.getElementById("videos");
const composer = document.getElementById("composer");

function render(item, video) {
  item.dataset.status = video.status;
  const label = t(video.status);
  const status = item.querySelector(".status");
  status.textContent = video.status === "in_progress" ? `${label} ${video.progress}%` : label;
  status.title = video.stage || "";
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

function follow(item) {
  const source = new EventSource(`/v1/videos/${item.dataset.id}/events`);
  source.addEventListener("progress", (event) => render(item, JSON.parse(event.data)));
  source.addEventListener("done", () => {
    source.close();
    refresh(item);
  });
  source.onerror = () => source.close();
}

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

for (const item of list.querySelectorAll("li.draft")) {
  if (["queued", "in_progress"].includes(item.dataset.status)) follow(item);
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
    const item = newItem(video);
    list.prepend(item);
    follow(item);
    composer.querySelector("textarea").value = "";
  } catch (error) {
    showRefusal(composer, error, data.get("prompt"));
  } finally {
    button.disabled = false;
  }
});

if (document.getElementById("drafts").classList.contains("focus")) {
  document.getElementById("drafts").scrollIntoView();
}
