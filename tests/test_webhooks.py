"""Webhooks: signed Standard-Webhooks style, retried with backoff after failures, deliveries visible."""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from cielo.jobs import webhooks
from cielo.jobs.queue import claim_next, finish
from tests.conftest import auth, make_user


class Receiver:
    """A real HTTP endpoint on loopback that fails the first `failures` deliveries."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.received: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["content-length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = 500 if len(receiver.received) <= receiver.failures else 204
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


async def test_video_completed_webhook_is_signed_retried_and_recorded(client):
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


async def test_failed_video_event_and_endpoint_validation(client):
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
