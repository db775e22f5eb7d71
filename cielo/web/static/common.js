// Helpers shared by every page: translated strings, JSON calls with the CSRF header, toasts, fragments.
export const csrf = document.querySelector('meta[name="csrf-token"]')?.content;
const messages = JSON.parse(document.getElementById("i18n")?.textContent || "{}");

export function t(key) {
  return messages[key] || key;
}

export class ApiError extends Error {
  constructor(message, status, code, moderation = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.moderation = moderation; // a refusal's policy and the words that triggered it
  }
}

async function errorOf(response) {
  try {
    const { error, moderation } = await response.json();
    return new ApiError(error.message, response.status, error.code, moderation || null);
  } catch {
    return new ApiError(`${t("error")} (${response.status})`, response.status, null);
  }
}

// JSON (object body) or multipart (FormData body); cookie-authenticated writes carry the CSRF token. Every
// call asks for the page's language, so errors come in the language the page shows.
export async function api(method, url, body, { keepalive = false } = {}) {
  const headers = { "x-csrf-token": csrf || "", "accept-language": document.documentElement.lang || "en" };
  let payload = body;
  if (body && !(body instanceof FormData)) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch(url, { method, headers, body: payload, credentials: "same-origin", keepalive });
  if (!response.ok) throw await errorOf(response);
  return response.status === 204 ? null : response.json();
}

// Server-rendered HTML (escaped by the server) appended as nodes; returns the fragment and its headers.
export async function fragment(url) {
  const headers = { "accept-language": document.documentElement.lang || "en" };
  const response = await fetch(url, { credentials: "same-origin", headers });
  if (!response.ok) throw new ApiError(t("error"), response.status, null);
  const template = document.createElement("template");
  template.innerHTML = await response.text();
  return { nodes: template.content, headers: response.headers };
}

export function showError(form, message) {
  const box = form.querySelector(".error");
  if (!box) return toast(message);
  box.textContent = message;
  box.hidden = !message;
}

let toastTimer;
export function toast(message) {
  const box = document.querySelector(".toast");
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (box.hidden = true), 2600);
}

const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");

export function formatNumber(value) {
  return numbers.format(value);
}

const relative = new Intl.RelativeTimeFormat(document.documentElement.lang || "en", { numeric: "auto", style: "short" });
const steps = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];

export function formatTimes(root = document) {
  const now = Date.now() / 1000;
  for (const node of root.querySelectorAll("time[data-ts]")) {
    const ts = Number(node.dataset.ts);
    if (!ts) continue;
    const delta = ts - now;
    const step = steps.find(([, seconds]) => Math.abs(delta) >= seconds);
    node.textContent = step ? relative.format(Math.round(delta / step[1]), step[0]) : t("just_now");
    node.title = new Date(ts * 1000).toLocaleString(document.documentElement.lang);
  }
}

export async function share(url) {
  const absolute = new URL(url, window.location.origin).href;
  if (navigator.share) {
    try {
      await navigator.share({ url: absolute });
      return;
    } catch (error) {
      if (error.name === "AbortError") return;
    }
  }
  try {
    await navigator.clipboard.writeText(absolute);
  } catch {
    window.prompt("", absolute);
    return;
  }
  toast(t("copied"));
}

// A moderation refusal in a form (create, remix): the server's message, already in the page's language, and
// "This was wrong", which sends the prompt to the moderators' queue (POST /api/moderation/appeals). Kept here
// rather than in a module of its own: one import less before a page's form handlers are in place.
export function clearRefusal(form) {
  form.querySelector(".appeal")?.remove();
}

export function showRefusal(form, error, prompt) {
  showError(form, error.message);
  clearRefusal(form);
  if (error.code !== "moderation_blocked") return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "appeal link";
  button.textContent = t("appeal");
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await api("POST", "/api/moderation/appeals", { prompt });
      const sent = document.createElement("p");
      sent.className = "appeal muted";
      sent.setAttribute("role", "status");
      sent.textContent = t("appeal_sent");
      button.replaceWith(sent);
    } catch (failure) {
      button.disabled = false;
      showError(form, failure.message);
    }
  });
  form.querySelector(".error").after(button);
}
