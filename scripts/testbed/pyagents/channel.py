"""The line between a Python agent and the Node test bed that started it.

Commands come in on stdin, one JSON object per line; the first line is the
agent's configuration (it carries a password, so it is never an argument that
`ps` would show). Events and replies go out on file descriptor 3, so stdout and
stderr stay free for logs. When stdin closes, the parent is gone: the agent
stops, so a crashed test bed never leaves an agent running.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import traceback
from typing import Any, AsyncIterator, Awaitable, Callable

Handler = Callable[[dict[str, Any]], Awaitable[Any]]


class Channel:
    def __init__(self) -> None:
        self._out = os.fdopen(3, "w", buffering=1, encoding="utf-8")
        self._reader: asyncio.StreamReader | None = None

    def emit(self, event: str, **fields: Any) -> None:
        self._out.write(json.dumps({"event": event, **fields}) + "\n")
        self._out.flush()

    async def _lines(self) -> AsyncIterator[dict[str, Any]]:
        if self._reader is None:
            loop = asyncio.get_running_loop()
            self._reader = asyncio.StreamReader()
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(self._reader), sys.stdin)
        while True:
            line = await self._reader.readline()
            if not line:
                return
            yield json.loads(line)

    async def config(self) -> dict[str, Any]:
        async for msg in self._lines():
            return msg
        raise SystemExit("stdin closed before the configuration arrived")

    async def serve(self, handlers: dict[str, Handler]) -> None:
        """Answer commands until stdin closes or an "exit" command arrives."""
        async for msg in self._lines():
            cmd, ident = msg.get("cmd"), msg.get("id")
            if cmd == "exit":
                self._out.write(json.dumps({"reply": ident, "ok": True, "result": None}) + "\n")
                return
            handler = handlers.get(str(cmd))
            try:
                if handler is None:
                    raise ValueError(f"unknown command {cmd!r}")
                result = await handler(msg)
                reply = {"reply": ident, "ok": True, "result": result}
            except Exception as e:  # the parent gets the reason; the agent keeps serving
                traceback.print_exc()
                reply = {"reply": ident, "ok": False, "error": f"{type(e).__name__}: {e}"}
            self._out.write(json.dumps(reply) + "\n")
            self._out.flush()


def setup_logging() -> None:
    """The libraries' own warnings go to the agent's log file; their debug chatter only with VIGIL_FLEET_DEBUG."""
    level = logging.DEBUG if os.environ.get("VIGIL_FLEET_DEBUG") else logging.WARNING
    logging.basicConfig(level=level, stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def log(*parts: Any) -> None:
    print(*parts, file=sys.stderr, flush=True)
