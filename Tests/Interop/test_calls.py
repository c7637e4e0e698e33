"""Real calls from a real SIP phone (baresip): registered as 1000, it calls the echo extension 9196 through
the XML dialplan and hears its own tone back."""
import time
import wave

from baresip import Baresip, analyse, tone_wav
from conftest import free_port, sipp


def make_phone(server, tmp_path, user, password, freq, extra=""):
    source = tmp_path / f"tone{freq}.wav"
    tone_wav(source, freq)
    sip_port = free_port(both=True)
    while not _free(sip_port + 1):
        sip_port = free_port(both=True)
    account = f"<sip:{user}@127.0.0.1:{server.sip_port}>;auth_pass={password};regint=60{extra}"
    return Baresip(tmp_path / user, sip_port, free_port(), source, account)


def assert_no_channels(server):
    """After a call every session is gone (`show channels` over the event socket)."""
    import time as _t
    deadline = _t.time() + 5
    while not server.api("show channels").strip().endswith("0 total.") and _t.time() < deadline:
        _t.sleep(0.1)
    assert server.api("show channels").strip().endswith("0 total."), server.api("show channels")


def _free(port):
    import socket
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        return True
    except OSError:
        return False
    finally:
        s.close()


def test_echo_extension_returns_the_callers_tone(server, tmp_path):
    phone = make_phone(server, tmp_path, "1000", "secret", 1000)
    try:
        phone.wait_registered()
        phone.command("dial", f"sip:9196@127.0.0.1:{server.sip_port}")
        phone.wait_event("CALL_ESTABLISHED")
        time.sleep(3)
        phone.command("hangup")
        phone.wait_event("CALL_CLOSED")
    finally:
        phone.close()
    recording = phone.received_audio()
    assert recording, "baresip recorded nothing"
    rms, freq = analyse(recording)
    assert rms > -40, f"echo was silent ({rms:.1f} dBFS)"
    assert abs(freq - 1000) < 20, f"echo had {freq:.0f} Hz, expected 1000"
    with wave.open(recording, "rb") as w:
        assert w.getnframes() / w.getframerate() > 2.0, "the echo should start at once"
    assert "call ended" in server.log()
    assert_no_channels(server)
    row = cdr_row(server, "9196")
    assert row["caller_id_number"] == "1000" and row["context"] == "default", row
    assert row["hangup_cause"] == "NORMAL_CLEARING" and row["hangup_cause_q850"] == 16, row
    assert row["read_codec"] in ("PCMU", "PCMA") and row["write_codec"] == row["read_codec"], row
    assert 2 <= row["billsec"] <= row["duration"] <= 10, row
    assert row["answer_time"] >= row["start_time"] and row["end_time"] > row["answer_time"], row


def cdr_row(server, destination, timeout=5):
    """The CDR row the server stored for the last call to `destination` (written behind, within ~200 ms)."""
    import sqlite3
    deadline = time.time() + timeout
    while True:
        db = sqlite3.connect(f"file:{server.data_dir / 'switchboard.sqlite'}?mode=ro", uri=True)
        db.row_factory = sqlite3.Row
        try:
            row = db.execute(
                "SELECT * FROM cdr WHERE destination_number = ? ORDER BY end_time DESC", (destination,)).fetchone()
        finally:
            db.close()
        if row is not None or time.time() > deadline:
            assert row is not None, f"no CDR row for {destination}"
            return dict(row)
        time.sleep(0.1)


def test_server_side_hangup_reaches_the_phone(server, tmp_path):
    # 9192 answers, logs the channel variables and hangs up: the phone gets our BYE.
    phone = make_phone(server, tmp_path, "1000", "secret", 440)
    try:
        phone.wait_registered()
        phone.command("dial", f"sip:9192@127.0.0.1:{server.sip_port}")
        phone.wait_event("CALL_ESTABLISHED")
        phone.wait_event("CALL_CLOSED")
    finally:
        phone.close()
    log = server.log()
    assert "cause=NORMAL_CLEARING" in log and "CONSOLE" not in log


