"""baresip (Debian 1.0.0) as a SIP phone with Opus and `mediaenc=dtls_srtp` (DTLS-SRTP keys, no ICE: TESTING.md
§6) calls the echo extension over UDP."""
from baresip import Baresip, analyse, tone_wav
from conftest import free_port
from test_calls import _free, assert_no_channels


def dtls_phone(server, tmp_path, freq=1000, extra="", ice=False):
    source = tmp_path / f"tone{freq}_48k.wav"
    tone_wav(source, freq, seconds=20, rate=48000)
    sip_port = free_port(both=True)
    while not _free(sip_port + 1):
        sip_port = free_port(both=True)
    account = (f"<sip:1000@127.0.0.1:{server.sip_port}>;auth_pass=secret;regint=60;"
               f"audio_codecs=opus/48000/2;mediaenc=dtls_srtp{';medianat=ice' if ice else ''}{extra}")
    modules = ("opus.so", "srtp.so", "dtls_srtp.so") + (("ice.so",) if ice else ())
    return Baresip(tmp_path / "dtls", sip_port, free_port(), source, account, srate=48000, modules=modules,
                   rtcp_mux=ice)


def call_echo(server, phone, seconds=4):
    """Registers, dials 9196, keeps the call `seconds`, hangs up; returns the events seen."""
    import time
    phone.wait_registered()
    phone.command("dial", f"sip:9196@127.0.0.1:{server.sip_port}")
    established = phone.wait_event("CALL_ESTABLISHED", seconds=15)
    time.sleep(seconds)
    phone.command("hangup")
    phone.wait_event("CALL_CLOSED", seconds=10)
    return established


def test_baresip_opus_dtls_srtp_with_ice_hears_its_tone_from_the_echo(server, tmp_path):
    phone = dtls_phone(server, tmp_path, ice=True)
    try:
        call_echo(server, phone)
    finally:
        phone.close()
    rms, freq = analyse(phone.received_audio(), skip=1.0)
    log = server.log()
    assert rms > -40 and abs(freq - 1000) < 20, (rms, freq, log[-3000:])
    assert "DTLS-SRTP connected" in log, log[-3000:]
    assert_no_channels(server)
