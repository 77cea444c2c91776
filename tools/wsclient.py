"""A minimal Bokeh-protocol client for the load check: a dashboard session without a browser.

It does over one websocket what BokehJS does, and nothing it does not need: fetch the page
(which creates the server session and carries its token), connect to `/ws`, pull the document,
report `document_ready`, send `ModelChanged` patches for an input widget's value and read the
`PATCH-DOC` messages the server sends back. There is no rendering and no Document object on this
side: messages are parsed as JSON and the models the check needs are found by id. So the server's
latency under many sessions can be measured apart from the cost of many browsers on one machine.

Wire format (bokeh.protocol): a message is three text frames (header, metadata, content), then
`num_buffers` pairs of a buffer-header text frame and a binary payload frame.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

_ids = itertools.count(1)
_TOKEN = re.compile(r'"token"\s*:\s*"([^"]+)"')


def decode(x: Any) -> Any:
    """Bokeh's serialized values as plain Python: maps to dicts, other tagged values left as they are."""
    if isinstance(x, list):
        return [decode(v) for v in x]
    if isinstance(x, dict):
        if x.get("type") == "map":
            return {decode(k): decode(v) for k, v in x.get("entries", [])}
        return {k: decode(v) for k, v in x.items()}
    return x


def _map(d: dict) -> dict:
    """A dict as BokehJS serializes a plain object (a typed map)."""
    return {"type": "map", "entries": [[k, v] for k, v in d.items()]}


def objects(tree: Any) -> Iterator[dict]:
    """Every serialized model (`{"type": "object", "id": ...}`) in a document or patch tree."""
    todo = [tree]
    while todo:
        x = todo.pop()
        if isinstance(x, dict):
            if x.get("type") == "object" and "id" in x:
                yield x
            todo.extend(x.values())
        elif isinstance(x, list):
            todo.extend(x)


