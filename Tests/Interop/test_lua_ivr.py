"""The Lua demo IVR at 5000 (scripts/ivr_demo.lua) with a real phone: baresip presses keys (RFC 4733) and hears the
echo, or dials an extension through the menu and reaches another registered baresip. Plus the lua/luarun API."""
import time
import wave

from baresip import analyse
from test_calls import assert_no_channels, make_phone


def _tail(path, seconds):
    with wave.open(path, "rb") as w:
        total = w.getnframes() / w.getframerate()
    return analyse(path, skip=max(0.0, total - seconds), length=seconds - 0.3)


def test_menu_key_1_runs_the_echo_test(server, tmp_path):
    phone = make_phone(server, tmp_path, "1000", "secret", 1000)
    try:
        phone.wait_registered()
        phone.command("dial", f"sip:5000@127.0.0.1:{server.sip_port}")
        phone.wait_event("CALL_ESTABLISHED")
        time.sleep(2.5)  # sleep 500 ms + the welcome prompt, then the menu tone waits for a key
        phone.command("sndcode", "1")
        time.sleep(4)
        phone.command("hangup")
        phone.wait_event("CALL_CLOSED")
    finally:
        phone.close()
    rms, freq = _tail(phone.received_audio(), 2.5)
    assert rms > -40 and abs(freq - 1000) < 20, f"after pressing 1 the caller heard {freq:.0f} Hz at {rms:.1f} dBFS"
    log = server.log()
    assert "ivr_demo: echo test" in log, log[-2000:]
    assert "caller left the menu (hangup)" in log
    assert_no_channels(server)


def test_menu_key_3_dials_a_registered_extension(server, tmp_path):
    callee = make_phone(server, tmp_path, "1001", "hunter2", 440, extra=";answermode=auto")
    caller = make_phone(server, tmp_path, "1000", "secret", 1000)
    try:
        callee.wait_registered()
        caller.wait_registered()
        caller.command("dial", f"sip:5000@127.0.0.1:{server.sip_port}")
        caller.wait_event("CALL_ESTABLISHED")
        time.sleep(2.5)
        caller.command("sndcode", "3")
        time.sleep(2.5)  # the "please enter the extension" prompt
        for key in "1001#":
            caller.command("sndcode", key)
            time.sleep(0.3)
        callee.wait_event("CALL_ESTABLISHED", seconds=20)
        time.sleep(3)
        caller.command("hangup")
        caller.wait_event("CALL_CLOSED")
        callee.wait_event("CALL_CLOSED")
    finally:
        caller.close()
        callee.close()
    rms, freq = _tail(caller.received_audio(), 2.5)
    assert rms > -40 and abs(freq - 440) < 20, f"the caller heard {freq:.0f} Hz at {rms:.1f} dBFS, expected 1001's 440"
    rms, freq = _tail(callee.received_audio(), 2.0)
    assert rms > -40 and abs(freq - 1000) < 20, f"1001 heard {freq:.0f} Hz at {rms:.1f} dBFS, expected the caller's 1000"
    assert "ivr_demo: transferring to 1001" in server.log()
    assert_no_channels(server)


def test_lua_and_luarun_api_commands(server, tmp_path):
    script = tmp_path / "hello.lua"
    script.write_text('stream:write("hello " .. argv[1] .. " from " .. freeswitch.API():executeString("version"))\n')
    out = server.api(f"lua {script} world")
    assert out.startswith("hello world from Switchboard"), out
    assert server.api("lua /nonexistent/nope.lua").startswith("-ERR"), "a missing script is an error"
    marker = tmp_path / "ran.txt"
    background = tmp_path / "bg.lua"
    background.write_text(f'local f = io.open("{marker}", "w") f:write(argv[1]) f:close()\n')
    assert server.api(f"luarun {background} done").startswith("+OK")
    deadline = time.time() + 5
    while not marker.exists() and time.time() < deadline:
        time.sleep(0.1)
    assert marker.read_text() == "done"


ORIGINATE_PLAN = """<include>
  <context name="default">
    <extension name="lua-bridge">
      <condition field="destination_number" expression="^7960$">
        <action application="lua" data="~session:answer()
local missing = freeswitch.Session('user/1999')
freeswitch.consoleLog('info', 'missing ready=' .. tostring(missing:ready()) .. ' cause=' .. missing:hangupCause())
local b = freeswitch.Session('{origination_caller_id_number=7960}user/1001')
if b:ready() then freeswitch.bridge(session, b) end
freeswitch.consoleLog('info', 'bridge over, caller ready=' .. tostring(session:ready()))"/>
      </condition>
    </extension>
  </context>
</include>
"""


def test_lua_originates_a_leg_and_bridges_it(server_with_plan, tmp_path):
    srv = server_with_plan(ORIGINATE_PLAN)
    callee = make_phone(srv, tmp_path, "1001", "hunter2", 440, extra=";answermode=auto")
    caller = make_phone(srv, tmp_path, "1000", "secret", 1000)
    try:
        callee.wait_registered()
        caller.wait_registered()
        caller.command("dial", f"sip:7960@127.0.0.1:{srv.sip_port}")
        caller.wait_event("CALL_ESTABLISHED")
        established = callee.wait_event("CALL_ESTABLISHED", seconds=20)
        assert established["peeruri"].startswith("sip:7960@"), established
        time.sleep(3)
        caller.command("hangup")
        caller.wait_event("CALL_CLOSED")
        callee.wait_event("CALL_CLOSED")  # the script's leg is hung up when the script ends (auto-hangup)
    finally:
        caller.close()
        callee.close()
    rms, freq = _tail(caller.received_audio(), 2.0)
    assert rms > -40 and abs(freq - 440) < 20, f"the caller heard {freq:.0f} Hz, expected 1001's 440"
    rms, freq = _tail(callee.received_audio(), 2.0)
    assert rms > -40 and abs(freq - 1000) < 20, f"1001 heard {freq:.0f} Hz, expected the caller's 1000"
    log = srv.log()
    assert "missing ready=false cause=USER_NOT_REGISTERED" in log, log[-2000:]
    assert "bridge over, caller ready=false" in log
    assert_no_channels(srv)
