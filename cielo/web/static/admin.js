// Moderation queue: each button resolves its report or appeal through the JSON API, then the row leaves.
import { api, toast, t } from "./common.js";

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

for (const row of document.querySelectorAll("li.appeal-item")) {
  for (const button of row.querySelectorAll("button[data-action]")) {
    button.addEventListener("click", async () => {
      try {
        const appeal = await api("POST", `/api/admin/appeals/${row.dataset.appeal}/resolve`, { action: button.dataset.action });
        toast(t(appeal.status === "allowed" ? "appeal_allowed" : "appeal_upheld"));
        row.remove();
      } catch (error) {
        button.textContent = error.message;
      }
    });
  }
}
