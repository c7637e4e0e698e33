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


def test_a_sip_phone_calls_the_browser_and_both_hear_each_other(server, tmp_path):
    from baresip import analyse
    from test_calls import make_phone
    import time
    caller = make_phone(server, tmp_path, "1001", "hunter2", 440)
    with playwright.sync_playwright() as p:
        browser = _browser(p, tmp_path, 700)
        try:
            page = browser.new_page()
            _login(page, server, "1000", "secret")
            page.wait_for_function("window.phoneState.status.startsWith('Logged in')", timeout=10000)
            caller.wait_registered()
            caller.command("dial", f"sip:1000@127.0.0.1:{server.sip_port}")
            page.wait_for_selector("#incoming:not([hidden])", timeout=15000)
            assert "1001" in page.text_content("#caller")
            page.click("#answer")
            caller.wait_event("CALL_ESTABLISHED", seconds=15)
            page.wait_for_function("window.phoneState.level > 0.02 && Math.abs(window.phoneState.peakHz - 440) < 30",
                                   timeout=15000)
            time.sleep(3)
            caller.command("hangup")
            caller.wait_event("CALL_CLOSED")
            page.wait_for_function("document.getElementById('callstate').textContent.startsWith('ended')",
                                   timeout=10000)
        finally:
            browser.close()
            caller.close()
    rms, freq = analyse(caller.received_audio(), skip=1.0)
    assert rms > -40 and abs(freq - 700) < 20, f"the SIP phone heard {freq:.0f} Hz at {rms:.1f} dBFS, expected 700"
    assert_no_channels(server)


VERTO_RTC_PLAN = """<include>
  <context name="default">
    <extension name="browser-only">
      <condition field="destination_number" expression="^7970$">
        <action application="bridge" data="{origination_caller_id_number=7970}verto.rtc/1000@127.0.0.1"/>
      </condition>
    </extension>
  </context>
</include>
"""


def test_verto_rtc_dial_string_rings_only_the_browser(server_with_plan, tmp_path):
    from test_calls import make_phone
    srv = server_with_plan(VERTO_RTC_PLAN)
    sip_1000 = make_phone(srv, tmp_path, "1000", "secret", 300)
    caller = make_phone(srv, tmp_path, "1001", "hunter2", 440)
    with playwright.sync_playwright() as p:
        browser = _browser(p, tmp_path, 700)
        try:
            page = browser.new_page()
            _login(page, srv, "1000", "secret")
            page.wait_for_function("window.phoneState.status.startsWith('Logged in')", timeout=10000)
            sip_1000.wait_registered()
            caller.wait_registered()
            caller.command("dial", f"sip:7970@127.0.0.1:{srv.sip_port}")
            page.wait_for_selector("#incoming:not([hidden])", timeout=15000)
            assert "7970" in page.text_content("#caller")
            page.click("#decline")
            caller.wait_event("CALL_CLOSED", seconds=15)
        finally:
            browser.close()
            caller.close()
    seen = sip_1000.backlog + sip_1000.messages(1.0)
    assert not [m for m in seen if m.get("type") == "CALL_INCOMING"], "the SIP phone of 1000 rang"
    sip_1000.close()
    assert_no_channels(srv)


def _wait_logged_in(page):
    page.wait_for_function("window.phoneState.status.startsWith('Logged in')", timeout=10000)


def _wait_hears(page, freq=700, timeout=15000):
    page.wait_for_function(
        f"window.phoneState.level > 0.02 && Math.abs(window.phoneState.peakHz - {freq}) < 30", timeout=timeout)


def test_the_page_reloads_mid_call_and_the_call_reattaches_with_audio(server, tmp_path):
    with playwright.sync_playwright() as p:
        browser = _browser(p, tmp_path, 700)
        try:
            page = browser.new_page()
            _login(page, server, "1000", "secret")
            _wait_logged_in(page)
            page.fill("#number", "9196")
            page.click("#call")
            page.wait_for_function("document.getElementById('callstate').textContent === 'active'", timeout=15000)
            _wait_hears(page)
            uuid_before = server.api("show channels").splitlines()[1].split(",")[0]
            page.reload()
            # The reloaded page logs in again with the tab's sessid; the server offers the call back (verto.attach).
            _wait_logged_in(page)
            page.wait_for_function("document.getElementById('callstate').textContent === 'active'", timeout=15000)
            _wait_hears(page)
            channels = server.api("show channels")
            assert channels.splitlines()[1].split(",")[0] == uuid_before, channels
            assert server.api("show channels count").strip().startswith("1 ")
            page.click("#hangup")
            page.wait_for_function("document.getElementById('callstate').textContent === 'idle'", timeout=5000)
        finally:
            browser.close()
    log = server.log()
    assert "verto call detached" in log and "verto call reattached" in log, log[-3000:]
    assert_no_channels(server)


def test_two_browsers_call_each_other_and_hear_both_ways(server, tmp_path):
    with playwright.sync_playwright() as p:
        caller_browser = _browser(p, tmp_path, 700)
        callee_browser = _browser(p, tmp_path, 500)
        try:
            caller = caller_browser.new_page()
            callee = callee_browser.new_page()
            _login(callee, server, "1001", "hunter2")
            _login(caller, server, "1000", "secret")
            _wait_logged_in(callee)
            _wait_logged_in(caller)
            caller.fill("#number", "1001")
            caller.click("#call")
            callee.wait_for_selector("#incoming:not([hidden])", timeout=15000)
            assert "1000" in callee.text_content("#caller")
            callee.click("#answer")
            caller.wait_for_function("document.getElementById('callstate').textContent === 'active'", timeout=15000)
            _wait_hears(caller, 500)
            _wait_hears(callee, 700)
            assert server.api("show channels count").strip().startswith("2 ")
            caller.click("#hangup")
            callee.wait_for_function("document.getElementById('callstate').textContent.startsWith('ended')",
                                     timeout=10000)
        finally:
            caller_browser.close()
            callee_browser.close()
    assert_no_channels(server)


DIGITS_PLAN = """<include>
  <context name="default">
    <extension name="lua-digits">
      <condition field="destination_number" expression="^7100$">
        <action application="answer"/>
        <action application="lua" data="~local d = session:playAndGetDigits(2, 2, 3, 8000, '#', 'tone_stream://%(200,100,440)', '', '\\\\d+')
freeswitch.consoleLog('info', 'page digits: [' .. d .. ']\\n')"/>
        <action application="hangup"/>
      </condition>
    </extension>
  </context>
</include>
"""


def test_dtmf_from_the_dial_pad_reaches_play_and_get_digits_in_a_lua_script(server_with_plan, tmp_path):
    srv = server_with_plan(DIGITS_PLAN)
    with playwright.sync_playwright() as p:
        browser = _browser(p, tmp_path, 700)
        try:
            page = browser.new_page()
            _login(page, srv, "1000", "secret")
            _wait_logged_in(page)
            page.fill("#number", "7100")
            page.click("#call")
            page.wait_for_function("document.getElementById('callstate').textContent === 'active'", timeout=15000)
            _wait_hears(page, 440)
            page.click("#pad button[data-key='4']")
            page.click("#pad button[data-key='2']")
            page.wait_for_function("document.getElementById('callstate').textContent.startsWith('ended')",
                                   timeout=15000)
        finally:
            browser.close()
    assert "page digits: [42]" in srv.log(), srv.log()[-3000:]
    assert_no_channels(srv)
