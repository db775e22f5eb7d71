// Settings: profile and avatar, password, API keys, webhooks.
import { api, showError, t, toast } from "./common.js";

function onSubmit(id, handler) {
  const form = document.getElementById(id);
  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await handler(form, new FormData(form));
      showError(form, "");
    } catch (error) {
      showError(form.closest(".card") || form, error.message);
    }
  });
}

function reveal(section, label, secret) {
  const box = section.querySelector(".secret");
  box.textContent = "";
  const code = document.createElement("code");
  code.textContent = secret;
  box.append(`${label} `, code);
  box.hidden = false;
}

onSubmit("profile-form", async (form, data) => {
  const language = data.get("language");
  const changed = language !== form.dataset.language;
  await api("PATCH", "/api/me/profile", { display_name: data.get("display_name"), bio: data.get("bio"), language });
  if (changed) return window.location.reload(); // the whole page in the new language
  toast(t("saved"));
});

document.getElementById("avatar-input")?.addEventListener("change", async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  const body = new FormData();
  body.append("avatar", file);
  try {
    await api("PUT", "/api/me/avatar", body);
    window.location.reload();
  } catch (error) {
    showError(document.getElementById("profile-form"), error.message);
  }
});

document.getElementById("avatar-remove")?.addEventListener("click", async () => {
  await api("DELETE", "/api/me/avatar");
  window.location.reload();
});

onSubmit("password-form", async (form, data) => {
  await api("POST", "/api/me/password", {
    current_password: data.get("current_password"),
    new_password: data.get("new_password"),
    revoke_api_keys: data.get("revoke_api_keys") === "on",
  });
  form.reset();
  toast(t("saved"));
});

onSubmit("key-form", async (form, data) => {
  const key = await api("POST", "/api/keys", { name: data.get("name") || "" });
  reveal(document.getElementById("keys"), t("key_shown_once"), key.key);
  form.reset();
});

onSubmit("webhook-form", async (form, data) => {
  const hook = await api("POST", "/api/webhooks", { url: data.get("url") });
  reveal(document.getElementById("webhooks"), t("secret_shown_once"), hook.secret);
  form.reset();
});

onSubmit("delete-account-form", async (form, data) => {
  if (!window.confirm(t("delete_account_confirm"))) return;
  await api("POST", "/api/me/delete", { confirm: data.get("confirm") });
  window.location.assign("/login");
});

// Browser notifications can only be asked for from a click.
const allow = document.getElementById("allow-notifications");
function showNotificationState() {
  const state = document.querySelector(".notification-state");
  if (!("Notification" in window)) {
    allow.hidden = true;
    state.textContent = t("notifications_unsupported");
    return;
  }
  allow.hidden = Notification.permission !== "default";
  state.textContent = { granted: t("notifications_on"), denied: t("notifications_blocked"), default: "" }[Notification.permission];
}
allow?.addEventListener("click", async () => {
  await Notification.requestPermission();
  showNotificationState();
});
if (allow) showNotificationState();

document.addEventListener("click", async (event) => {
  const revoke = event.target.closest(".revoke-key");
  const removeHook = event.target.closest(".delete-webhook");
  try {
    if (revoke) {
      await api("DELETE", `/api/keys/${revoke.dataset.id}`);
      revoke.closest("li").remove();
    } else if (removeHook) {
      await api("DELETE", `/api/webhooks/${removeHook.dataset.id}`);
      removeHook.closest("li").remove();
    }
  } catch (error) {
    toast(error.message);
  }
});
