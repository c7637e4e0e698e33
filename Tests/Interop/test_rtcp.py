"""RTCP on calls (RFC 3550 §6): a raw UDP caller receives our sender reports on its RTP port + 1 while a tone plays,
and a BYE when the call ends."""
import socket
import struct
import time
import uuid

import random

PLAN = """<include>
  <context name="public">
    <extension name="tone">
      <condition field="destination_number" expression="^7900$">
        <action application="answer"/>
        <action application="playback" data="tone_stream://%(7000,0,1004)"/>
        <action application="hangup"/>
      </condition>
    </extension>
  </context>
</include>
"""


def _request(method, server_port, local_port, call_id, cseq, to_tag="", body="", branch=None):
    lines = [
        f"{method} sip:7900@127.0.0.1:{server_port} SIP/2.0",
        f"Via: SIP/2.0/UDP 127.0.0.1:{local_port};branch=z9hG4bK{branch or uuid.uuid4().hex}",
        "From: <sip:rtcp@127.0.0.1>;tag=rtcp1",
        f"To: <sip:7900@127.0.0.1>{';tag=' + to_tag if to_tag else ''}",
        f"Call-ID: {call_id}", f"CSeq: {cseq} {method}", f"Contact: <sip:rtcp@127.0.0.1:{local_port}>",
        "Max-Forwards: 70",
    ]
    if body:
        lines.append("Content-Type: application/sdp")
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


def _even_port_pair():
    """Two UDP sockets on an even port and the next one (RTP and RTCP, RFC 3550 §11)."""
    for _ in range(100):
        port = random.randrange(40000, 60000, 2)
        rtp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        rtcp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            rtp.bind(("127.0.0.1", port))
            rtcp.bind(("127.0.0.1", port + 1))
            return rtp, rtcp, port
        except OSError:
            rtp.close()
            rtcp.close()
    raise RuntimeError("no free even port pair")


def _rtcp_types(datagram):
    """Packet types in a compound RTCP datagram."""
    types, offset = [], 0
    while offset + 4 <= len(datagram):
        _, pt, length = struct.unpack("!BBH", datagram[offset:offset + 4])
        types.append((pt, datagram[offset:offset + 4 * (length + 1)]))
        offset += 4 * (length + 1)
    return types


def test_sender_reports_and_bye_reach_the_callers_rtcp_port(server_with_plan):
    srv = server_with_plan(PLAN)
    sip = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sip.bind(("127.0.0.1", 0))
    sip.settimeout(10)
    rtp, rtcp, port = _even_port_pair()
    rtcp.settimeout(12)
    local = sip.getsockname()[1]
    call_id = uuid.uuid4().hex
    sdp = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
           f"m=audio {port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")
    try:
        sip.sendto(_request("INVITE", srv.sip_port, local, call_id, 1, body=sdp), ("127.0.0.1", srv.sip_port))
        while True:
            reply = sip.recv(65535).decode()
            if reply.startswith("SIP/2.0 200"):
                break
        to_tag = reply.split("To:", 1)[1].split("tag=", 1)[1].split("\r\n", 1)[0].split(";")[0]
        sip.sendto(_request("ACK", srv.sip_port, local, call_id, 1, to_tag=to_tag), ("127.0.0.1", srv.sip_port))
        our_ssrc = None
        rtp.settimeout(5)
        first = rtp.recv(2048)
        our_ssrc = struct.unpack("!I", first[8:12])[0]
        reports = []
        deadline = time.time() + 16
        saw_bye = False
        while time.time() < deadline and not saw_bye:
            try:
                datagram = rtcp.recv(2048)
            except socket.timeout:
                break
            for pt, packet in _rtcp_types(datagram):
                if pt == 200:
                    ssrc, _, _, _, count, octets = struct.unpack("!IIIIII", packet[4:28])
                    assert ssrc == our_ssrc, (ssrc, our_ssrc)
                    reports.append((count, octets))
                if pt == 203:
                    saw_bye = True
            assert _rtcp_types(datagram)[0][0] in (200, 201), "a compound packet starts with SR or RR"
            assert 202 in [pt for pt, _ in _rtcp_types(datagram)], "every compound packet carries SDES"
        assert reports, "no sender report arrived"
        count, octets = reports[0]
        assert 200 <= count <= 400 and octets == count * 160, reports
        assert saw_bye, "no RTCP BYE when the call ended"
    finally:
        for s in (sip, rtp, rtcp):
            s.close()
