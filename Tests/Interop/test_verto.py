"""Verto JSON-RPC over WebSocket (compat §1) with a plain websockets client: the login exchange of §1.12 A, the
error codes of §1.8, ping, sessid rules, and wss. Calls from browsers need the WebRTC leg (not wired to Verto)."""
import asyncio
import json
import ssl
import urllib.error
import urllib.request

import websockets


async def _call(ws, method, params, id_):
    await ws.send(json.dumps({"jsonrpc": "2.0", "id": id_, "method": method, "params": params}))
    return await _reply(ws, id_)


async def _reply(ws, id_, timeout=5):
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if message.get("id") == id_ and ("result" in message or "error" in message):
            return message


def test_login_exchange_and_error_codes(server):
    async def scenario():
        async with websockets.connect(f"ws://127.0.0.1:{server.verto_port}/any/path") as ws:
            first = await _call(ws, "login", {"sessid": "s-1"}, 1)
            assert first["error"] == {"code": -32000, "message": "Authentication Required"}, first
            early = await _call(ws, "verto.subscribe", {"eventChannel": "presence", "sessid": "s-1"}, 2)
            assert early["error"]["code"] == -32000, early
            wrong = await _call(ws, "login", {"login": "1000@127.0.0.1", "passwd": "nope", "sessid": "s-1"}, 3)
            assert wrong["error"] == {"code": -32001, "message": "Authentication Failure"}, wrong
            ok = await _call(ws, "login", {"login": "1000@127.0.0.1", "passwd": "secret", "loginParams": {},
                                           "userVariables": {}, "sessid": "s-1"}, 4)
            assert ok["result"] == {"message": "logged in", "sessid": "s-1"}, ok
            ready = json.loads(await asyncio.wait_for(ws.recv(), 5))
            assert ready["method"] == "verto.clientReady" and ready["params"] == {"reattached_sessions": []}, ready
            unknown = await _call(ws, "verto.nonsense", {"sessid": "s-1"}, 5)
            assert unknown["error"]["code"] == -32601, unknown
            missing = await _call(ws, "verto.bye", {"dialogParams": {"callID": "nope"}, "sessid": "s-1"}, 6)
            assert missing["error"]["code"] == -32002 and missing["error"]["message"] == "CALL DOES NOT EXIST", missing
            await ws.send("{not json")
            bad = json.loads(await asyncio.wait_for(ws.recv(), 5))
            assert bad["id"] is None and bad["error"]["code"] == -32600, bad
            pong = await _call(ws, "verto.ping", {"sessid": "s-1"}, 7)
            assert "result" in pong, pong
    asyncio.run(scenario())
    assert "verto login" in server.log()


def test_same_user_and_sessid_punts_the_old_connection_other_user_is_refused(server):
    async def scenario():
        login = {"login": "1000@127.0.0.1", "passwd": "secret", "sessid": "shared"}
        async with websockets.connect(f"ws://127.0.0.1:{server.verto_port}/") as first:
            assert "result" in await _call(first, "login", login, 1)
            async with websockets.connect(f"ws://127.0.0.1:{server.verto_port}/") as other:
                refused = await _call(other, "login", {"login": "1001@127.0.0.1", "passwd": "hunter2",
                                                       "sessid": "shared"}, 1)
                assert refused["error"]["code"] == -32001 and "Session in use" in refused["error"]["message"], refused
            async with websockets.connect(f"ws://127.0.0.1:{server.verto_port}/") as second:
                assert "result" in await _call(second, "login", login, 1)
                punt = json.loads(await asyncio.wait_for(first.recv(), 5))
                while punt.get("method") != "verto.punt":
                    punt = json.loads(await asyncio.wait_for(first.recv(), 5))
                assert punt["method"] == "verto.punt", punt
    asyncio.run(scenario())


def test_wss_and_plain_http_on_the_verto_ports(server):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    async def scenario():
        async with websockets.connect(f"wss://127.0.0.1:{server.verto_tls_port}/", ssl=context) as ws:
            first = await _call(ws, "login", {"sessid": "t-1"}, 1)
            assert first["error"]["code"] == -32000
    asyncio.run(scenario())
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{server.verto_port}/../etc/passwd", timeout=5)
        raise AssertionError("a path outside the web folder was served")
    except urllib.error.HTTPError as error:
        assert error.code == 404


async def _events(ws, until, timeout=10):
    """verto.event params received until `until(params)` is true."""
    seen = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), max(0.1, deadline - loop.time())))
        if message.get("method") == "verto.event":
            seen.append(message["params"])
            if until(message["params"]):
                return seen


def test_presence_follows_a_sip_phones_call_and_refreshes_a_late_subscriber(server, tmp_path):
    from test_calls import make_phone
    phone = make_phone(server, tmp_path, "1000", "secret", 440)
    channel = "presence.1000@127.0.0.1"

    def state(p):
        return p.get("data", {}).get("channelCallState")

    async def scenario():
        url = f"ws://127.0.0.1:{server.verto_port}/"
        async with websockets.connect(url) as watcher:
            assert "result" in await _call(watcher, "login", {"login": "1001@127.0.0.1", "passwd": "hunter2",
                                                              "sessid": "watch-1"}, 1)
            subscribed = await _call(watcher, "verto.subscribe", {"eventChannel": channel, "sessid": "watch-1"}, 2)
            assert subscribed["result"]["subscribedChannels"] == [channel], subscribed
            phone.wait_registered()
            phone.command("dial", f"sip:9196@127.0.0.1:{server.sip_port}")
            live = await _events(watcher, lambda p: state(p) == "ACTIVE")
            assert all(p["eventChannel"] == channel and p["subscribedChannel"] == channel for p in live), live
            active = live[-1]["data"]
            assert active["channelPresenceID"] == "1000@127.0.0.1" and active["callerIDNumber"] == "1000", active
            assert active["calleeIDNumber"] == "9196" and active["presenceCallDirection"] == "inbound", active
            async with websockets.connect(url) as late:
                assert "result" in await _call(late, "login", {"login": "1001@127.0.0.1", "passwd": "hunter2",
                                                               "sessid": "watch-2"}, 1)
                await _call(late, "verto.subscribe", {"eventChannel": "presence", "sessid": "watch-2"}, 2)
                refreshed = await _events(late, lambda p: state(p) == "ACTIVE")
                assert refreshed[-1]["data"]["channelUUID"] == active["channelUUID"], refreshed
            phone.command("hangup")
            ended = await _events(watcher, lambda p: state(p) == "HANGUP")
            assert ended[-1]["data"]["originalChannelCallState"] == "ACTIVE", ended
    try:
        asyncio.run(scenario())
    finally:
        phone.close()
