// The one live stream of a signed-in page (/api/events): the inbox badge follows the unread count, every
// part of the page hears about the person's videos ("cielo:video" events), and when the tab is in the
// background and the person allowed it, new notifications show as system notifications.
const badgeLink = document.querySelector('.nav a[href="/notifications"]');

function setBadge(count) {
  let badge = document.getElementById("unread-badge");
  if (document.body.dataset.page === "notifications") count = 0; // this page reads them
  if (!count) return badge?.remove();
  if (!badge) {
    badge = document.createElement("b");
    badge.className = "badge";
    badge.id = "unread-badge";
    badgeLink?.append(badge);
  }
  badge.textContent = count < 100 ? String(count) : "99+";
}

function notify(item) {
  if (!("Notification" in window) || Notification.permission !== "granted" || !document.hidden) return;
  const note = new Notification("Cielo", { body: item.text, tag: item.id, icon: "/static/icons/icon-192.png" });
  note.onclick = () => {
    window.focus();
    window.location.assign(item.url);
  };
}

export function startLive() {
  if (!window.EventSource || !badgeLink) return null;
  const source = new EventSource("/api/events");
  source.addEventListener("unread", (event) => setBadge(JSON.parse(event.data).count));
  source.addEventListener("notification", (event) => {
    const item = JSON.parse(event.data);
    notify(item);
    document.dispatchEvent(new CustomEvent("cielo:notification", { detail: item }));
  });
  source.addEventListener("video", (event) => {
    document.dispatchEvent(new CustomEvent("cielo:video", { detail: JSON.parse(event.data) }));
  });
  return source;
}
