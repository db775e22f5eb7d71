"""Webhooks: signed Standard-Webhooks style, retried with backoff after failures, deliveries visible; only
public targets (no SSRF), checked again at delivery and connected to the checked address, many endpoints at
once. No test sends traffic beyond 127.0.0.1: host names resolve through a stub resolver."""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cielo.jobs import webhook_targets, webhooks
from cielo.jobs.queue import claim_next, finish
from tests.conftest import auth, make_user


class Receiver:
    """A real HTTP endpoint on loopback that fails the first `failures` deliveries (or answers `status`),
    and waits for `gate` before answering when one is given."""

    def __init__(self, failures: int = 0, status: int = 204, gate: threading.Event | None = None) -> None:
        self.failures = failures
        self.received: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["content-length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                if gate is not None:
                    gate.wait(30)
                answer = 500 if len(receiver.received) <= receiver.failures else status
                self.send_response(answer)
                if 300 <= answer < 400:
                    self.send_header("location", "http://127.0.0.1:9/elsewhere")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def local_hooks(client):
    """The instance lets webhooks reach this machine's test receivers (an operator's allowlist)."""
    settings = client.app.state.services.settings
    settings.webhook_allow_http = True
    settings.webhook_allowed_hosts = ["127.0.0.1/32", "hooks.example"]
    return client


@pytest.fixture
def dns(monkeypatch):
    """A stub resolver: names map to the addresses a test says; unknown names do not resolve."""
    table: dict[str, list[str]] = {}

    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("no such host")
        return table[host]

    monkeypatch.setattr(webhook_targets, "system_resolver", resolve)
    monkeypatch.setattr(webhooks, "system_resolver", resolve)
    return table


async def _fail_a_video(svc, key: str, client) -> None:
    await client.post("/v1/videos", headers=auth(key), json={"prompt": "a"})
    lease = await claim_next(svc.sessions, svc.settings, "w")
    await finish(svc.sessions, svc.settings, lease, status="failed", error=("render_error", "boom"))


async def _deliveries(client, key: str, endpoint_id: str) -> list[dict]:
    return (await client.get(f"/api/webhooks/{endpoint_id}/deliveries", headers=auth(key))).json()["data"]


async def _wait(predicate, what: str) -> None:
    for _ in range(300):
        if await predicate():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


async def test_video_completed_webhook_is_signed_retried_and_recorded(local_hooks):
    client = local_hooks
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    receiver = Receiver(failures=2)
    try:
        made = await client.post("/api/webhooks", headers=auth(key), json={"url": receiver.url})
        assert made.status_code == 200, made.text
        endpoint = made.json()
        assert endpoint["secret"].startswith("whsec_")

        video = (await client.post("/v1/videos", headers=auth(key), json={"prompt": "a lake"})).json()
        lease = await claim_next(svc.sessions, svc.settings, "test-worker")
        assert lease.job_id == video["id"]
        assert await finish(svc.sessions, svc.settings, lease, status="completed", outputs={})

        for _ in range(100):
            if len(receiver.received) >= 3:
                break
            await asyncio.sleep(0.1)
        assert len(receiver.received) == 3  # two failures, then success

        headers, body = receiver.received[-1]
        assert webhooks.verify(endpoint["secret"], headers, body)
        assert not webhooks.verify(endpoint["secret"], headers, body.replace(b"video", b"vidoe"))
        event = json.loads(body)
        assert event["type"] == "video.completed" and event["data"]["id"] == video["id"]
        assert headers["webhook-id"] == event["id"]
        # every retry carries the same event id, so receivers can de-duplicate
        assert {h["webhook-id"] for h, _ in receiver.received} == {event["id"]}

        deliveries = (await client.get(f"/api/webhooks/{endpoint['id']}/deliveries", headers=auth(key))).json()
        [delivery] = deliveries["data"]
        assert delivery["status"] == "succeeded" and delivery["attempts"] == 3
        assert delivery["last_status_code"] == 204
    finally:
        receiver.close()


async def test_failed_video_event_and_endpoint_validation(local_hooks):
    client = local_hooks
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    bad = await client.post("/api/webhooks", headers=auth(key), json={"url": "file:///etc/passwd"})
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "url"
    bad_event = await client.post("/api/webhooks", headers=auth(key),
                                  json={"url": "http://127.0.0.1:9/x", "events": ["video.exploded"]})
    assert bad_event.status_code == 400

    receiver = Receiver(failures=0)
    try:
        endpoint = (await client.post("/api/webhooks", headers=auth(key),
                                      json={"url": receiver.url, "events": ["video.failed"]})).json()
        await client.post("/v1/videos", headers=auth(key), json={"prompt": "a"})
        lease = await claim_next(svc.sessions, svc.settings, "w")
        await finish(svc.sessions, svc.settings, lease, status="failed", error=("render_error", "boom"))
        for _ in range(100):
            if receiver.received:
                break
            await asyncio.sleep(0.1)
        [(headers, body)] = receiver.received
        assert json.loads(body)["type"] == "video.failed"
        assert webhooks.verify(endpoint["secret"], headers, body)
    finally:
        receiver.close()


def test_signature_matches_standard_webhooks_reference_vector():
    # The example from the Standard Webhooks specification.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    signature = webhooks.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


@pytest.mark.parametrize("url", [
    "https://127.0.0.1:8000/", "https://localhost/", "https://127.1/", "https://2130706433/", "https://0x7f.1/",
    "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://10.0.0.1/", "https://192.168.1.20/",
    "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/", "https://0.0.0.0/", "https://224.0.0.1/",
    "https://user:pw@hooks.public.example/", "https://hooks.public.example:99999/", "http://hooks.public.example/",
    "https://internal.example/", "https://mixed.example/", "https://nowhere.example/",
])
async def test_webhook_targets_inside_the_network_are_refused(client, dns, url):
    dns.update({"hooks.public.example": ["93.184.216.34"], "internal.example": ["10.1.2.3"],
                "mixed.example": ["93.184.216.34", "127.0.0.1"], "localhost": ["127.0.0.1", "::1"]})
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    refused = await client.post("/api/webhooks", headers=auth(key), json={"url": url})
    assert refused.status_code == 400, refused.text
    assert refused.json()["error"]["param"] == "url"
    assert (await client.get("/api/webhooks", headers=auth(key))).json()["data"] == []


async def test_public_targets_are_saved_capped_and_their_events_unique(client, dns):
    dns["hooks.public.example"] = ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]
    svc = client.app.state.services
    svc.settings.webhook_max_endpoints = 2
    _, key = await make_user(svc, "ana")
    made = await client.post("/api/webhooks", headers=auth(key),
                             json={"url": "https://hooks.public.example/in", "events": ["video.failed"] * 2})
    assert made.status_code == 200, made.text
    assert made.json()["events"] == ["video.failed"] and made.headers["cache-control"] == "no-store"
    flood = await client.post("/api/webhooks", headers=auth(key),
                              json={"url": "https://hooks.public.example/x", "events": ["video.failed"] * 10_000})
    assert flood.status_code == 400 and flood.json()["error"]["param"] == "events"
    assert (await client.post("/api/webhooks", headers=auth(key),
                              json={"url": "https://hooks.public.example/2"})).status_code == 200
    third = await client.post("/api/webhooks", headers=auth(key), json={"url": "https://hooks.public.example/3"})
    assert third.status_code == 409 and third.json()["error"]["code"] == "too_many_webhooks"


