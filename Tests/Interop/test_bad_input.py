"""Hostile and broken input never crashes the server or blocks other peers (issue: Bad input)."""
import os
import random
import socket
import time
import uuid

from conftest import sipp
from sipdigest import parse_response, register


def udp_exchange(server, payload, timeout=2.0, source="127.0.0.1"):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((source, 0))
    s.settimeout(timeout)
    s.sendto(payload, ("127.0.0.1", server.sip_port))
    try:
        return s.recv(65535)
    except socket.timeout:
        return None
    finally:
        s.close()


def test_malformed_request_gets_400_and_server_keeps_serving(server):
    bad = (b"REGISTER sip:127.0.0.1 SIP/2.0\r\n"
           b"Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKbad1\r\n"
           b"From: <sip:1000@127.0.0.1>;tag=1\r\nTo: <sip:1000@127.0.0.1>\r\nCall-ID: bad-1\r\n"
           b"CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n")  # CSeq method does not match
    reply = udp_exchange(server, bad)
    assert reply is not None and reply.startswith(b"SIP/2.0 400"), reply
    rc, out = sipp(server, "options.xml")
    assert rc == 0, out


def test_garbage_truncated_and_oversized_datagrams_are_survived(server):
    rng = random.Random(4475)
    for _ in range(300):
        udp_exchange(server, bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 1400))), timeout=0.001)
    udp_exchange(server, b"INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP", timeout=0.01)
    reply = udp_exchange(server, register("1000", "127.0.0.1", "UDP", "127.0.0.1:5998", "sip:1000@127.0.0.1:5998", 1,
                                          "big", expires=300)[:-4] + b"\r\nX-Big: " + b"a" * 60000 + b"\r\n\r\n")
    assert reply is None or reply.startswith(b"SIP/2.0 4") or reply.startswith(b"SIP/2.0 5"), reply
    assert server.alive()
    rc, out = sipp(server, "options.xml")
    assert rc == 0, out


def test_broken_tcp_framing_closes_only_that_connection(server):
    bad = socket.create_connection(("127.0.0.1", server.sip_port), timeout=5)
    bad.sendall(b"OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP x;branch=z9hG4bKx\r\nContent-Length: nope\r\n\r\n")
    bad.settimeout(5)
    assert bad.recv(100) == b""  # closed by the server
    bad.close()
    rc, out = sipp(server, "options.xml", transport="t1")
    assert rc == 0, out


def test_failing_register_flood_is_limited_per_source(server_factory):
    srv = server_factory(extra_config="auth_failure_limit = 5\nauth_failure_window = 60\nauth_block_seconds = 60")
    srv.start()
    # 127.0.0.2 hammers with wrong passwords: after 5 failures it gets no answer at all.
    for _ in range(5):
        rc, out = sipp(srv, "register_forbidden.xml", password="wrong", local_ip="127.0.0.2")
        assert rc == 0, out
    blocked = udp_exchange(srv, register("1000", "127.0.0.1", "UDP", "127.0.0.2:5997", "sip:1000@127.0.0.2:5997", 1,
                                         uuid.uuid4().hex), source="127.0.0.2")
    assert blocked is None
    # Another source is not affected.
    rc, out = sipp(srv, "register.xml", password="secret", local_ip="127.0.0.1")
    assert rc == 0, out
