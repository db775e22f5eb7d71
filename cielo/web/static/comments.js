// Comments with one level of replies, used by the video page and by the sheet over the feed: post, reply,
// delete, more. `box` holds a .comment-form, a list of threads and a "more" button; the server renders the
// threads (escaped) and the page a <template id="comment-template"> for new ones.
import { api, formatTimes, fragment, showError, t, toast } from "./common.js";

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

// onCount(delta) is told when comments are added or removed.
export function commentBox(box, { threads, more, onCount }) {
  const form = box.querySelector(".comment-form");
  let videoId = form?.dataset.id;
  let cursor = "";

  function setReplying(parentId, handle) {
    form.elements.parent_id.value = parentId || "";
    const note = form.querySelector(".replying");
    note.hidden = !parentId;
    note.querySelector(".replying-to").textContent = handle ? `@${handle}` : "";
  }

  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = form.elements.body.value;
    const parentId = form.elements.parent_id.value || null;
    try {
      const comment = await api("POST", `/api/posts/${videoId}/comments`, { body, parent_id: parentId });
      showError(form, "");
      if (comment.parent_id) {
        threads.querySelector(`.thread[data-id="${CSS.escape(comment.parent_id)}"] .replies`)?.append(commentNode(comment));
      } else {
        threads.append(threadNode(comment));
      }
      formatTimes(threads);
      onCount(1);
      form.elements.body.value = "";
      setReplying(null);
    } catch (error) {
      showError(form, error.message);
    }
  });

  box.addEventListener("click", async (event) => {
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
        onCount(-result.removed);
      } catch (error) {
        toast(error.message);
      }
    }
  });

  async function loadMore() {
    if (!cursor) return;
    const { nodes, headers } = await fragment(`/fragments/comments/${videoId}?cursor=${encodeURIComponent(cursor)}`);
    threads.append(nodes);
    formatTimes(threads);
    cursor = headers.get("x-next-cursor") || "";
    more.hidden = !cursor;
  }
  more?.addEventListener("click", () => loadMore().catch((error) => toast(error.message)));

  return {
    // The sheet shows one video's comments at a time: load them from the start.
    async open(id) {
      videoId = id;
      form.dataset.id = id;
      setReplying(null);
      showError(form, "");
      const { nodes, headers } = await fragment(`/fragments/comments/${id}`);
      threads.replaceChildren(nodes);
      formatTimes(threads);
      cursor = headers.get("x-next-cursor") || "";
      more.hidden = !cursor;
      return threads.children.length;
    },
    start(nextCursor) {
      cursor = nextCursor || "";
    },
  };
}
