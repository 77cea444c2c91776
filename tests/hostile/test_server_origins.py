"""The dashboard server under hostile requests: spoofed Host/Origin (DNS rebinding), exposure
without --allow-origin, forged session tokens, a 5,000-digit link value (issue #17)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest

from dashboards.server import ServeError, allowed_hosts, request_problem, serve
from sheets import default_graph
from tools.browser import running_server
from tools.wsclient import BokehSession, objects


async def _fetch(url: str, headers: dict | None = None):
    from tornado.httpclient import AsyncHTTPClient, HTTPClientError

    try:
        r = await AsyncHTTPClient().fetch(url, headers=headers or {}, request_timeout=60)
        return r.code, r.body.decode()
    except HTTPClientError as exc:
        return exc.code, exc.response.body.decode() if exc.response is not None else ""


async def _ws(url: str, headers: dict, token: str | None = None):
    """Try to open the Bokeh websocket with these headers; return 'open' or the HTTP status refused."""
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    if token is None:
        code, page = await _fetch(url + "?sheet=p01")
        assert code == 200
        token = json.loads(page.split('"token":', 1)[1].split(",", 1)[0].strip().rstrip("}"))
    ws_url = url.replace("http://", "ws://") + "ws?sheet=p01"
    try:
        conn = await websocket_connect(HTTPRequest(ws_url, headers=headers, connect_timeout=30),
                                       subprotocols=["bokeh", token])
    except HTTPClientError as exc:
        return exc.code
    msg = await asyncio.wait_for(conn.read_message(), 30)  # ACK, or None if the server closed it
    conn.close()
    return "open" if msg is not None else "closed"


def test_spoofed_host_and_origin_are_refused_on_the_loopback_server():
    with running_server(default_graph()) as url:
        port = url.rsplit(":", 1)[1].strip("/")

        async def run():
            ok = await _fetch(url)
            rebinding = await _fetch(url, {"Host": f"evil.example:{port}"})
            null_origin = await _fetch(url, {"Origin": "null"})
            other_origin = await _fetch(url, {"Origin": f"http://evil.example:{port}"})
            ws_ok = await _ws(url, {"Origin": f"http://127.0.0.1:{port}"})
            ws_host = await _ws(url, {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"})
            ws_origin = await _ws(url, {"Origin": f"http://evil.example:{port}"})
            return ok, rebinding, null_origin, other_origin, ws_ok, ws_host, ws_origin

        ok, rebinding, null_origin, other_origin, ws_ok, ws_host, ws_origin = asyncio.run(run())
    assert ok[0] == 200
    assert rebinding[0] == 403 and "Host 'evil.example" in rebinding[1]
    assert null_origin[0] == 403 and "Origin 'null'" in null_origin[1]
    assert other_origin[0] == 403
    assert ws_ok == "open"
    assert ws_host == 403 and ws_origin == 403


def test_a_forged_unsigned_session_token_is_refused():
    from bokeh.util.token import generate_jwt_token, generate_session_id

    with running_server(default_graph()) as url:
        port = url.rsplit(":", 1)[1].strip("/")
        forged = generate_jwt_token(generate_session_id(signed=False), signed=False)
        result = asyncio.run(_ws(url, {"Origin": f"http://127.0.0.1:{port}"}, token=forged))
    assert result != "open"


def test_binding_beyond_loopback_needs_allow_origin():
    with pytest.raises(ServeError, match="--allow-origin"):
        serve(0, "0.0.0.0", graph=default_graph(), start=False)
    r = subprocess.run([sys.executable, "-m", "napkin", "serve", "--address", "0.0.0.0", "--port", "0"],
                       capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "--allow-origin HOST[:PORT]" in r.stderr


def test_allowed_hosts_and_origin_rules():
    allowed = allowed_hosts("0.0.0.0", 5006, ["napkin.example.com", "10.0.0.5:5006"])
    assert request_problem("napkin.example.com", "https://napkin.example.com", allowed) is None
    assert request_problem("10.0.0.5:5006", None, allowed) is None
    assert request_problem("evil.example:5006", None, allowed) is not None
    assert request_problem("10.0.0.5:5006", "null", allowed) is not None
    loop = allowed_hosts("127.0.0.1", 5088)
    assert request_problem("localhost:5088", "http://localhost:5088", loop) is None
    assert request_problem("evil.example:5088", None, loop) is not None


def test_port_in_use_is_one_line_before_any_dashboard_at():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "napkin", "serve", "--port", str(port)],
                           capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 2 and "dashboard at" not in r.stdout
    assert r.stderr.count("\n") == 1 and "Address already in use" in r.stderr


def test_a_5000_digit_link_value_shows_the_page_with_a_message():
    with running_server(default_graph()) as url:
        async def run():
            s = await BokehSession.open(url, {"sheet": "p03", "p03.mem_bw_gpu": "9" * 5000})
            try:
                await s.quiet(0.5)
                texts = [json.dumps(o) for o in objects(s.doc)]
                return s.errors, texts
            finally:
                await s.close()

        errors, texts = asyncio.run(run())
    assert errors == []
    assert any("5,000 characters long" in t for t in texts)