RINGING_PLAN = """<include>
  <context name="public">
    <extension name="ring_forever">
      <condition field="destination_number" expression="^7000$">
        <action application="ring_ready"/>
        <action application="sleep" data="20000"/>
        <action application="answer"/>
      </condition>
    </extension>
  </context>
</include>
"""


def test_cancel_before_answer_gets_487_and_ends_the_session(server_with_plan):
    srv = server_with_plan(RINGING_PLAN)
    rc, out = sipp(srv, "invite_cancel.xml", service="7000")
    assert rc == 0, out
    deadline = time.time() + 5
    while "cause=ORIGINATOR_CANCEL" not in srv.log() and time.time() < deadline:
        time.sleep(0.1)
    assert "cause=ORIGINATOR_CANCEL" in srv.log(), srv.log()[-2000:]
    assert_no_channels(srv)


def call_and_record(server, tmp_path, number, seconds=3):
    phone = make_phone(server, tmp_path, "1001", "hunter2", 440)
    try:
        phone.wait_registered()
        phone.command("dial", f"sip:{number}@127.0.0.1:{server.sip_port}")
        phone.wait_event("CALL_ESTABLISHED")
        time.sleep(seconds)
        phone.command("hangup")
        phone.wait_event("CALL_CLOSED")
    finally:
        phone.close()
    recording = phone.received_audio()
    assert recording, "baresip recorded nothing"
    return recording


def test_milliwatt_extension_plays_1004_hz(server, tmp_path):
    rms, freq = analyse(call_and_record(server, tmp_path, "9197"))
    assert rms > -20, f"tone too quiet ({rms:.1f} dBFS)"
    assert abs(freq - 1004) < 20, f"heard {freq:.0f} Hz, expected 1004"


def test_hold_music_extension_plays_music(server, tmp_path):
    # 2 s of silence first, then the hold loop: skip the silence and check the music is there and not a 440 Hz echo.
    rms, freq = analyse(call_and_record(server, tmp_path, "9664", seconds=5), skip=2.5)
    assert rms > -40, f"hold music was silent ({rms:.1f} dBFS)"
    assert abs(freq - 440) > 5


DTMF_PLAN = """<include>
  <context name="public">
    <extension name="pin">
      <condition field="destination_number" expression="^7100$">
        <action application="answer"/>
        <action application="play_and_get_digits" data="2 5 1 5000 # silence_stream://200 silence_stream://200 pin \\\\d+"/>
        <action application="log" data="INFO collected PIN=${pin} after ${transfer_source}"/>
        <action application="hangup"/>
      </condition>
    </extension>
    <extension name="front-door">
      <condition field="destination_number" expression="^7200$">
        <action application="transfer" data="7300 XML pins"/>
      </condition>
    </extension>
  </context>
  <context name="pins">
    <extension name="relay">
      <condition field="destination_number" expression="^7300$">
        <action application="transfer" data="7100 XML public"/>
      </condition>
    </extension>
  </context>
</include>
"""


def test_rfc4733_digits_reach_play_and_get_digits(server_with_plan):
    srv = server_with_plan(DTMF_PLAN)
    rc, out = sipp(srv, "invite_dtmf.xml", service="7100", extra=["-mi", "127.0.0.1", "-mp", str(free_port(both=True))])
    assert rc == 0, out
    assert "collected PIN=12" in srv.log(), srv.log()[-2000:]


def test_sip_info_digits_reach_play_and_get_digits(server_with_plan):
    srv = server_with_plan(DTMF_PLAN)
    rc, out = sipp(srv, "invite_info_dtmf.xml", service="7100")
    assert rc == 0, out
    assert "collected PIN=12" in srv.log(), srv.log()[-2000:]
    assert_no_channels(srv)


