// Entry point of every page: behaviours that any page can contain, then the page's own module.
import { api, formatTimes, share, showError, t, toast } from "./common.js";
import { startLive } from "./live.js";

for (const form of document.querySelectorAll("form[data-endpoint]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const body = Object.fromEntries(new FormData(form));
      const response = await fetch(form.dataset.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        const { error } = await response.json().catch(() => ({ error: { message: t("error") } }));
        showError(form, error.message);
        return;
      }
      window.location.assign(form.dataset.next || "/feed");
    } finally {
      button.disabled = false;
    }
  });
}

function setLiked(id, liked, count) {
  for (const button of document.querySelectorAll(`.like[data-id="${CSS.escape(id)}"]`)) {
    button.setAttribute("aria-pressed", String(liked));
    button.setAttribute("aria-label", liked ? t("unlike") : t("like"));
    const counter = button.querySelector(".like-count");
    if (counter && count !== undefined) counter.textContent = count;
  }
}

function setFollowing(button, following) {
  button.dataset.following = String(following);
  button.textContent = following ? t("following") : t("follow");
  button.classList.toggle("primary", !following);
  button.classList.toggle("secondary", following);
}

const clicks = {
  async ".like"(button) {
    const liked = button.getAttribute("aria-pressed") === "true";
    setLiked(button.dataset.id, !liked); // answer the tap at once; the server's count follows
    try {
      const result = await api(liked ? "DELETE" : "POST", `/api/posts/${button.dataset.id}/like`);
      setLiked(result.id, result.liked, result.like_count);
    } catch (error) {
      setLiked(button.dataset.id, liked);
      toast(error.message);
    }
  },
  async ".share"(button) {
    await share(button.dataset.url);
  },
  async ".share-invite"(button) {
    await share(button.dataset.url);
  },
  async ".follow"(button) {
    const following = button.dataset.following === "true";
    try {
      const profile = await api(following ? "DELETE" : "POST", `/api/users/${button.dataset.handle}/follow`);
      setFollowing(button, profile.following);
      const counter = button.dataset.countTarget && document.querySelector(button.dataset.countTarget);
      if (counter) counter.textContent = profile.follower_count;
    } catch (error) {
      toast(error.message);
    }
  },
  async ".block"(button) {
    const blocked = button.dataset.blocked === "true";
    if (!blocked && !window.confirm(t("block_confirm"))) return;
    try {
      await api(blocked ? "DELETE" : "POST", `/api/users/${button.dataset.handle}/block`);
      window.location.reload();
    } catch (error) {
      toast(error.message);
    }
  },
  async ".delete-video"(button) {
    if (!window.confirm(t("delete_confirm"))) return;
    try {
      await api("DELETE", `/v1/videos/${button.dataset.id}`);
    } catch (error) {
      return toast(error.message);
    }
    if (button.dataset.after) return window.location.assign(button.dataset.after);
    button.closest(".draft")?.remove();
  },
  async ".unpublish"(button) {
    try {
      await api("POST", `/api/videos/${button.dataset.id}/unpublish`);
      window.location.reload();
    } catch (error) {
      toast(error.message);
    }
  },
  async ".report"(button) {
    const dialog = document.getElementById("report-dialog");
    const form = dialog.querySelector("form");
    form.reset();
    form.elements.target_type.value = button.dataset.reportType;
    form.elements.target_id.value = button.dataset.reportId;
    showError(form, "");
    dialog.showModal();
  },
  async ".close-dialog"(button) {
    button.closest("dialog")?.close();
  },
  async "#logout"() {
    await api("POST", "/api/auth/logout").catch(() => null);
    window.location.assign("/login");
  },
};

document.addEventListener("click", (event) => {
  for (const [selector, handler] of Object.entries(clicks)) {
    const target = event.target.closest(selector);
    if (target) {
      event.preventDefault();
      handler(target);
      return;
    }
  }
});

// Reports of a video, a comment or a person, from the dialog the Report buttons open.
document.getElementById("report-dialog")?.querySelector("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  try {
    await api("POST", "/api/reports", Object.fromEntries(new FormData(form)));
    form.closest("dialog").close();
    toast(t("report_sent"));
  } catch (error) {
    showError(form, error.message);
  }
});

// Publishing from the drafts list or from the video page.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest(".publish-form");
  if (!form) return;
  event.preventDefault();
  const data = new FormData(form);
  try {
    const post = await api("POST", `/api/videos/${form.dataset.id}/publish`, {
      caption: data.get("caption") || "",
      show_prompt: data.get("show_prompt") === "on",
    });
    showError(form, "");
    const draft = form.closest(".draft");
    if (!draft) return window.location.reload();
    // A published video leaves the drafts; a short note says where it went.
    const done = document.createElement("li");
    done.className = "published-note";
    const link = document.createElement("a");
    link.className = "published-link";
    link.href = post.url;
    link.textContent = `✓ ${t("published")}`;
    done.append(link);
    draft.replaceWith(done);
    toast(t("published"));
  } catch (error) {
    showError(form, error.message);
  }
});

formatTimes();
if (document.body.classList.contains("signed-in")) startLive();
const pages = { feed: "feed", create: "create", video: "video", profile: "profile", notifications: "notifications",
  settings: "settings" };
const page = pages[document.body.dataset.page];
if (page) import(`./${page}.js`);
