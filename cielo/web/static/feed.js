// The vertical feed: the slide in view plays (muted until the sound toggle is on), the others pause;
// more slides load before the end; a teen who reached today's limit gets no more and no autoplay.
import { api, fragment, showError, t, toast } from "./common.js";

const feed = document.getElementById("feed");
const end = document.getElementById("feed-end");
const soundButton = document.getElementById("sound-toggle");
let autoplay = feed.dataset.autoplay === "true";
let soundOn = localStorage.getItem("cielo-sound") === "on";
let loading = false;
let current = null;

function players() {
  return feed.querySelectorAll("video.player");
}

function applySound() {
  soundButton.setAttribute("aria-pressed", String(soundOn));
  soundButton.setAttribute("aria-label", soundOn ? t("sound_on") : t("sound_off"));
  for (const video of players()) video.muted = !soundOn;
}

async function play(video) {
  try {
    await video.play();
  } catch {
    // Browsers refuse unmuted autoplay before the first tap: start muted rather than not at all.
    if (!video.muted) {
      video.muted = true;
      soundOn = false;
      applySound();
      await video.play().catch(() => null);
    }
  }
  video.closest(".slide")?.querySelector(".tap-play")?.setAttribute("hidden", "");
}

function pause(video) {
  video.pause();
}

function showPlayButton(slide) {
  slide.querySelector(".tap-play")?.removeAttribute("hidden");
}

const visibility = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const video = entry.target.querySelector("video.player");
    if (!video) continue;
    if (entry.isIntersecting) {
      current = entry.target;
      video.muted = !soundOn;
      if (autoplay) play(video);
      else showPlayButton(entry.target);
    } else {
      pause(video);
    }
  }
}, { root: feed, threshold: 0.6 });

const nearEnd = new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting)) loadMore();
}, { root: feed, rootMargin: "0px 0px 150% 0px" });

function watch(slide) {
  visibility.observe(slide);
  slide.querySelector(".stage")?.addEventListener("click", () => {
    const video = slide.querySelector("video.player");
    if (video.paused) play(video);
    else {
      pause(video);
      showPlayButton(slide);
    }
  });
}

function finish(limitReached) {
  end.hidden = false;
  if (limitReached) {
    autoplay = false;
    end.querySelector(".end-text p").textContent = t("limit_reached");
  }
}

async function loadMore() {
  const cursor = feed.dataset.nextCursor;
  if (loading || !cursor) return;
  loading = true;
  try {
    const params = new URLSearchParams({ tab: feed.dataset.tab, cursor });
    const { nodes, headers } = await fragment(`/fragments/feed?${params}`);
    const slides = [...nodes.querySelectorAll(".slide")];
    end.before(nodes);
    slides.forEach(watch);
    applySound();
    feed.dataset.nextCursor = headers.get("x-next-cursor") || "";
    if (headers.get("x-autoplay") === "false") autoplay = false;
    if (!feed.dataset.nextCursor) finish(headers.get("x-limit-reached") === "true");
    observeTail();
  } catch (error) {
    toast(error.message);
  } finally {
    loading = false;
  }
}

function observeTail() {
  nearEnd.disconnect();
  const slides = feed.querySelectorAll(".slide:not(.end-card)");
  const tail = slides[Math.max(0, slides.length - 2)];
  if (tail) nearEnd.observe(tail);
}

soundButton.addEventListener("click", () => {
  soundOn = !soundOn;
  localStorage.setItem("cielo-sound", soundOn ? "on" : "off");
  applySound();
  const video = current?.querySelector("video.player");
  if (video && autoplay) play(video);
});

document.addEventListener("keydown", (event) => {
  if (event.target.closest("input, textarea")) return;
  const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  feed.scrollBy({ top: step * feed.clientHeight, behavior: "smooth" });
});

// Steering "For you" in words.
const steerForm = document.getElementById("steer-form");
const steerToggle = document.getElementById("steer-toggle");
steerToggle?.addEventListener("click", () => {
  steerForm.hidden = !steerForm.hidden;
  steerToggle.setAttribute("aria-expanded", String(!steerForm.hidden));
  if (!steerForm.hidden) steerForm.querySelector("input").focus();
});
steerForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    await api("PUT", "/api/feed/steering", { instruction: steerForm.querySelector("input").value });
    window.location.reload();
  } catch (error) {
    showError(steerForm, error.message);
  }
});
document.getElementById("steer-clear")?.addEventListener("click", async () => {
  await api("DELETE", "/api/feed/steering").catch(() => null);
  window.location.reload();
});

feed.querySelectorAll(".slide:not(.end-card)").forEach(watch);
applySound();
observeTail();
if (!feed.dataset.nextCursor) finish(feed.dataset.limitReached === "true");
