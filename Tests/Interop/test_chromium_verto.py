"""Headless Chromium (Debian's, driven by pip playwright) calls over Verto with web/verto.js from the small test page
(pages/verto_echo.js), bridged by the default dialplan to a SIP phone on G.711: the Verto answer asks the browser for
narrowband Opus (RFC 7587 maxplaybackrate=8000), and Chromium's encoder takes it."""
import playwright.sync_api as playwright

from baresip import tone_wav
from browsers import PageServer, assert_narrowband_call_with_a_g711_phone
from test_calls import assert_no_channels, make_phone


def test_chromium_over_verto_bridged_to_a_g711_phone_sends_narrowband_opus(server, tmp_path):
    callee = make_phone(server, tmp_path, "1001", "hunter2", 440, extra=";answermode=auto;audio_codecs=PCMU")
    mic = tmp_path / "mic660.wav"
    tone_wav(mic, 660, seconds=20, rate=48000)
    args = ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={mic}", "--autoplay-policy=no-user-gesture-required",
            "--allow-loopback-in-peer-connection"]
    try:
        callee.wait_registered()
        with PageServer() as pages, playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
            try:
                browser.new_page().goto(pages.url(f"verto_echo.html?verto=ws://127.0.0.1:{server.verto_port}/"
                                                  "&user=1000&password=secret&destination=1001&seconds=4"))
                local = pages.wait("local", timeout=30)
                call = pages.wait("echo", timeout=60)
            finally:
                browser.close()
        callee.wait_event("CALL_CLOSED")
    finally:
        callee.close()
    log = server.log()
    assert local["peakHz"] is not None and abs(local["peakHz"] - 660) < 30, local
    assert_narrowband_call_with_a_g711_phone(call, callee, log)
    assert "verto call routed" in log, log[-3000:]
    assert_no_channels(server)
