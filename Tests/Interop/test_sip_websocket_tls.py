"""SIP over WebSocket (RFC 7118, `sip` subprotocol) and over TLS, with clients written against the RFCs:
python `websockets` and the ssl module (OpenSSL)."""
import asyncio
import socket
import ssl
import uuid

import websockets

from sipdigest import authorization, parse_response, register


async def ws_register(url, password, ssl_context=None):
    async with websockets.connect(url, subprotocols=["sip"], ssl=ssl_context) as ws:
        assert ws.subprotocol == "sip"
        call_id = uuid.uuid4().hex
        contact = "sip:1000@df7jal23ls0d.invalid;transport=ws"
        await ws.send(register("1000", "127.0.0.1", "WSS" if ssl_context else "WS", "df7jal23ls0d.invalid",
                               contact, 1, call_id).decode())
        status, headers = parse_response((await asyncio.wait_for(ws.recv(), 10)).encode())
        assert status == 401, status
        auth = authorization(headers["www-authenticate"][0], "REGISTER", "sip:127.0.0.1", "1000", password)
        await ws.send(register("1000", "127.0.0.1", "WS", "df7jal23ls0d.invalid", contact, 2, call_id, auth).decode())
        status, headers = parse_response((await asyncio.wait_for(ws.recv(), 10)).encode())
        return status, headers


def test_websocket_register(server):
    status, headers = asyncio.run(ws_register(f"ws://127.0.0.1:{server.ws_port}", "secret"))
    assert status == 200
    assert any("df7jal23ls0d.invalid" in c for c in headers["contact"]), headers
    assert "transport ws" in server.cli("user", "list").stdout.lower() or "via ws" in server.cli("user", "list").stdout


def test_websocket_wrong_password(server):
    status, _ = asyncio.run(ws_register(f"ws://127.0.0.1:{server.ws_port}", "nope"))
    assert status == 403


def test_websocket_without_sip_subprotocol_is_refused(server):
    async def attempt():
        try:
            async with websockets.connect(f"ws://127.0.0.1:{server.ws_port}", subprotocols=["chat"]):
                return "connected"
        except Exception as e:  # the server answers the upgrade with an HTTP error
            return type(e).__name__
    assert asyncio.run(attempt()) != "connected"


def test_secure_websocket_register(server):
    context = ssl.create_default_context(cafile=str(server.data_dir / "tls" / "cert.pem"))
    context.check_hostname = False
    status, _ = asyncio.run(ws_register(f"wss://127.0.0.1:{server.wss_port}", "secret", context))
    assert status == 200


def test_tls_register(server):
    context = ssl.create_default_context(cafile=str(server.data_dir / "tls" / "cert.pem"))
    context.check_hostname = False
    with socket.create_connection(("127.0.0.1", server.tls_port), timeout=10) as raw:
        with context.wrap_socket(raw) as tls:
            call_id = uuid.uuid4().hex
            contact = f"sip:1000@127.0.0.1:{tls.getsockname()[1]};transport=tls"
            tls.sendall(register("1000", "127.0.0.1", "TLS", f"127.0.0.1:{tls.getsockname()[1]}", contact, 1, call_id))
            status, headers = parse_response(read_message(tls))
            assert status == 401
            auth = authorization(headers["www-authenticate"][0], "REGISTER", "sip:127.0.0.1", "1000", "secret")
            tls.sendall(register("1000", "127.0.0.1", "TLS", f"127.0.0.1:{tls.getsockname()[1]}", contact, 2, call_id, auth))
            status, _ = parse_response(read_message(tls))
            assert status == 200


def read_message(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        assert chunk, "connection closed"
        data += chunk
    return data
