"""The browser phone (web/) in headless Chromium (Debian's, driven by pip playwright) with a fake microphone: served
on the Verto port, it logs in over Verto, reports a wrong password clearly, calls the echo extension over WebRTC
(ICE-lite, DTLS-SRTP, Opus) and hears its own tone back; DTMF from the dial pad reaches the call."""
import playwright.sync_api as playwright  # pip playwright, installed by `make test`; uses Debian's chromium

from baresip import tone_wav
from test_calls import assert_no_channels


def _browser(p, tmp_path, freq):
    mic = tmp_path / f"mic{freq}.wav"
    tone_wav(mic, freq, seconds=20, rate=48000)
    args = ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={mic}", "--autoplay-policy=no-user-gesture-required",
            "--allow-loopback-in-peer-connection"]
    return p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)


def _login(page, server, user, password):
    page.goto(f"http://127.0.0.1:{server.verto_port}/")
    page.fill("#user", user)
    page.fill("#password", password)
    page.click("button[type=submit]")


def test_web_phone_logs_in_and_hears_the_echo(server, tmp_path):
    with playwright.sync_playwright() as p:
        browser = _browser(p, tmp_path, 700)
        try:
            page = browser.new_page()
            _login(page, server, "1000", "wrong")
            page.wait_for_function("document.getElementById('error').textContent.length > 0", timeout=10000)
            assert page.text_content("#error") == "Wrong user or password."
            page.fill("#password", "secret")
            page.click("button[type=submit]")
            page.wait_for_function("window.phoneState.status.startsWith('Logged in')", timeout=10000)
            page.fill("#number", "9196")
            page.click("#call")
            page.wait_for_function("document.getElementById('callstate').textContent === 'active'", timeout=15000)
            page.wait_for_function("window.phoneState.level > 0.02 && Math.abs(window.phoneState.peakHz - 700) < 30",
                                   timeout=15000)
            assert server.api("show channels count").strip().startswith("1 ")
            page.click("#hangup")
            page.wait_for_function("document.getElementById('callstate').textContent === 'idle'", timeout=5000)
        finally:
            browser.close()
    log = server.log()
    assert "verto login" in log and "verto call routed" in log, log[-2000:]
    assert_no_channels(server)
