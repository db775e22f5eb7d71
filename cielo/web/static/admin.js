// Moderation queue: each button resolves its report through the JSON API, then the row leaves the list.
import { api } from "./common.js";

for (const row of document.querySelectorAll("li.report")) {
  for (const button of row.querySelectorAll("button[data-action]")) {
    button.addEventListener("click", async () => {
      try {
        await api("POST", `/api/admin/reports/${row.dataset.report}/resolve`, { action: button.dataset.action });
        row.remove();
      } catch (error) {
        button.textContent = error.message;
      }
    });
  }
}