def test_transfer_routes_the_call_again_in_the_new_context(server_with_plan):
    # 7200 (public) → transfer to 7300 in context `pins` → transfer back to 7100 in public, which collects digits.
    srv = server_with_plan(DTMF_PLAN)
    rc, out = sipp(srv, "invite_dtmf.xml", service="7200", extra=["-mi", "127.0.0.1", "-mp", str(free_port(both=True))])
    assert rc == 0, out
    assert "collected PIN=12 after 7300" in srv.log(), srv.log()[-2000:]
    assert_no_channels(srv)


def test_delay_echo_returns_the_tone_five_seconds_later(server, tmp_path):
    phone = make_phone(server, tmp_path, "1000", "secret", 1000)
    try:
        phone.wait_registered()
        phone.command("dial", f"sip:9195@127.0.0.1:{server.sip_port}")
        phone.wait_event("CALL_ESTABLISHED")
        time.sleep(7.5)
        phone.command("hangup")
        phone.wait_event("CALL_CLOSED")
    finally:
        phone.close()
    recording = phone.received_audio()
    assert recording
    # baresip records from the first packet it receives: 7.5 s of call with a 5 s delay leaves ~2.5 s of echo.
    with wave.open(recording, "rb") as w:
        heard = w.getnframes() / w.getframerate()
    assert 1.0 < heard < 4.5, f"heard {heard:.1f} s of echo; with a 5 s delay about 2.5 s were expected"
    rms, freq = analyse(recording, skip=0.2)
    assert rms > -40 and abs(freq - 1000) < 20, (rms, freq)


def test_registered_phones_call_each_other_with_audio_both_ways(server, tmp_path):
    callee = make_phone(server, tmp_path, "1000", "secret", 1000, extra=";answermode=auto")
    caller = make_phone(server, tmp_path, "1001", "hunter2", 440)
    try:
        callee.wait_registered()
        caller.wait_registered()
        caller.command("dial", f"sip:1000@127.0.0.1:{server.sip_port}")
        caller.wait_event("CALL_ESTABLISHED")
        callee.wait_event("CALL_ESTABLISHED")
        time.sleep(3)
        caller.command("hangup")
        caller.wait_event("CALL_CLOSED")
        callee.wait_event("CALL_CLOSED")
    finally:
        caller.close()
        callee.close()
    rms, freq = analyse(callee.received_audio())
    assert rms > -40 and abs(freq - 440) < 20, f"callee heard {freq:.0f} Hz at {rms:.1f} dBFS, expected the caller's 440"
    rms, freq = analyse(caller.received_audio())
    assert rms > -40 and abs(freq - 1000) < 20, f"caller heard {freq:.0f} Hz at {rms:.1f} dBFS, expected the callee's 1000"
    assert_no_channels(server)
    # Both legs are channels with their own CDR row: the B leg is outbound, bridged to the A leg.
    cdr_row(server, "1000")
    import sqlite3
    time.sleep(0.5)
    db = sqlite3.connect(str(server.data_dir / "switchboard.sqlite"))
    b_legs = db.execute("SELECT uuid, direction, bridged_to, caller_id_number FROM cdr WHERE direction = 'outbound'").fetchall()
    db.row_factory = sqlite3.Row
    a_leg = dict(db.execute("SELECT * FROM cdr WHERE direction = 'inbound'").fetchone())
    db.close()
    assert [(b[1], b[2], b[3]) for b in b_legs] == [("outbound", a_leg["uuid"], "1001")], (a_leg, b_legs)
    assert a_leg["bridged_to"] == b_legs[0][0]