class BokehSession:
    """One server session driven over its websocket. Use `await BokehSession.open(url, query)`."""

    def __init__(self) -> None:
        self.ws = None
        self.doc: dict | None = None
        self.patches: list[dict] = []  # every PATCH-DOC received since the document was pulled
        self.errors: list[str] = []
        self.received = 0  # messages
        self.received_bytes = 0
        self.last_message_at = time.perf_counter()
        self._watchers: list[Callable[[dict], None]] = []
        self._replies: dict[str, asyncio.Future] = {}
        self._reader: asyncio.Task | None = None

    @classmethod
    async def open(cls, base_url: str, query: dict[str, str], timeout: float = 60.0) -> BokehSession:
        from tornado.httpclient import AsyncHTTPClient
        from tornado.websocket import websocket_connect

        self = cls()
        qs = urlencode(query)
        page = await AsyncHTTPClient().fetch(f"{base_url}?{qs}", request_timeout=timeout)
        m = _TOKEN.search(page.body.decode())
        if m is None:
            raise RuntimeError("no session token in the page")
        parts = urlsplit(base_url)
        path = parts.path.rstrip("/")
        self.ws = await websocket_connect(f"ws://{parts.netloc}{path}/ws?{qs}", subprotocols=["bokeh", m.group(1)],
                                          connect_timeout=timeout, max_message_size=256 * 1024 * 1024)
        # A message is several small frames: like a browser, send each at once (no Nagle delay,
        # which with the server's delayed ACK would hold every second frame for ~40 ms).
        self.ws.protocol.set_nodelay(True)
        ack = await asyncio.wait_for(self._read_message(), timeout)
        if ack is None or ack[0].get("msgtype") != "ACK":
            raise RuntimeError(f"expected ACK, got {ack and ack[0]}")
        self._reader = asyncio.create_task(self._read_loop())
        reply = await asyncio.wait_for(self.request("PULL-DOC-REQ", {}), timeout)
        self.doc = reply["doc"]
        await self.send("PATCH-DOC", {"events": [{"kind": "MessageSent", "msg_type": "bokeh_event", "msg_data": {
            "type": "event", "name": "document_ready", "values": {"type": "map"}}}]})
        return self

    async def _read_message(self) -> tuple[dict, dict] | None:
        frames = []
        for _ in range(3):
            f = await self.ws.read_message()
            if f is None:
                return None
            frames.append(f)
        header = json.loads(frames[0])
        for _ in range(header.get("num_buffers", 0) or 0):  # buffers are not needed here: skip them
            for _ in range(2):
                if await self.ws.read_message() is None:
                    return None
        self.received += 1
        self.received_bytes += sum(len(f) for f in frames)
        self.last_message_at = time.perf_counter()
        return header, json.loads(frames[2])

    async def _read_loop(self) -> None:
        try:
            while True:
                msg = await self._read_message()
                if msg is None:
                    break
                header, content = msg
                kind = header.get("msgtype")
                fut = self._replies.pop(header.get("reqid"), None)
                if kind == "ERROR":
                    self.errors.append(f"server ERROR: {content.get('text', content)}")
                if fut is not None and not fut.done():
                    fut.set_result(content)
                if kind == "PATCH-DOC":
                    self.patches.append(content)
                    for w in list(self._watchers):
                        w(content)
        except Exception as exc:  # noqa: BLE001 - a broken connection is an error of the check
            self.errors.append(f"websocket read failed: {exc}")
        finally:
            for fut in self._replies.values():
                if not fut.done():
                    fut.set_exception(ConnectionError("websocket closed"))

    async def send(self, msgtype: str, content: dict) -> str:
        msgid = f"c{next(_ids)}"
        for frame in (json.dumps({"msgid": msgid, "msgtype": msgtype}), "{}", json.dumps(content)):
            await self.ws.write_message(frame)
        return msgid

    async def request(self, msgtype: str, content: dict) -> dict:
        msgid = f"c{next(_ids)}"
        fut = asyncio.get_running_loop().create_future()
        self._replies[msgid] = fut
        for frame in (json.dumps({"msgid": msgid, "msgtype": msgtype}), "{}", json.dumps(content)):
            await self.ws.write_message(frame)
        return await fut

    def watch(self, callback: Callable[[dict], None]) -> Callable[[], None]:
        """Call `callback(content)` for every PATCH-DOC the server sends; return an unsubscribe function."""
        self._watchers.append(callback)
        return lambda: self._watchers.remove(callback) if callback in self._watchers else None

    def find(self, pred: Callable[[dict], bool]) -> dict | None:
        """The first model of the pulled document, or of a later patch (cards loaded after the page),
        whose serialized form satisfies `pred`."""
        return next((o for o in objects([self.doc, self.patches]) if pred(o)), None)

    async def send_msg(self, model_id: str, data: dict) -> None:
        """Send what a custom component's `model.send_msg(data)` sends from the browser."""
        await self.send("PATCH-DOC", {"events": [
            {"kind": "MessageSent", "msg_type": "bokeh_event",
             "msg_data": {"type": "event", "name": "data_event", "values": _map({"model": {"id": model_id}, "data": _map(data)})}}]})

    def inputs_of(self, name: str) -> dict | None:
        """The Inputs card's table (the InputTable's data model, which patches of its rows name)
        holding input `name`'s box, or None."""
        return self.find(lambda o: any(isinstance(r, dict) and r.get("name") == name and "write" in r
                                       for r in decode(o.get("attributes", {}).get("rows") or [])))

    def outputs_of(self, name: str) -> dict | None:
        """The Results card's table (the OutputTable's data model) showing cell `name`, or None."""
        return self.find(lambda o: any(isinstance(r, dict) and r.get("name") == name and "write" not in r
                                       for r in decode(o.get("attributes", {}).get("rows") or [])))

    async def type_into(self, table_id: str, name: str, text: str) -> None:
        """Type `text` into input `name`'s box of the Inputs card and press Enter. `table_id`: the
        InputTable's data model (`inputs_of`); the message goes to the component that holds it."""
        owner = self.find(lambda o: (o.get("attributes", {}).get("data") or {}).get("id") == table_id)
        if owner is None:
            raise LookupError(f"no component holds the data model {table_id}")
        await self.send_msg(owner["id"], {"edit": name, "text": text})

    async def until(self, pred: Callable[[dict], bool], limit: float = 30.0) -> dict:
        """Wait until the document holds a model that `pred` accepts (at most `limit` s); return it."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            found = self.find(pred)
            if found is not None:
                return found
            await asyncio.sleep(0.05)
        raise TimeoutError(f"no such model within {limit:g} s")

    async def quiet(self, seconds: float = 0.3, limit: float = 30.0) -> None:
        """Wait until the server has sent nothing for `seconds` (at most `limit` in all)."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end:
            gap = time.perf_counter() - self.last_message_at
            if gap >= seconds:
                return
            await asyncio.sleep(seconds - gap)

    async def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
        if self._reader is not None:
            try:
                await asyncio.wait_for(self._reader, 5)
            except (TimeoutError, Exception):  # noqa: BLE001
                self._reader.cancel()
