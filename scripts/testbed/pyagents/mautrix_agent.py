"""A test-bed agent built with mautrix-python, a client nobody on this project wrote.

Set up the way the deployment notes in shared/reference/000 describe a
mautrix agent: log in with a stable device id, E2EE through mautrix's
OlmMachine (libolm underneath), cross-sign itself (master, self-signing and
user-signing keys in secret storage behind a recovery key, its own device signed),
sign any further device it is planned to vouch for, and create a key backup.
It then joins the rooms fleet members invite it to and serves the test bed's
commands until told to exit (or its parent goes away).

mautrix 0.21 has no key-backup API, so the backup version is created with a raw
`POST /room_keys/version`, its auth_data signed with the device key and the
master key that mautrix's OlmMachine holds (a private attribute: no public
accessor exists), and its private key stored in secret storage with mautrix's
own SSSS machine.

With `botConfig` the agent is configured the way a deployed mautrix bot is: a
config.yaml (maubot's standalone shape: `user.credentials` and a top-level
`encryption:` section with mautrix's keys) that it reads itself. Its
`encryption.allow` decides whether it starts an OlmMachine at all, and when the
crypto extra is missing it falls back exactly as maubot does (see below).
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from Crypto.PublicKey import ECC
from mautrix.api import Method, Path
from mautrix.client import Client
from mautrix.client.state_store import MemoryStateStore, MemorySyncStore
from mautrix.types import EventType, Membership, RoomID, StateEvent, UserID
from mautrix.util.async_db import Database
import unpaddedbase64
import yaml

from channel import Channel, log, setup_logging

# What a mautrix bot does when it was installed without mautrix[encryption]: maubot's client.py (maubot/maubot)
#
#     try:
#         from mautrix.crypto import OlmMachine, StateStore as CryptoStateStore, PgCryptoStore
#         ...
#     except ImportError as e:
#         OlmMachine = CryptoStateStore = PgCryptoStore = AsyncDatabase = None
#     ...
#     @property
#     def enable_crypto(self) -> bool:
#         return bool(OlmMachine and self.device_id and self.crypto_db)
#
# so the bot logs in and syncs without an OlmMachine: no device keys are ever uploaded and it writes plaintext.
# (A bridge stops instead: mautrix/bridge/matrix.py logs "Encryption enabled in config, but dependencies not
# installed." and calls sys.exit(31).) mautrix.crypto imports python-olm (`import olm` in account.py), which is
# what the missing extra takes away; the test bed hides it with the without-crypto-extra/ shim on PYTHONPATH.
try:
    from mautrix.crypto import OlmMachine, PgCryptoStore, StateStore as CryptoStateStore
    from mautrix.crypto.signature import sign_olm

    crypto_import_error: ImportError | None = None
except ImportError as e:
    OlmMachine = PgCryptoStore = CryptoStateStore = sign_olm = None  # type: ignore[assignment,misc]
    crypto_import_error = e

BACKUP_ALGORITHM = "m.megolm_backup.v1.curve25519-aes-sha2"


class BotStateStore(MemoryStateStore, *([CryptoStateStore] if CryptoStateStore else [])):  # type: ignore[misc]
    """mautrix's in-memory room state, plus the one question its crypto asks that the memory store does not answer."""

    async def find_shared_rooms(self, user_id: UserID) -> list[RoomID]:
        return [room for room, members in self.members.items() if (m := members.get(user_id)) and m.membership == Membership.JOIN]


def apply_bot_config(cfg: dict[str, Any]) -> bool:
    """Read the bot's own config.yaml into cfg (credentials, device); whether it asks for encryption."""
    with open(cfg["botConfig"], encoding="utf-8") as f:
        bot = yaml.safe_load(f) or {}
    creds = (bot.get("user") or {}).get("credentials") or {}
    cfg["userId"] = creds.get("id", cfg["userId"])
    cfg["password"] = creds.get("password", cfg["password"])
    if creds.get("device_id"):  # the device it logs in as; further planned devices stay as the test bed gave them
        cfg["devices"] = [{"id": creds["device_id"], "kind": "primary"}, *cfg["devices"][1:]]
    return bool((bot.get("encryption") or {}).get("allow", False))


async def open_plain_device(cfg: dict[str, Any], device_id: str) -> tuple[Client, None, None]:
    """Log in as this device with no OlmMachine: the device exists on the server, with no keys."""
    client = Client(mxid=cfg["userId"], base_url=cfg["homeserver"], state_store=BotStateStore(), sync_store=MemorySyncStore())
    await client.login(password=cfg["password"], device_id=device_id, device_name=f"vigil-testbed {cfg['name']} {device_id} (mautrix)")
    return client, None, None


