// The vertical feed. The slide in view plays (muted until the sound toggle is on) and the others pause; Space,
// the pause button or a tap pause it; arrows and j/k move; a double tap likes. Under prefers-reduced-motion
// nothing plays by itself. A slide at least half visible for about a second is reported as watched (an
// impression); the address keeps the video in view, so a reload or Back starts there. Comments, remix and share
// open in a sheet over the playing video. More slides load before the end; a teen who reached today's limit
// gets no more and no autoplay.
import { api, formatNumber, formatTimes, fragment, share, showError, t, toast } from "./common.js";
import { commentBox } from "./comments.js";

const feed = document.getElementById("feed");
const end = document.getElementById("feed-end");
const soundButton = document.getElementById("sound-toggle");
const playButton = document.getElementById("play-toggle");
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
let autoplay = feed.dataset.autoplay === "true" && !reducedMotion.matches;
let soundOn = localStorage.getItem("cielo-sound") === "on";
let captionsOn = localStorage.getItem("cielo-captions") === "on";
let paused = false; // the person paused: nothing starts by itself until they play again
let loading = false;
let current = null;

const videoOf = (slide) => slide?.querySelector("video.player");

function applySound() {
  soundButton.setAttribute("aria-pressed", String(soundOn));
  soundButton.setAttribute("aria-label", soundOn ? t("sound_on") : t("sound_off"));
  for (const video of feed.querySelectorAll("video.player")) video.muted = !soundOn;
}

function applyCaptions(slide) {
  const track = videoOf(slide)?.textTracks?.[0];
  if (track) track.mode = captionsOn ? "showing" : "hidden";
  slide.querySelector(".captions-toggle")?.setAttribute("aria-pressed", String(captionsOn));
}

function showPaused(isPaused) {
  playButton.setAttribute("aria-pressed", String(isPaused));
  playButton.setAttribute("aria-label", isPaused ? t("play") : t("pause"));
  current?.querySelector(".tap-play")?.toggleAttribute("hidden", !isPaused);
}

async function play(video) {
  video.preload = "auto";
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
  showPaused(video.paused);
}

function pauseCurrent() {
  paused = true;
  videoOf(current)?.pause();
  showPaused(true);
}

function playCurrent() {
  paused = false;
  const video = videoOf(current);
  if (video) play(video);
}

function togglePlay() {
  const video = videoOf(current);
  if (!video) return;
  if (video.paused) playCurrent();
  else pauseCurrent();
}

// Only the slide in view and the next one fetch their media: the first screen stays small.
function warm(slide) {
  const next = slide.nextElementSibling;
  for (const neighbour of [slide, next]) {
    const video = videoOf(neighbour);
    if (video && video.preload === "none") video.preload = "metadata";
  }
}

function keepPlace(slide) {
  if (!slide.dataset.id) return;
  const url = new URL(window.location.href);
  url.searchParams.set("at", slide.dataset.id);
  history.replaceState(history.state, "", url);
}

const visibility = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const video = videoOf(entry.target);
    if (entry.isIntersecting) {
      current = entry.target;
      keepPlace(current);
      warm(current);
      if (!video) continue;
      video.muted = !soundOn;
      applyCaptions(current);
      if (autoplay && !paused) play(video);
      else showPaused(true);
    } else if (video) {
      video.pause();
    }
  }
}, { root: feed, threshold: 0.6 });

// An impression: at least half the slide visible for a second. Each video is reported once per page.
const reported = new Set();
const timers = new Map();
const watched = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const id = entry.target.dataset.id;
    if (!id || reported.has(id)) continue;
    if (entry.isIntersecting) {
      timers.set(id, setTimeout(() => report(id), 1000));
    } else {
      clearTimeout(timers.get(id));
      timers.delete(id);
    }
  }
}, { root: feed, threshold: 0.5 });

// Impressions go in batches (a few seconds, or a handful of videos, or when the page is left), so watching
// costs the server one request every few videos rather than one each.
const pending = new Set();
let flushTimer = null;

function report(id) {
  timers.delete(id);
  reported.add(id);
  pending.add(id);
  if (pending.size >= 4) flush();
  else flushTimer ??= setTimeout(flush, 3000);
}

async function flush({ leaving = false } = {}) {
  clearTimeout(flushTimer);
  flushTimer = null;
  const ids = [...pending];
  pending.clear();
  if (!ids.length) return;
  try {
    await api("POST", "/api/feed/impressions", { video_ids: ids }, { keepalive: leaving });
  } catch {
    for (const id of ids) reported.delete(id); // counted the next time they are watched
  }
}
document.addEventListener("visibilitychange", () => document.hidden && flush({ leaving: true }));
window.addEventListener("pagehide", () => flush({ leaving: true }));

const nearEnd = new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting)) loadMore();
}, { root: feed, rootMargin: "0px 0px 150% 0px" });

function like(slide) {
  const burst = slide.querySelector(".like-burst");
  burst?.classList.remove("show");
  void burst?.offsetWidth; // restart the animation
  burst?.classList.add("show");
  const button = slide.querySelector("button.like");
  if (button && button.getAttribute("aria-pressed") !== "true") button.click();
}

