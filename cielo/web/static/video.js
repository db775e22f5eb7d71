// The video page: comments (with one level of replies), deleting them, more comments, and remixing.
import { api, formatNumber, showError, showRefusal, t, toast } from "./common.js";
import { commentBox } from "./comments.js";

const section = document.getElementById("comments");
if (section) {
  const total = section.querySelector(".comment-total");
  let count = Number(total.dataset.count);
  const box = commentBox(section, {
    threads: document.getElementById("threads"),
    more: document.getElementById("more-comments"),
    onCount(delta) {
      count = Math.max(0, count + delta);
      total.textContent = formatNumber(count);
    },
  });
  box.start(section.dataset.nextCursor);
}

// Edit and extend one's own finished video: a new draft, like a remix.
for (const form of document.querySelectorAll(".derive-form")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { video: { id: form.dataset.id }, prompt: form.elements.prompt.value };
    if (form.elements.seconds) body.seconds = form.elements.seconds.value;
    try {
      await api("POST", form.dataset.endpoint, body);
      window.location.assign("/drafts");
    } catch (error) {
      showError(form, error.message);
    }
  });
}

const remix = document.querySelector(".remix-form");
remix?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const prompt = remix.elements.prompt.value;
  try {
    await api("POST", `/api/posts/${remix.dataset.id}/remix`, { prompt });
    toast(t("remix_started"));
    window.location.assign("/drafts");
  } catch (error) {
    showRefusal(remix, error, prompt);
  }
});

// The captions button shows or hides the track, as in the feed (the player's own menu does too).
const captionsButton = document.querySelector(".video-side .captions-toggle");
captionsButton?.addEventListener("click", () => {
  const track = document.querySelector(".video-stage video")?.textTracks?.[0];
  if (!track) return;
  track.mode = track.mode === "showing" ? "hidden" : "showing";
  captionsButton.setAttribute("aria-pressed", String(track.mode === "showing"));
  localStorage.setItem("cielo-captions", track.mode === "showing" ? "on" : "off");
});
