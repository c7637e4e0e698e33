"""The browser phone (web/) in headless Chromium (Debian's, driven by pip playwright): served on the Verto port,
it logs in over Verto, reports a wrong password clearly, and places a call with a real WebRTC offer. Browser media
(ICE/DTLS/SRTP to the server) is not wired to Verto yet, so the call ends with BEARERCAPABILITY_NOTIMPL."""
import playwright.sync_api as playwright  # pip playwright, installed by `make test`; uses Debian's chromium

ARGS = ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection"]


def _page(p, server):
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{server.verto_port}/")
    return browser, page


def test_web_phone_logs_in_and_reports_a_wrong_password(server):
    with playwright.sync_playwright() as p:
        browser, page = _page(p, server)
        try:
            page.fill("#user", "1000")
            page.fill("#password", "wrong")
            page.click("button[type=submit]")
            page.wait_for_function("document.getElementById('error').textContent.length > 0", timeout=10000)
            assert page.text_content("#error") == "Wrong user or password."
            page.fill("#password", "secret")
            page.click("button[type=submit]")
            page.wait_for_function("window.phoneState.status.startsWith('Logged in')", timeout=10000)
            assert page.is_visible("#phone") and not page.is_visible("#login")
            page.fill("#number", "9196")
            page.click("#call")
            page.wait_for_function("document.getElementById('callstate').textContent.startsWith('ended')",
                                   timeout=15000)
            assert page.text_content("#callstate") == "ended (BEARERCAPABILITY_NOTIMPL)"
        finally:
            browser.close()
    log = server.log()
    assert "verto login" in log and "verto.invite refused" in log
