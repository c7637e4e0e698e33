"""Headless Chromium (Debian's, driven by pip playwright) with a fake microphone places a SIP-over-WebSocket call
to the echo extension from a small test page: a plain-JS SIP user agent (pages/sip_ws_echo.js: REGISTER and INVITE
with digest authentication, ACK, BYE, subprotocol `sip`) and a WebRTC peer connection; the page measures the echoed
tone with WebAudio."""
import playwright.sync_api as playwright

from baresip import tone_wav
from browsers import PageServer
from test_calls import assert_no_channels


def test_chromium_page_calls_the_echo_over_sip_websocket(server, tmp_path):
    mic = tmp_path / "mic660.wav"
    tone_wav(mic, 660, seconds=20, rate=48000)
    args = ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={mic}", "--autoplay-policy=no-user-gesture-required",
            "--allow-loopback-in-peer-connection"]
    with PageServer() as pages, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
        try:
            browser.new_page().goto(pages.url(f"sip_ws_echo.html?ws=ws://127.0.0.1:{server.ws_port}&user=1000"
                                              "&password=secret&destination=9196&seconds=4"))
            local = pages.wait("local", timeout=30)
            registered = pages.wait("register", timeout=20)
            echo = pages.wait("echo", timeout=60)
        finally:
            browser.close()
    log = server.log()
    # The server challenges with MD5 only (SIPRegistrar default): the page answers with its RFC 1321 MD5.
    assert registered["status"] == 200 and registered["algorithms"] == ["MD5"], registered
    assert echo["algorithms"] == ["MD5", "MD5"], echo  # REGISTER, then the INVITE's 407
    assert local["peakHz"] is not None and abs(local["peakHz"] - 660) < 30, local
    assert echo["invite"] == 200, (echo, log[-3000:])
    assert "a=ice-lite" in echo["answer"] and "opus/48000/2" in echo["answer"], echo["answer"]
    assert echo["connectionState"] == "connected", (echo, log[-3000:])
    assert echo["stats"].get("packetsReceived", 0) > 100, echo
    assert echo["loud"] >= echo["readings"] // 2, echo
    assert echo["peakHz"] == local["peakHz"], (echo, local)
    assert echo["bye"] == 200, echo
    assert "DTLS-SRTP connected" in log, log[-3000:]
    assert_no_channels(server)