async def test_delivery_checks_again_and_connects_to_the_checked_address(local_hooks, dns):
    """Pinned: hooks.example resolves (through the stub only) to the receiver's address, which gets the
    request with the host's own Host header. Rebinding: a name that was public when saved and points inside
    at delivery time is refused, and the deliveries list says only "refused"."""
    client = local_hooks
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    receiver = Receiver()
    try:
        dns.update({"hooks.example": ["127.0.0.1"], "rebind.example": ["93.184.216.34"]})
        pinned = (await client.post("/api/webhooks", headers=auth(key), json={
            "url": f"http://hooks.example:{receiver.port}/hook", "events": ["video.failed"]})).json()
        rebind = (await client.post("/api/webhooks", headers=auth(key), json={
            "url": f"http://rebind.example:{receiver.port}/hook", "events": ["video.failed"]})).json()
        dns["rebind.example"] = ["192.168.0.10"]
        await _fail_a_video(svc, key, client)

        async def both_tried() -> bool:
            return all([(await _deliveries(client, key, e["id"]))[0]["attempts"] >= 1 for e in (pinned, rebind)])

        await _wait(both_tried, "both deliveries attempted")
        [(headers, _)] = receiver.received
        assert headers["host"] == f"hooks.example:{receiver.port}"
        [refused] = await _deliveries(client, key, rebind["id"])
        assert refused["last_error"] == "refused" and refused["last_status_code"] is None
    finally:
        receiver.close()


async def test_failures_are_recorded_as_classes_and_redirects_are_not_followed(local_hooks):
    client = local_hooks
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    redirecting = Receiver(status=302)
    closed = Receiver()
    closed.close()
    closed.server.server_close()  # nothing listens there now
    try:
        moved = (await client.post("/api/webhooks", headers=auth(key),
                                   json={"url": redirecting.url, "events": ["video.failed"]})).json()
        gone = (await client.post("/api/webhooks", headers=auth(key),
                                  json={"url": closed.url, "events": ["video.failed"]})).json()
        await _fail_a_video(svc, key, client)

        async def both_tried() -> bool:
            return all([(await _deliveries(client, key, e["id"]))[0]["attempts"] >= 1 for e in (moved, gone)])

        await _wait(both_tried, "both deliveries attempted")
        [redirect] = await _deliveries(client, key, moved["id"])
        assert redirect["last_error"] == "redirect" and redirect["last_status_code"] == 302
        assert len(redirecting.received) >= 1  # and the Location was not fetched (port 9 would refuse)
        [failure] = await _deliveries(client, key, gone["id"])
        assert failure["last_error"] == "connect_failed" and failure["last_status_code"] is None
    finally:
        redirecting.close()


async def test_one_users_slow_endpoint_does_not_hold_up_anothers(local_hooks):
    client = local_hooks
    svc = client.app.state.services
    _, slow_key = await make_user(svc, "slow")
    _, fast_key = await make_user(svc, "fast")
    gate = threading.Event()
    slow = Receiver(gate=gate)
    fast = Receiver()
    try:
        for i in range(3):  # three slow endpoints, each with a delivery hanging
            await client.post("/api/webhooks", headers=auth(slow_key),
                              json={"url": f"{slow.url}{i}", "events": ["video.failed"]})
        await _fail_a_video(svc, slow_key, client)

        async def slow_hanging() -> bool:
            return len(slow.received) == 3

        await _wait(slow_hanging, "the slow endpoints to be called")
        await client.post("/api/webhooks", headers=auth(fast_key), json={"url": fast.url, "events": ["video.failed"]})
        await _fail_a_video(svc, fast_key, client)

        async def fast_delivered() -> bool:
            return len(fast.received) == 1

        await _wait(fast_delivered, "the other user's delivery")
        assert not gate.is_set() and len(slow.received) == 3  # the slow ones are still hanging
    finally:
        gate.set()
        slow.close()
        fast.close()