async def open_device(cfg: dict[str, Any], device_id: str) -> tuple[Client, OlmMachine, Database]:
    """Log in as this device and upload its keys.

    The crypto store is mautrix's SQL store on SQLite, as mautrix bots deploy it (its in-memory
    store cannot run this setup: in 0.21 re-storing a known cross-signing key raises
    AttributeError on an immutable TOFUSigningKey). The file lives in the test-bed dir and
    goes with it; the seed never reuses it.
    """
    os.makedirs(cfg["stateDir"], exist_ok=True)
    db = Database.create(f"sqlite:{os.path.join(cfg['stateDir'], device_id + '.db')}", upgrade_table=PgCryptoStore.upgrade_table)
    await db.start()
    store = PgCryptoStore(account_id=f"{cfg['userId']}|{device_id}", pickle_key="vigil-testbed", db=db)
    await store.open()
    state = BotStateStore()
    client = Client(mxid=cfg["userId"], base_url=cfg["homeserver"], state_store=state, sync_store=MemorySyncStore())
    await client.login(password=cfg["password"], device_id=device_id, device_name=f"vigil-testbed {cfg['name']} {device_id} (mautrix)")
    await store.put_device_id(client.device_id)
    machine = OlmMachine(client, store, state)
    client.crypto = machine
    await machine.load()
    await machine.share_keys()
    return client, machine, db


async def create_key_backup(client: Client, machine: OlmMachine, recovery_key: str) -> str:
    """A megolm backup version whose auth_data both this device and the master key sign; its key goes to secret storage."""
    private = ECC.generate(curve="Curve25519")
    auth: dict[str, Any] = {"public_key": unpaddedbase64.encode_base64(private.public_key().export_key(format="raw"))}
    cross_signing = machine._cross_signing_private_keys  # noqa: SLF001 — no public accessor in mautrix 0.21
    if cross_signing is None:
        raise RuntimeError("cross-signing must be set up before the backup")
    master = cross_signing.public_keys.master_key
    auth["signatures"] = {
        client.mxid: {
            f"ed25519:{client.device_id}": sign_olm(dict(auth), machine.account),
            f"ed25519:{master}": sign_olm(dict(auth), cross_signing.master_key),
        }
    }
    resp = await client.api.request(Method.POST, Path.v3.room_keys.version, {"algorithm": BACKUP_ALGORITHM, "auth_data": auth})
    key_id, key_data = await machine.ssss.get_default_key_data()
    ssss_key = key_data.verify_recovery_key(key_id, recovery_key)
    await machine.ssss.set_encrypted_account_data(EventType.MEGOLM_BACKUP_V1, private.seed, ssss_key)
    return str(resp["version"])


async def main() -> None:
    setup_logging()
    channel = Channel()
    cfg = await channel.config()
    encryption = apply_bot_config(cfg) if cfg.get("botConfig") else True
    crypto = encryption and OlmMachine is not None
    if encryption and not crypto:
        logging.getLogger("mautrix_agent").warning(
            "Client has device ID, but encryption dependencies not installed; running without E2EE", exc_info=crypto_import_error
        )
    devices = cfg["devices"]
    if devices[0]["kind"] != "primary" or any(d["kind"] not in ("primary", "signed", "unsigned") for d in devices):
        raise SystemExit("the mautrix agent runs a primary device first, then signed or unsigned ones")
    opened = [await (open_device if crypto else open_plain_device)(cfg, d["id"]) for d in devices]
    client, machine, _ = opened[0]
    try:
        version = None
        if cfg["crossSigning"] and machine is not None:
            recovery_key = await machine.generate_recovery_key()  # master/self/user keys into SSSS; signs this device
            for d in devices[1:]:
                if d["kind"] == "signed":
                    other = await machine.get_or_fetch_device(client.mxid, d["id"])
                    if other is None:
                        raise RuntimeError(f"{d['id']} has no keys on the server")
                    await machine.sign_own_device(other)
            version = await create_key_backup(client, machine, recovery_key)
        for other_client, _, _ in opened[1:]:  # done with them: they stay idle, as planned devices do
            await other_client.api.session.close()

        inviters = set(cfg["inviterUserIds"])

        async def on_member(evt: StateEvent) -> None:
            if evt.state_key == client.mxid and evt.content.membership == Membership.INVITE and evt.sender in inviters:
                await client.join_room(evt.room_id)
                channel.emit("joined", roomId=evt.room_id)

        client.add_event_handler(EventType.ROOM_MEMBER, on_member)
        syncing = client.start(None)
        channel.emit("ready", sessions=[{"deviceId": c.device_id, "accessToken": c.api.token} for c, _, _ in opened], backupVersion=version)
        await asyncio.wait_for(channel.serve({}), timeout=float(cfg["maxLifetimeSeconds"]))
        client.stop()
        syncing.cancel()
    finally:
        await client.api.session.close()
        for _, _, db in opened:
            if db is not None:
                await db.stop()
    log(f"{cfg['name']}: exiting")


if __name__ == "__main__":
    asyncio.run(main())
