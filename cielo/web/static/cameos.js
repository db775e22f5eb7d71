// The cameo page: record a clip in the browser (challenge, camera, MediaRecorder, upload) or upload a file;
// characters; permissions, restrictions, approvals; videos using a cameo. Every write goes to /api/cameos.
import { api, showError, t, toast } from "./common.js";

const RECORD_SECONDS = 6; // inside the 3-10 s the server accepts, long enough for two turns and four digits

const recorder = document.getElementById("recorder");
const challengeBox = document.getElementById("challenge");
const camera = document.getElementById("camera");
const statusLine = document.getElementById("record-status");
const recordButton = document.getElementById("record");
let challenge = null;
let stream = null;

function say(text) {
  statusLine.textContent = text;
}

async function newChallenge() {
  challenge = await api("POST", "/api/cameos/challenge");
  challengeBox.textContent = instructions(challenge);
  challengeBox.dataset.id = challenge.id;
  challengeBox.dataset.turns = challenge.turns.join(",");
  challengeBox.hidden = false;
  return challenge;
}

// The challenge in the page's language, from its turns and digits (the API's `instructions` is English).
function instructions({ turns, digits }) {
  const steps = turns.map((side) => t(side === "left" ? "challenge_turn_left" : "challenge_turn_right"));
  let text = `${t("challenge_look")}, ${steps.join(t("challenge_then"))}, ${t("challenge_back")}`;
  if (digits) text += `, ${t("challenge_digits")} ${digits.split("").join(" ")}`;
  return `${text}.`;
}

async function ensureChallenge() {
  if (!challenge || challenge.expires_at * 1000 < Date.now()) await newChallenge();
  return challenge;
}

async function upload(blob, filename) {
  const current = await ensureChallenge();
  const body = new FormData();
  body.append("challenge_id", current.id);
  body.append("voice", recorder.querySelector("select[name=voice]").value);
  body.append("video", blob, filename);
  say(t("cameo_checking"));
  try {
    await api("POST", "/api/cameos", body);
    say(t("cameo_ready"));
    toast(t("cameo_saved"));
    window.location.reload();
  } catch (error) {
    challenge = null; // a challenge answers one clip only
    say("");
    showError(recorder, error.message);
    await newChallenge().catch(() => {});
  }
}

function pickMimeType() {
  const wanted = ["video/webm;codecs=vp8,opus", "video/webm;codecs=vp9,opus", "video/webm", "video/mp4"];
  return wanted.find((type) => window.MediaRecorder && MediaRecorder.isTypeSupported(type)) || "";
}

async function record() {
  showError(recorder, "");
  recordButton.disabled = true;
  try {
    await ensureChallenge();
    if (!stream) {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
      camera.srcObject = stream;
      camera.hidden = false;
    }
    const mimeType = pickMimeType();
    const media = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks = [];
    media.addEventListener("dataavailable", (event) => event.data.size && chunks.push(event.data));
    const stopped = new Promise((resolve) => media.addEventListener("stop", resolve));
    media.start(250);
    recorder.dataset.state = "recording";
    for (let left = RECORD_SECONDS; left > 0; left -= 1) {
      say(t("recording").replace("%(n)s", left));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    media.stop();
    await stopped;
    recorder.dataset.state = "uploading";
    const type = media.mimeType || mimeType || "video/webm";
    await upload(new Blob(chunks, { type }), type.includes("mp4") ? "cameo.mp4" : "cameo.webm");
  } catch (error) {
    showError(recorder, error.message || String(error));
  } finally {
    recorder.dataset.state = "idle";
    recordButton.disabled = false;
  }
}

recordButton?.addEventListener("click", record);
document.getElementById("new-challenge")?.addEventListener("click", () => newChallenge().catch((e) => toast(e.message)));
document.getElementById("clip-file")?.addEventListener("change", async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  showError(recorder, "");
  await upload(file, file.name);
  event.target.value = "";
});
if (recorder) newChallenge().catch((error) => showError(recorder, error.message));

