"""Headless Chromium (Debian's, driven by pip playwright) with a fake microphone places a SIP-over-WebSocket call
to the echo extension from a small test page: a plain-JS SIP user agent (pages/sip_ws_echo.js: REGISTER and INVITE
with digest authentication, ACK, BYE, subprotocol `sip`) and a WebRTC peer connection; the page measures the echoed
tone with WebAudio."""
import playwright.sync_api as playwright

from baresip import tone_wav
from browsers import PageServer, assert_narrowband_call_with_a_g711_phone
from test_calls import assert_no_channels, make_phone


def call_from_chromium(server, tmp_path, destination):
    """The test page in headless Chromium, its microphone a 660 Hz tone, calls `destination` as user 1000.
    Returns the page's (local, register, echo) reports."""
    mic = tmp_path / "mic660.wav"
    tone_wav(mic, 660, seconds=20, rate=48000)
    args = ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={mic}", "--autoplay-policy=no-user-gesture-required",
            "--allow-loopback-in-peer-connection"]
    with PageServer() as pages, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
        try:
            browser.new_page().goto(pages.url(f"sip_ws_echo.html?ws=ws://127.0.0.1:{server.ws_port}&user=1000"
                                              f"&password=secret&destination={destination}&seconds=4"))
            local = pages.wait("local", timeout=30)
            registered = pages.wait("register", timeout=20)
            echo = pages.wait("echo", timeout=60)
        finally:
            browser.close()
    return local, registered, echo


def test_chromium_page_calls_the_echo_over_sip_websocket(server, tmp_path):
    local, registered, echo = call_from_chromium(server, tmp_path, "9196")
    log = server.log()
    # The server challenges with MD5 only (SIPRegistrar default): the page answers with its RFC 1321 MD5.
    assert registered["status"] == 200 and registered["algorithms"] == ["MD5"], registered
    assert echo["algorithms"] == ["MD5", "MD5"], echo  # REGISTER, then the INVITE's 407
    assert local["peakHz"] is not None and abs(local["peakHz"] - 660) < 30, local
    assert echo["invite"] == 200, (echo, log[-3000:])
    assert "a=ice-lite" in echo["answer"] and "opus/48000/2" in echo["answer"], echo["answer"]
    # The echo passes Opus through: no maxplaybackrate, Chromium keeps libwebrtc's full-band 32 kbit/s.
    assert "maxplaybackrate" not in echo["answer"] and echo["stats"].get("targetBitrate") == 32000, echo
    assert echo["connectionState"] == "connected", (echo, log[-3000:])
    assert echo["stats"].get("packetsReceived", 0) > 100, echo
    assert echo["loud"] >= echo["readings"] // 2, echo
    assert echo["peakHz"] == local["peakHz"], (echo, local)
    assert echo["bye"] == 200, echo
    assert "DTLS-SRTP connected" in log, log[-3000:]
    assert_no_channels(server)


def test_chromium_bridged_to_a_g711_phone_sends_narrowband_opus(server, tmp_path):
    """Chromium calls 1001, a baresip on PCMU playing 440 Hz, through the default dialplan (ringback, then bridge).
    The answer (sent before the ringback's 183) asks for narrowband Opus, RFC 7587 maxplaybackrate=8000, and
    Chromium's encoder takes it: libwebrtc's narrowband target of 12 kbit/s instead of 32, packets about a third
    the size. The audio still crosses both ways through the transcoder."""
    callee = make_phone(server, tmp_path, "1001", "hunter2", 440, extra=";answermode=auto;audio_codecs=PCMU")
    try:
        callee.wait_registered()
        local, registered, call = call_from_chromium(server, tmp_path, "1001")
        callee.wait_event("CALL_CLOSED")
    finally:
        callee.close()
    log = server.log()
    assert call["invite"] == 200, (call, log[-3000:])
    assert_narrowband_call_with_a_g711_phone(call, callee, log)
    assert_no_channels(server)
