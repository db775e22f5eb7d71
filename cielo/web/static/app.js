// Small page behaviours: JSON forms for sign-in/up, the composer, and live progress over SSE.
const csrf = document.querySelector('meta[name="csrf-token"]')?.content;

function showError(form, message) {
  const box = form.querySelector(".error");
  box.textContent = message;
  box.hidden = false;
}

async function errorMessage(response) {
  try {
    return (await response.json()).error.message;
  } catch {
    return `Request failed (${response.status})`;
  }
}

for (const form of document.querySelectorAll("form[data-endpoint]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(form));
    const response = await fetch(form.dataset.endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.ok) window.location.assign("/");
    else showError(form, await errorMessage(response));
  });
}

document.getElementById("logout")?.addEventListener("click", async () => {
  await fetch("/api/auth/logout", { method: "POST", headers: { "x-csrf-token": csrf } });
  window.location.assign("/login");
});

function renderVideo(item, video) {
  item.dataset.status = video.status;
  item.querySelector(".status").textContent =
    video.status === "in_progress" ? `${video.stage || "rendering"} ${video.progress}%` : video.status;
  item.querySelector("progress").value = video.progress;
  if (video.status === "completed" && !item.querySelector("video")) {
    const player = document.createElement("video");
    Object.assign(player, { controls: true, playsInline: true, src: `/v1/videos/${video.id}/content` });
    player.poster = `/v1/videos/${video.id}/content?variant=thumbnail`;
    item.append(player);
  }
  if (video.error && !item.querySelector("p.error")) {
    const box = document.createElement("p");
    box.className = "error";
    box.textContent = video.error.message;
    item.append(box);
  }
}

function follow(item) {
  const source = new EventSource(`/v1/videos/${item.dataset.id}/events`);
  source.addEventListener("progress", (event) => renderVideo(item, JSON.parse(event.data)));
  source.addEventListener("done", () => source.close());
  source.onerror = () => source.close();
}

function newItem(video) {
  const item = document.createElement("li");
  item.className = "video";
  item.dataset.id = video.id;
  item.innerHTML = '<div class="meta"><span class="status"></span> <progress max="100"></progress></div><p class="prompt"></p>';
  item.querySelector(".prompt").textContent = video.prompt;
  renderVideo(item, video);
  return item;
}

for (const item of document.querySelectorAll("li.video")) {
  if (["queued", "in_progress"].includes(item.dataset.status)) follow(item);
}

const composer = document.getElementById("composer");
composer?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(composer);
  if (!data.get("input_reference")?.size) data.delete("input_reference");
  const response = await fetch("/v1/videos", { method: "POST", headers: { "x-csrf-token": csrf }, body: data });
  if (!response.ok) return showError(composer, await errorMessage(response));
  composer.querySelector(".error").hidden = true;
  const item = newItem(await response.json());
  document.getElementById("videos").prepend(item);
  follow(item);
});
