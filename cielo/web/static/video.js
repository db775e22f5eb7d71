// The video page: comments (with one level of replies), deleting them, more comments, and remixing.
import { api, formatTimes, fragment, showError, showRefusal, t, toast } from "./common.js";

const section = document.getElementById("comments");
const form = document.getElementById("comment-form");
const threads = document.getElementById("threads");

function commentNode(comment) {
  const node = document.getElementById("comment-template").content.firstElementChild.cloneNode(true);
  node.id = comment.id;
  node.dataset.id = comment.id;
  node.querySelector(".comment-body").textContent = comment.body;
  node.querySelector("time").dataset.ts = comment.created_at;
  node.querySelector(".reply").dataset.parent = comment.parent_id || comment.id;
  node.querySelector(".delete-comment").dataset.id = comment.id;
  return node;
}

function threadNode(comment) {
  const thread = document.createElement("li");
  thread.className = "thread";
  thread.dataset.id = comment.id;
  const top = document.createElement("ul");
  top.className = "comment-list";
  top.append(commentNode(comment));
  const replies = document.createElement("ul");
  replies.className = "replies";
  thread.append(top, replies);
  return thread;
}

function setReplying(parentId, handle) {
  form.elements.parent_id.value = parentId || "";
  const note = form.querySelector(".replying");
  note.hidden = !parentId;
  note.querySelector(".replying-to").textContent = handle ? `@${handle}` : "";
}

function adjustTotal(delta) {
  const total = section.querySelector(".comment-total");
  total.textContent = Math.max(0, Number(total.textContent) + delta);
}

form?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = form.elements.body.value;
  const parentId = form.elements.parent_id.value || null;
  try {
    const comment = await api("POST", `/api/posts/${form.dataset.id}/comments`, { body, parent_id: parentId });
    showError(form, "");
    if (comment.parent_id) {
      const thread = threads.querySelector(`.thread[data-id="${CSS.escape(comment.parent_id)}"] .replies`);
      thread?.append(commentNode(comment));
    } else {
      threads.append(threadNode(comment));
    }
    formatTimes(threads);
    adjustTotal(1);
    form.elements.body.value = "";
    setReplying(null);
  } catch (error) {
    showError(form, error.message);
  }
});

section?.addEventListener("click", async (event) => {
  const reply = event.target.closest(".reply");
  if (reply) {
    setReplying(reply.dataset.parent, reply.dataset.handle);
    form.elements.body.focus();
    return;
  }
  if (event.target.closest(".cancel-reply")) return setReplying(null);
  const remove = event.target.closest(".delete-comment");
  if (remove && window.confirm(t("delete_comment_confirm"))) {
    try {
      const result = await api("DELETE", `/api/comments/${remove.dataset.id}`);
      const node = threads.querySelector(`[data-id="${CSS.escape(remove.dataset.id)}"]`);
      (node?.closest(".comment-list") ? node.closest(".thread") : node)?.remove();
      adjustTotal(-result.removed);
    } catch (error) {
      toast(error.message);
    }
  }
});

document.getElementById("more-comments")?.addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const cursor = section.dataset.nextCursor;
  if (!cursor) return;
  const { nodes, headers } = await fragment(`/fragments/comments/${section.dataset.id}?cursor=${encodeURIComponent(cursor)}`);
  threads.append(nodes);
  formatTimes(threads);
  section.dataset.nextCursor = headers.get("x-next-cursor") || "";
  button.hidden = !section.dataset.nextCursor;
});

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