def test_originate_calls_a_registered_phone_and_routes_it_to_an_extension(server, tmp_path):
    assert server.api("originate user/1000 9197").strip() == "-ERR USER_NOT_REGISTERED"
    assert server.api("originate").startswith("-USAGE")
    phone = make_phone(server, tmp_path, "1000", "secret", 440, extra=";answermode=auto")
    try:
        phone.wait_registered()
        reply = server.api("originate {origination_caller_id_number=4242}user/1000 9197 XML default Operator 4100 20")
        assert reply.startswith("+OK "), reply
        uuid = reply.split()[1]
        established = phone.wait_event("CALL_ESTABLISHED")
        assert established["peeruri"].startswith("sip:4242@"), established
        assert established["peerdisplayname"] == "Operator", established
        assert uuid in server.api("show channels")
        time.sleep(3)
        assert server.api(f"uuid_kill {uuid}").startswith("+OK")
        phone.wait_event("CALL_CLOSED")
    finally:
        phone.close()
    rms, freq = analyse(phone.received_audio())
    assert rms > -20 and abs(freq - 1004) < 10, f"phone heard {freq:.0f} Hz at {rms:.1f} dBFS, expected 9197's 1004"
    assert_no_channels(server)
    row = cdr_row(server, "9197")
    assert row["uuid"] == uuid and row["direction"] == "outbound" and row["hangup_cause"] == "MANAGER_REQUEST", row


def test_callee_hangup_ends_the_callers_leg_and_unanswered_calls_are_cancelled(server, tmp_path):
    callee = make_phone(server, tmp_path, "1000", "secret", 1000, extra=";answermode=auto")
    caller = make_phone(server, tmp_path, "1001", "hunter2", 440)
    try:
        callee.wait_registered()
        caller.wait_registered()
        caller.command("dial", f"sip:1000@127.0.0.1:{server.sip_port}")
        callee.wait_event("CALL_ESTABLISHED")
        caller.wait_event("CALL_ESTABLISHED")
        time.sleep(1)
        callee.command("hangup")  # BYE from the B leg: hangup_after_bridge ends the A leg with our BYE
        callee.wait_event("CALL_CLOSED")
        caller.wait_event("CALL_CLOSED")
        # Now the callee does not answer: the caller gives up while it rings, and the ringing leg is cancelled.
        callee.command("answermode", "manual")
        time.sleep(0.5)
        caller.command("dial", f"sip:1000@127.0.0.1:{server.sip_port}")
        callee.wait_event("CALL_INCOMING")
        caller.command("hangup")
        callee.wait_event("CALL_CLOSED")
        caller.wait_event("CALL_CLOSED")
    finally:
        caller.close()
        callee.close()
    assert_no_channels(server)


RECORD_PLAN = """<include>
  <context name="default">
    <extension name="record">
      <condition field="destination_number" expression="^7400$">
        <action application="answer"/>
        <action application="record" data="calls/rec-7400.wav 3"/>
        <action application="log" data="INFO recorded ${record_seconds} s (${record_ms} ms)"/>
        <action application="hangup"/>
      </condition>
    </extension>
  </context>
</include>
"""


