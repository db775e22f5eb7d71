// The inbox: opening it reads what it shows (the server marked them), so the badge goes; "Load more".
import { formatTimes, fragment } from "./common.js";

document.getElementById("unread-badge")?.remove();
const list = document.getElementById("notifications");
document.getElementById("more-notifications")?.addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const cursor = list.dataset.nextCursor;
  if (!cursor) return;
  const { nodes, headers } = await fragment(`/fragments/notifications?cursor=${encodeURIComponent(cursor)}`);
  list.append(nodes);
  formatTimes(list);
  list.dataset.nextCursor = headers.get("x-next-cursor") || "";
  button.hidden = !list.dataset.nextCursor;
});