// One tap pauses or plays; two taps within 300 ms like (and leave the video playing).
function watch(slide) {
  visibility.observe(slide);
  if (slide.dataset.id) watched.observe(slide);
  let tapTimer = null;
  slide.querySelector(".stage")?.addEventListener("click", (event) => {
    if (event.target.closest(".tap-play")) return playCurrent();
    if (tapTimer) {
      clearTimeout(tapTimer);
      tapTimer = null;
      return like(slide);
    }
    tapTimer = setTimeout(() => {
      tapTimer = null;
      current = slide;
      togglePlay();
    }, 300);
  });
  slide.querySelector(".captions-toggle")?.addEventListener("click", () => {
    captionsOn = !captionsOn;
    localStorage.setItem("cielo-captions", captionsOn ? "on" : "off");
    for (const each of feed.querySelectorAll(".slide")) applyCaptions(each);
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
  const video = videoOf(current);
  if (video && !paused && (autoplay || !video.paused)) play(video);
});
playButton.addEventListener("click", togglePlay);

function move(step) {
  const slides = [...feed.querySelectorAll(".slide")];
  const index = Math.max(0, slides.indexOf(current));
  const target = slides[Math.min(slides.length - 1, Math.max(0, index + step))];
  target?.scrollIntoView({ behavior: reducedMotion.matches ? "auto" : "smooth", block: "start" });
}

document.addEventListener("keydown", (event) => {
  if (event.target.closest("input, textarea, select, dialog") || event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.key === " " && !event.target.closest("button, a")) {
    event.preventDefault();
    return togglePlay();
  }
  const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  move(step);
});

// ------------------------------------------------------------------- the sheet over the playing video
const sheet = document.getElementById("sheet");
const sheetTitle = document.getElementById("sheet-title");
let sheetSlide = null;
const comments = commentBox(sheet.querySelector('[data-part="comments"]'), {
  threads: document.getElementById("sheet-threads"),
  more: document.getElementById("sheet-more-comments"),
  onCount(delta) {
    const counter = sheetSlide?.querySelector(".comment-count");
    if (!counter) return;
    counter.dataset.count = Math.max(0, Number(counter.dataset.count ?? counter.textContent.replace(/\D/g, "")) + delta);
    counter.textContent = formatNumber(Number(counter.dataset.count));
    document.getElementById("sheet-no-comments").hidden = Number(counter.dataset.count) > 0;
  },
});

async function openSheet(button) {
  const part = button.dataset.sheet;
  sheetSlide = button.closest(".slide");
  for (const section of sheet.querySelectorAll(".sheet-part")) section.hidden = section.dataset.part !== part;
  sheetTitle.textContent = t(`sheet_${part}`);
  const absolute = new URL(button.dataset.url, window.location.origin).href;
  if (part === "comments") {
    const shown = await comments.open(button.dataset.id).catch((error) => toast(error.message));
    document.getElementById("sheet-no-comments").hidden = shown !== 0;
  } else if (part === "remix") {
    const form = document.getElementById("sheet-remix-form");
    form.dataset.id = button.dataset.id;
    showError(form, "");
  } else {
    document.getElementById("sheet-share-link").value = absolute;
    document.getElementById("sheet-embed").value =
      `<iframe src="${absolute}?embed=1" width="360" height="640" allow="autoplay; fullscreen" title="Cielo"></iframe>`;
    document.getElementById("sheet-native-share").hidden = !navigator.share;
    sheet.dataset.url = absolute;
  }
  sheet.showModal();
  formatTimes(sheet);
}

document.addEventListener("click", (event) => {
  const opener = event.target.closest(".open-sheet");
  if (opener && feed.contains(opener)) openSheet(opener);
});
document.getElementById("sheet-copy").addEventListener("click", async () => {
  const field = document.getElementById("sheet-share-link");
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    field.select();
    document.execCommand("copy");
  }
  toast(t("copied"));
});
document.getElementById("sheet-native-share").addEventListener("click", () => share(sheet.dataset.url));
document.getElementById("sheet-remix-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    await api("POST", `/api/posts/${form.dataset.id}/remix`, { prompt: form.elements.prompt.value });
    form.reset();
    sheet.close();
    toast(t("remix_started"));
  } catch (error) {
    showError(form, error.message);
  }
});

// ------------------------------------------------------------------------------- steering in words
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
    window.location.reload(); // the address holds the video in view: the new ranking starts after it
  } catch (error) {
    showError(steerForm, error.message);
  }
});
document.getElementById("steer-clear")?.addEventListener("click", async () => {
  await api("DELETE", "/api/feed/steering").catch(() => null);
  window.location.reload();
});

reducedMotion.addEventListener?.("change", () => {
  if (reducedMotion.matches) {
    autoplay = false;
    pauseCurrent();
  }
});
feed.querySelectorAll(".slide:not(.end-card)").forEach(watch);
applySound();
observeTail();
if (!feed.dataset.nextCursor) finish(feed.dataset.limitReached === "true");
