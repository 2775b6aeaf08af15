"""A test-bed agent built with matrix-nio, a client nobody on this project wrote.

It logs in with the password the seeder hands it, uploads its device keys and
never sets up cross-signing (nio has none), joins the rooms fleet members invite
it to, and, while the test bed is live, answers SAS emoji verification from the
auditor only. nio speaks SAS but not the request/ready/done framing around it,
so this bot sends `ready` and `done` itself, as any nio bot must. It confirms
only when the emoji the auditor's screen shows (handed in by a test through the
control channel) equal the emoji it computed itself.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from nio import (
    AsyncClient,
    AsyncClientConfig,
    KeyVerificationCancel,
    KeyVerificationEvent,
    KeyVerificationKey,
    KeyVerificationMac,
    KeyVerificationStart,
    LoginResponse,
    SyncError,
    ToDeviceMessage,
    UnknownToDeviceEvent,
)
from nio.crypto import Sas

from channel import Channel, log, setup_logging

SAS = "m.sas.v1"
# The SAS emoji table's names as the Matrix spec (and so the auditor's screen) gives them. nio has the same
# 64 emoji in the same order but names two differently (Wrench for Spanner, Airplane for Aeroplane), so the
# bot compares positions in the table, never names: comparing names failed whenever a 🔧 came up.
SPEC_EMOJI_NAMES = [
    name.replace("_", " ")
    for name in (
        "Dog Cat Lion Horse Unicorn Pig Elephant Rabbit Panda Rooster Penguin Turtle Fish Octopus Butterfly Flower "
        "Tree Cactus Mushroom Globe Moon Cloud Fire Banana Apple Strawberry Corn Pizza Cake Heart Smiley Robot Hat "
        "Glasses Spanner Santa Thumbs_Up Umbrella Hourglass Clock Gift Light_Bulb Book Pencil Paperclip Scissors Lock "
        "Key Hammer Telephone Flag Train Bicycle Aeroplane Rocket Trophy Ball Guitar Trumpet Bell Anchor Headphones Folder Pin"
    ).split()
]
SPEC_INDEX = {name.lower(): i for i, name in enumerate(SPEC_EMOJI_NAMES)}
# Short retry waits: the seeder restarts Synapse once (stale devices) while a live agent syncs.
CONFIG = AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False, max_timeout_retry_wait_time=2)


class Verifier:
    """The latest verification with the auditor, in the shape fleet-control.json reports for js-sdk agents."""

    def __init__(self, client: AsyncClient, channel: Channel, name: str, trusted: str) -> None:
        self.client, self.channel, self.name, self.trusted = client, channel, name, trusted
        self.tx: str | None = None
        self.view: dict[str, Any] | None = None
        self.sas_ready = asyncio.Event()
        self.sent_done = self.got_done = False

    def _set(self, **fields: Any) -> None:
        assert self.view is not None
        self.view.update(fields)
        self.channel.emit("verification", view=self.view)

    async def _send(self, kind: str, user: str, device: str, content: dict[str, Any]) -> None:
        await self.client.to_device(ToDeviceMessage(f"m.key.verification.{kind}", user, device, content))

    async def on_event(self, event: Any) -> None:
        kind = event.type if isinstance(event, UnknownToDeviceEvent) else type(event).__name__
        log(f"{self.name}: {kind} {getattr(event, 'transaction_id', '') or event.source.get('content', {}).get('transaction_id', '')}")
        if isinstance(event, UnknownToDeviceEvent) and event.type == "m.key.verification.request":
            await self._on_request(event)
        elif isinstance(event, UnknownToDeviceEvent) and event.type == "m.key.verification.done":
            if event.source.get("content", {}).get("transaction_id") == self.tx:
                self.got_done = True
                self._finish_if_done()
        elif isinstance(event, KeyVerificationEvent) and event.transaction_id == self.tx and self.view is not None:
            await self._on_sas_event(event)

    async def _on_request(self, event: UnknownToDeviceEvent) -> None:
        content = event.source.get("content", {})
        tx, device = content.get("transaction_id"), content.get("from_device")
        if not isinstance(tx, str) or not isinstance(device, str):
            return
        if event.sender != self.trusted:
            log(f"{self.name}: refusing verification from {event.sender}")
            refusal = {"transaction_id": tx, "code": "m.user", "reason": "This agent verifies only with its auditor."}
            await self._send("cancel", event.sender, device, refusal)
            return
        self.tx, self.sent_done, self.got_done = tx, False, False
        self.sas_ready = asyncio.Event()
        self.view = {"agent": self.name, "otherUserId": event.sender, "otherDeviceId": device}
        self.view.update(state="requested", cancelCode=None, decision=None)
        self.channel.emit("verification", view=self.view)
        if SAS not in content.get("methods", []):
            await self._send("cancel", event.sender, device, {"transaction_id": tx, "code": "m.unknown_method", "reason": "SAS only."})
            self._set(state="cancelled", cancelCode="m.unknown_method")
            return
        # The auditor's browser is a brand-new device of a user we share no room with:
        # fetch its keys now, or nio would drop the start as coming from an unknown device.
        self.client.olm.users_for_key_query.add(event.sender)
        await self.client.keys_query()
        await self._send("ready", event.sender, device, {"transaction_id": tx, "from_device": self.client.device_id, "methods": [SAS]})
        self._set(state="ready")

    async def _on_sas_event(self, event: KeyVerificationEvent) -> None:
        assert self.tx is not None
        sas = self.client.key_verifications.get(self.tx)
        if isinstance(event, KeyVerificationCancel):
            self._set(state="cancelled", cancelCode=event.code)
        elif isinstance(event, KeyVerificationStart):
            if sas is None or sas.canceled:  # nio refused it (unknown device or method); its cancel is queued
                await self.client.send_to_device_messages()
                self._set(state="cancelled", cancelCode=sas.cancel_code if sas else "m.unknown_device")
                return
            await self.client.accept_key_verification(self.tx)
            self._set(state="started")
        elif isinstance(event, KeyVerificationKey) and sas is not None:
            await self.client.send_to_device_messages()  # nio queued our key in answer
            if sas.canceled:
                self._set(state="cancelled", cancelCode=sas.cancel_code)
            else:
                self._set(state="sas")
                self.sas_ready.set()
        elif isinstance(event, KeyVerificationMac) and sas is not None:
            await self.client.send_to_device_messages()
            if sas.canceled:
                self._set(state="cancelled", cancelCode=sas.cancel_code)
            await self._send_done_if_verified()

    async def _send_done_if_verified(self) -> None:
        sas = self.client.key_verifications.get(self.tx or "")
        if sas is None or not sas.verified or self.sent_done or self.view is None:
            return
        await self._send("done", self.view["otherUserId"], self.view["otherDeviceId"], {"transaction_id": self.tx})
        self.sent_done = True
        self._finish_if_done()

    def _finish_if_done(self) -> None:
        if self.sent_done and self.got_done and self.view is not None and self.view["state"] != "cancelled":
            device = self.client.device_store[self.view["otherUserId"]].get(self.view["otherDeviceId"])
            self._set(state="done", otherDeviceVerified=bool(device and self.client.olm.is_device_verified(device)))

    async def compare(self, msg: dict[str, Any]) -> dict[str, Any]:
        if self.view is None or self.tx is None:
            raise ValueError(f"no verification in progress for {self.name}")
        timeout = float(msg.get("timeoutMs", 20_000)) / 1000
        try:
            await asyncio.wait_for(self.sas_ready.wait(), timeout)
        except asyncio.TimeoutError:
            raise ValueError(f"{self.name} has not computed a SAS yet") from None
        sas = self.client.key_verifications[self.tx]
        own = [Sas.emoji.index(e) for e in sas.get_emoji()]
        shown = [SPEC_INDEX.get(str(n).lower(), -1) for n in msg.get("emoji", [])]
        same = len(own) == 7 and own == shown
        verdict = "match" if same else "do NOT match"
        log(f"{self.name}: the auditor's emoji {verdict} ours ({self.tx}: nio {[n for _, n in sas.get_emoji()]}, shown {msg.get('emoji')})")
        if same:
            self._set(decision="match")
            await self.client.confirm_short_auth_string(self.tx)
            await self._send_done_if_verified()
        else:
            sas.reject_sas()
            await self.client.to_device(sas.get_cancellation())
            self._set(decision="mismatch", state="cancelled", cancelCode="m.mismatched_sas")
        return self.view

    async def cancel(self, _msg: dict[str, Any]) -> dict[str, Any]:
        if self.view is None or self.tx is None:
            raise ValueError(f"no verification in progress for {self.name}")
        content = {"transaction_id": self.tx, "code": "m.user", "reason": "Cancelled by the agent's operator."}
        await self._send("cancel", self.view["otherUserId"], self.view["otherDeviceId"], content)
        sas = self.client.key_verifications.get(self.tx)
        if sas is not None:
            sas.cancel()
        self._set(state="cancelled", cancelCode="m.user")
        return self.view


async def sync_forever(client: AsyncClient, inviters: set[str], channel: Channel, stop: asyncio.Event) -> None:
    """One long-poll at a time; each round also sends queued to-device messages and joins invites from the fleet."""
    joined: set[str] = set()
    while not stop.is_set():
        resp = await client.sync(timeout=5_000)
        if isinstance(resp, SyncError):
            log(f"sync failed: {resp.message}; retrying in 1 s")
            await asyncio.sleep(1)
            continue
        await client.send_to_device_messages()
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
        for room_id, room in list(client.invited_rooms.items()):
            if room.inviter in inviters and room_id not in joined:
                await client.join(room_id)
                joined.add(room_id)
                channel.emit("joined", roomId=room_id)


async def main() -> None:
    setup_logging()
    channel = Channel()
    cfg = await channel.config()
    devices = cfg["devices"]
    if len(devices) != 1 or devices[0]["kind"] != "primary" or cfg["crossSigning"]:
        raise SystemExit("the nio agent runs one primary device without cross-signing (nio cannot cross-sign)")
    store = os.path.join(cfg["stateDir"], devices[0]["id"])
    os.makedirs(store, exist_ok=True)
    client = AsyncClient(cfg["homeserver"], cfg["userId"], device_id=devices[0]["id"], store_path=store, config=CONFIG)
    try:
        login = await client.login(password=cfg["password"], device_name=f"vigil-testbed {cfg['name']} (matrix-nio)")
        if not isinstance(login, LoginResponse):
            raise RuntimeError(f"login failed: {login}")
        if client.should_upload_keys:
            await client.keys_upload()
        verifier = Verifier(client, channel, cfg["name"], cfg["verifierUserId"])
        client.add_to_device_callback(verifier.on_event, (UnknownToDeviceEvent, KeyVerificationEvent))
        stop = asyncio.Event()
        syncing = asyncio.create_task(sync_forever(client, set(cfg["inviterUserIds"]), channel, stop))
        syncing.add_done_callback(lambda t: t.cancelled() or t.exception() is None or log(f"sync loop died: {t.exception()!r}"))
        channel.emit("ready", sessions=[{"deviceId": client.device_id, "accessToken": client.access_token}])
        serving = channel.serve({"compare": verifier.compare, "cancel": verifier.cancel})
        await asyncio.wait_for(serving, timeout=float(cfg["maxLifetimeSeconds"]))
        stop.set()
        syncing.cancel()
    finally:
        await client.close()


if __name__ == "__main__":
    asyncio.run(main())