def test_record_writes_the_callers_tone_to_a_wav(server_with_plan, tmp_path):
    srv = server_with_plan(RECORD_PLAN)
    phone = make_phone(srv, tmp_path, "1000", "secret", 700)
    try:
        phone.wait_registered()
        phone.command("dial", f"sip:7400@127.0.0.1:{srv.sip_port}")
        phone.wait_event("CALL_ESTABLISHED")
        phone.wait_event("CALL_CLOSED", seconds=10)  # the plan hangs up after the 3 s limit
    finally:
        phone.close()
    recording = srv.data_dir / "recordings" / "calls" / "rec-7400.wav"
    with wave.open(str(recording), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
        seconds = w.getnframes() / w.getframerate()
    assert 2.0 < seconds <= 3.1, f"recorded {seconds:.2f} s with a 3 s limit"
    rms, freq = analyse(recording, skip=0.3)
    assert rms > -30 and abs(freq - 700) < 15, f"recording has {freq:.0f} Hz at {rms:.1f} dBFS, expected 700"
    assert "recorded 3 s" in srv.log() or "recorded 2 s" in srv.log(), srv.log()[-1500:]
    assert_no_channels(srv)


def test_bridged_phones_with_different_g711_laws_are_transcoded(server, tmp_path):
    callee = make_phone(server, tmp_path, "1000", "secret", 1000, extra=";answermode=auto;audio_codecs=PCMA")
    caller = make_phone(server, tmp_path, "1001", "hunter2", 440, extra=";audio_codecs=PCMU")
    try:
        callee.wait_registered()
        caller.wait_registered()
        caller.command("dial", f"sip:1000@127.0.0.1:{server.sip_port}")
        caller.wait_event("CALL_ESTABLISHED")
        callee.wait_event("CALL_ESTABLISHED")
        time.sleep(3)
        caller.command("hangup")
        caller.wait_event("CALL_CLOSED")
        callee.wait_event("CALL_CLOSED")
    finally:
        caller.close()
        callee.close()
    rms, freq = analyse(callee.received_audio())
    assert rms > -40 and abs(freq - 440) < 20, f"callee heard {freq:.0f} Hz at {rms:.1f} dBFS, expected the caller's 440"
    rms, freq = analyse(caller.received_audio())
    assert rms > -40 and abs(freq - 1000) < 20, f"caller heard {freq:.0f} Hz at {rms:.1f} dBFS, expected the callee's 1000"
    codecs = {row[0]: row[1] for row in _cdr_codecs(server)}
    assert codecs == {"inbound": "PCMU", "outbound": "PCMA"}, codecs
    assert_no_channels(server)


def _cdr_codecs(server):
    import sqlite3
    deadline = time.time() + 5
    while True:
        db = sqlite3.connect(str(server.data_dir / "switchboard.sqlite"))
        rows = db.execute("SELECT direction, read_codec FROM cdr").fetchall()
        db.close()
        if len(rows) >= 2 or time.time() > deadline:
            return rows
        time.sleep(0.1)


def test_hold_and_resume_by_reinvite_keep_the_call_up(server, tmp_path):
    phone = make_phone(server, tmp_path, "1000", "secret", 1000)
    try:
        phone.wait_registered()
        phone.command("dial", f"sip:9196@127.0.0.1:{server.sip_port}")
        phone.wait_event("CALL_ESTABLISHED")
        time.sleep(1)
        phone.command("hold")
        _wait_for(lambda: "HELD" in server.api("show channels"), server)
        phone.command("resume")
        _wait_for(lambda: "ACTIVE" in server.api("show channels"), server)
        time.sleep(1.5)
        phone.command("hangup")
        phone.wait_event("CALL_CLOSED")
    finally:
        phone.close()
    assert "Aborting" not in server.log()
    rms, freq = analyse(phone.received_audio(), skip=0.3)
    assert rms > -40 and abs(freq - 1000) < 20, (rms, freq)
    assert_no_channels(server)


def _wait_for(condition, server, seconds=5):
    deadline = time.time() + seconds
    while not condition():
        assert time.time() < deadline, server.api("show channels")
        time.sleep(0.1)


def test_ringback_is_early_media_until_the_callee_answers(server, tmp_path):
    callee = make_phone(server, tmp_path, "1000", "secret", 1000)
    caller = make_phone(server, tmp_path, "1001", "hunter2", 700)
    try:
        callee.wait_registered()
        caller.wait_registered()
        caller.command("dial", f"sip:1000@127.0.0.1:{server.sip_port}")
        callee.wait_event("CALL_INCOMING")
        caller.wait_event("CALL_PROGRESS")  # our 183 with SDP: the ringback plays as early media
        time.sleep(3)
        callee.command("accept")
        caller.wait_event("CALL_ESTABLISHED")
        time.sleep(3)
        caller.command("hangup")
        caller.wait_event("CALL_CLOSED")
        callee.wait_event("CALL_CLOSED")
    finally:
        caller.close()
        callee.close()
    heard = caller.received_audio()
    rms, freq = analyse(heard, skip=0.3, length=1.5)
    assert rms > -40 and (abs(freq - 440) < 10 or abs(freq - 480) < 10), f"ringback was {freq:.0f} Hz at {rms:.1f} dBFS"
    with wave.open(heard, "rb") as w:
        total = w.getnframes() / w.getframerate()
    rms, freq = analyse(heard, skip=total - 2, length=1.5)
    assert rms > -40 and abs(freq - 1000) < 20, f"after the answer the caller heard {freq:.0f} Hz"
    assert_no_channels(server)


PARK_PLAN = """<include>
  <context name="public">
    <extension name="park">
      <condition field="destination_number" expression="^7500$">
        <action application="answer"/>
        <action application="park"/>
      </condition>
    </extension>
    <extension name="unpark">
      <condition field="destination_number" expression="^7600$">
        <action application="log" data="INFO unparked from ${transfer_source}"/>
        <action application="hangup"/>
      </condition>
    </extension>
    <extension name="outer">
      <condition field="destination_number" expression="^7700$">
        <action application="answer"/>
        <action application="execute_extension" data="7800 XML public"/>
        <action application="log" data="INFO back after ${inner}"/>
        <action application="hangup"/>
      </condition>
    </extension>
    <extension name="inner">
      <condition field="destination_number" expression="^7800$">
        <action application="set" data="inner=inline"/>
      </condition>
    </extension>
  </context>
</include>
"""


def test_park_then_uuid_transfer_routes_the_leg_again(server_with_plan):
    import threading
    srv = server_with_plan(PARK_PLAN)
    result = {}
    caller = threading.Thread(target=lambda: result.update(sipp=sipp(
        srv, "invite_wait_bye.xml", service="7500", timeout=30)))
    caller.start()
    _wait_for(lambda: "CS_PARK" in srv.api("show channels"), srv, seconds=10)
    uuid = srv.api("show channels").splitlines()[1].split(",")[0]
    assert srv.api(f"uuid_transfer {uuid} 7600 XML public").startswith("+OK")
    caller.join(timeout=30)
    rc, out = result["sipp"]
    assert rc == 0, out
    assert "unparked from 7500" in srv.log(), srv.log()[-1500:]
    assert srv.api("uuid_transfer nope 7600").startswith("-ERR No such channel")
    assert_no_channels(srv)


def test_execute_extension_runs_another_extension_inline(server_with_plan):
    srv = server_with_plan(PARK_PLAN)
    rc, out = sipp(srv, "invite_wait_bye.xml", service="7700")
    assert rc == 0, out
    assert "back after inline" in srv.log(), srv.log()[-1500:]
    assert_no_channels(srv)


SEND_DTMF_PLAN = """<include>
  <context name="default">
    <extension name="send_dtmf">
      <condition field="destination_number" expression="^7950$">
        <action application="answer"/>
        <action application="sleep" data="1000"/>
        <action application="send_dtmf" data="19#@200"/>
        <action application="sleep" data="1500"/>
        <action application="hangup"/>
      </condition>
    </extension>
  </context>
</include>
"""


def test_send_dtmf_reaches_the_phone_as_rfc4733_events(server_with_plan, tmp_path):
    srv = server_with_plan(SEND_DTMF_PLAN)
    phone = make_phone(srv, tmp_path, "1000", "secret", 440)
    try:
        phone.wait_registered()
        phone.command("dial", f"sip:7950@127.0.0.1:{srv.sip_port}")
        phone.wait_event("CALL_ESTABLISHED")
        keys = [phone.wait_event("CALL_DTMF_START")["param"] for _ in range(3)]
        phone.wait_event("CALL_CLOSED")
    finally:
        phone.close()
    assert keys == ["1", "9", "#"], keys
    assert_no_channels(srv)
