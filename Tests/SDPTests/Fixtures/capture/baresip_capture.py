"""Capture baresip 1.0.0's INVITE offers with Opus and mediaenc=dtls_srtp (without ICE; with ICE and rtcp-mux) by
dialing a plain UDP socket. Usage: python baresip_capture.py OUTDIR"""
import socket
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "Interop"))
from baresip import Baresip, tone_wav  # noqa: E402
from conftest import free_port  # noqa: E402

out = Path(sys.argv[1])
for name, extra, modules, mux in (("baresip-offer-dtls-srtp.sdp", "", (), False),
                                  ("baresip-offer-dtls-srtp-ice.sdp", ";medianat=ice", ("ice.so",), True)):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("127.0.0.1", 0))
    port = u.getsockname()[1]
    d = Path(tempfile.mkdtemp())
    tone_wav(d / "t.wav", 1000, 5, 48000)
    b = Baresip(d / "b", free_port(both=True), free_port(), d / "t.wav",
                f"<sip:1000@127.0.0.1:{port}>;regint=0;audio_codecs=opus/48000/2;mediaenc=dtls_srtp{extra}",
                srate=48000, modules=("opus.so", "srtp.so", "dtls_srtp.so") + modules, rtcp_mux=mux)
    try:
        b.command("dial", f"sip:9196@127.0.0.1:{port}")
        u.settimeout(10)
        data, _ = u.recvfrom(65535)
    finally:
        b.close()
        u.close()
    (out / name).write_bytes(data.split(b"\r\n\r\n", 1)[1])
    print("wrote", name)
