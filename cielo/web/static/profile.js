// A profile's grid of published videos, with "Load more".
import { fragment } from "./common.js";

const grid = document.getElementById("grid");
document.getElementById("more-posts")?.addEventListener("click", async (event) => {
  const button = event.currentTarget;
  const cursor = grid.dataset.nextCursor;
  if (!cursor) return;
  const { nodes, headers } = await fragment(`/fragments/posts/${grid.dataset.handle}?cursor=${encodeURIComponent(cursor)}`);
  grid.append(nodes);
  grid.dataset.nextCursor = headers.get("x-next-cursor") || "";
  button.hidden = !grid.dataset.nextCursor;
});