// ---------------------------------------------------------------------------- each cameo's settings
for (const card of document.querySelectorAll("section.cameo")) {
  const id = card.dataset.id;
  const settings = card.querySelector(".cameo-settings");
  settings.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(settings);
    try {
      await api("PATCH", `/api/cameos/${id}`, {
        permission: data.get("permission"),
        restrictions: String(data.get("restrictions") || "").split("\n").map((r) => r.trim()).filter(Boolean),
        voice: data.get("voice"),
      });
      showError(settings, "");
      toast(t("saved"));
    } catch (error) {
      showError(settings, error.message);
    }
  });
  // The voice: the switch saves itself; a new recording replaces the sample in place.
  const voiceSwitch = card.querySelector(".voice-enabled");
  const sample = card.querySelector(".voice-sample");
  const resample = (cameo) => {
    sample.src = `${cameo.voice_sample_url}&lang=${document.documentElement.lang || "en"}`;
    sample.load();
  };
  voiceSwitch?.addEventListener("change", async () => {
    try {
      resample(await api("PATCH", `/api/cameos/${id}`, { voice_enabled: voiceSwitch.checked }));
      toast(t("saved"));
    } catch (error) {
      voiceSwitch.checked = !voiceSwitch.checked; // what the server still has
      toast(error.message);
    }
  });
  const voiceForm = card.querySelector(".voice-form");
  voiceForm?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = voiceForm.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const cameo = await api("PUT", `/api/cameos/${id}/voice`, new FormData(voiceForm));
      showError(voiceForm, "");
      voiceForm.reset();
      resample(cameo);
      toast(t("voice_saved"));
    } catch (error) {
      showError(voiceForm, error.message);
    } finally {
      button.disabled = false;
    }
  });
  card.querySelector(".delete-cameo").addEventListener("click", async () => {
    if (!window.confirm(t("cameo_delete_confirm").replace("%(handle)s", card.dataset.handle))) return;
    try {
      await api("DELETE", `/api/cameos/${id}`);
      window.location.reload();
    } catch (error) {
      showError(settings, error.message);
    }
  });
  const access = card.querySelector(".cameo-access");
  access.addEventListener("click", async (event) => {
    const button = event.target.closest("button.approve, button.revoke");
    if (!button) return;
    try {
      if (button.classList.contains("approve")) {
        await api("POST", `/api/cameos/${id}/access`, { handle: button.dataset.handle });
      } else {
        await api("DELETE", `/api/cameos/${id}/access/${encodeURIComponent(button.dataset.handle)}`);
      }
      window.location.reload();
    } catch (error) {
      showError(access, error.message);
    }
  });
  const approveForm = card.querySelector(".approve-form");
  approveForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", `/api/cameos/${id}/access`, { handle: new FormData(approveForm).get("handle").replace(/^@/, "") });
      window.location.reload();
    } catch (error) {
      showError(access, error.message);
    }
  });
  watchTrainings(card, id);
  card.querySelector(".uses").addEventListener("click", async (event) => {
    const button = event.target.closest("button.delete-use");
    if (!button) return;
    if (!window.confirm(t("cameo_use_delete_confirm"))) return;
    try {
      await api("DELETE", `/api/cameos/${id}/uses/${button.dataset.video}`);
      button.closest("li").remove();
      toast(t("deleted"));
    } catch (error) {
      toast(error.message);
    }
  });
}

// ---------------------------------------------------------------------------- trained likeness
// Start a training, follow each running one (progress bar and percentage, over its events stream), cancel
// it. A training that ends reloads the page, which shows its outcome.
function watchTrainings(card, id) {
  const box = card.querySelector(".cameo-training");
  box.querySelector(".train-form")?.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await api("POST", `/api/cameos/${id}/trainings`, { model: new FormData(event.target).get("model") });
      window.location.reload();
    } catch (error) {
      showError(box, error.message);
    }
  });
  box.addEventListener("click", async (event) => {
    const button = event.target.closest("button.cancel-training");
    if (!button) return;
    try {
      await api("DELETE", `/api/cameos/${id}/trainings/${button.dataset.id}`);
      button.disabled = true;
    } catch (error) {
      showError(box, error.message);
    }
  });
  for (const row of box.querySelectorAll("li.training")) {
    if (row.dataset.status !== "queued" && row.dataset.status !== "in_progress") continue;
    const source = new EventSource(`/api/cameos/${id}/trainings/${row.dataset.id}/events`);
    source.addEventListener("progress", (event) => {
      const training = JSON.parse(event.data);
      row.querySelector("progress").value = training.progress;
      row.querySelector(".training-percent").textContent = `${training.progress}%`;
    });
    source.addEventListener("done", () => {
      source.close();
      window.location.reload(); // the page shows how it ended
    });
  }
}

// ---------------------------------------------------------------------------- characters
const characterForm = document.getElementById("character-form");
characterForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = characterForm.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    await api("POST", "/api/cameos/characters", new FormData(characterForm));
    window.location.reload();
  } catch (error) {
    showError(characterForm, error.message);
  } finally {
    button.disabled = false;
  }
});

// ---------------------------------------------------------------------------- someone else's cameo
const lookupForm = document.getElementById("lookup-form");
const others = document.getElementById("others");
const lookupResult = document.getElementById("lookup-result");
const askButton = document.getElementById("ask-access");
let looked = null;
lookupForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const handle = new FormData(lookupForm).get("handle").replace(/^@/, "").trim();
  try {
    looked = await api("GET", `/api/cameos/lookup/${encodeURIComponent(handle)}`);
    showError(others, "");
    const state = looked.can_use ? t("cameo_may_use") : looked.access === "pending" ? t("cameo_requested") : looked.reason;
    lookupResult.querySelector(".lookup-text").textContent = `@${looked.handle} (${looked.name}): ${state}`;
    askButton.hidden = looked.can_use || looked.access === "pending";
    lookupResult.hidden = false;
  } catch (error) {
    lookupResult.hidden = true;
    showError(others, error.message);
  }
});
askButton?.addEventListener("click", async () => {
  try {
    const result = await api("POST", `/api/cameos/${looked.id}/requests`);
    lookupResult.querySelector(".lookup-text").textContent =
      `@${result.handle}: ${result.can_use ? t("cameo_may_use") : t("cameo_requested")}`;
    askButton.hidden = true;
  } catch (error) {
    showError(others, error.message);
  }
});
