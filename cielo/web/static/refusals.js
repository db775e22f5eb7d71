// A moderation refusal in a form (create, remix): the server's message, already in the page's language, and
// "This was wrong", which sends the prompt to the moderators' queue (POST /api/moderation/appeals).
import { api, showError, t } from "./common.js";

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
