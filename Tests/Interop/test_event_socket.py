"""The event socket (FreeSWITCH inbound ESL framing, compat §8) with a raw socket client: auth, api, exit."""
import socket

import pytest


def test_api_commands_over_the_event_socket(server):
    assert server.api("show channels").strip().endswith("0 total.")
    assert "Switchboard" in server.api("version")
    assert "session(s)" in server.api("status")
    assert server.api("reloadxml").startswith("+OK")
    assert server.api("no_such_thing").startswith("-ERR no_such_thing Command not found!")


def test_wrong_password_is_refused(server):
    with pytest.raises(PermissionError):
        server.api("status", password="wrong")


def test_reloadxml_keeps_the_old_plan_when_a_file_is_broken(server_factory, tmp_path):
    plan = tmp_path / "plan"
    plan.mkdir()
    (plan / "a.xml").write_text('<include><context name="public"/></include>\n')
    srv = server_factory(dialplan_dir=str(plan))
    srv.start()
    (plan / "b.xml").write_text('<include>\n<context name="x">\n<extension>\n</include>\n')
    reply = srv.api("reloadxml")
    assert reply.startswith("-ERR") and "b.xml:" in reply, reply
    assert srv.alive()


def test_show_registrations_lists_live_bindings(server):
    from sipdigest import UDPClient
    assert server.api("show registrations").strip() == "0 total."
    client = UDPClient(server.sip_port)
    try:
        contact = f"sip:1000@{client.local}"
        status, _ = client.request("1000", "secret", contact, 300, "show-reg-call-1")
        assert status == 200
        lines = server.api("show registrations").strip().splitlines()
        assert lines[0] == "reg_user,realm,token,url,expires,network_ip,network_port,network_proto,hostname,metadata"
        fields = lines[1].split(",")
        assert fields[0] == "1000" and fields[2] == "show-reg-call-1" and fields[3] == f"sip:1000@{client.local}"
        assert fields[5] == "127.0.0.1" and fields[6] == client.local.split(":")[1] and fields[7] == "udp"
        assert lines[-1] == "1 total."
        assert '"reg_user":"1000"' in server.api("show registrations as json")
        status, _ = client.request("1000", "secret", contact, 0, "show-reg-call-1")
        assert status == 200
        assert server.api("show registrations").strip() == "0 total."
    finally:
        client.close()


def _events_client(server, subscription):
    from conftest import read_block
    s = socket.create_connection(("127.0.0.1", server.esl_port), timeout=10)
    reader = s.makefile("rb")
    read_block(reader)
    s.sendall(b"auth ClueCon\n\n")
    assert read_block(reader)[0]["Reply-Text"] == "+OK accepted"
    s.sendall(f"event {subscription}\n\n".encode())
    return s, reader


def _next_event(reader, name, seconds=10):
    """The next event called `name` (plain format), as a dict of url-decoded headers plus `_body`."""
    import time
    import urllib.parse
    from conftest import read_block
    deadline = time.time() + seconds
    while time.time() < deadline:
        headers, body = read_block(reader)
        if headers.get("Content-Type") != "text/event-plain":
            continue
        head, _, inner = body.partition("\n\n")
        fields = {}
        for line in head.splitlines():
            key, _, value = line.partition(": ")
            fields[key] = urllib.parse.unquote(value)
        fields["_body"] = inner
        if fields.get("Event-Name") == name:
            return fields
    raise TimeoutError(f"no {name} event")


def test_event_subscription_delivers_channel_dtmf_and_background_job_events(server_with_plan):
    from conftest import read_block, sipp, free_port
    from test_calls import DTMF_PLAN
    srv = server_with_plan(DTMF_PLAN)
    s, reader = _events_client(srv, "plain CHANNEL_ANSWER DTMF CHANNEL_HANGUP_COMPLETE BACKGROUND_JOB")
    try:
        assert read_block(reader)[0]["Reply-Text"] == "+OK event listener enabled plain"
        s.sendall(b"bgapi status\n\n")
        reply = read_block(reader)[0]
        assert reply["Reply-Text"].startswith("+OK Job-UUID: "), reply
        job = _next_event(reader, "BACKGROUND_JOB")
        assert job["Job-UUID"] == reply["Job-UUID"] and job["Job-Command"] == "status"
        assert "session(s)" in job["_body"], job
        rc, out = sipp(srv, "invite_dtmf.xml", service="7100", extra=["-mi", "127.0.0.1", "-mp", str(free_port(both=True))])
        assert rc == 0, out
        answer = _next_event(reader, "CHANNEL_ANSWER")
        digits = [_next_event(reader, "DTMF") for _ in range(3)]
        assert [d["DTMF-Digit"] for d in digits] == ["1", "2", "#"], digits
        assert all(d["Unique-ID"] == answer["Unique-ID"] for d in digits)
        done = _next_event(reader, "CHANNEL_HANGUP_COMPLETE")
        assert done["Unique-ID"] == answer["Unique-ID"] and done["variable_pin"] == "12", done
        s.sendall(b"noevents\n\n")
        assert read_block(reader)[0]["Reply-Text"] == "+OK no longer listening for events"
    finally:
        s.close()


def test_json_events_and_bad_subscriptions(server):
    import json
    from conftest import read_block
    s, reader = _events_client(server, "json BACKGROUND_JOB")
    try:
        assert read_block(reader)[0]["Reply-Text"] == "+OK event listener enabled json"
        s.sendall(b"bgapi version\n\n")
        read_block(reader)
        headers, body = read_block(reader)
        assert headers["Content-Type"] == "text/event-json", headers
        event = json.loads(body)
        assert event["Event-Name"] == "BACKGROUND_JOB" and "Switchboard" in event["_body"], event
        s.sendall(b"event plain\n\n")
        assert read_block(reader)[0]["Reply-Text"] == "-ERR no keywords supplied"
    finally:
        s.close()


EVENT_INPUT_PLAN = """<include>
  <context name="default">
    <extension name="lua-event-input">
      <condition field="destination_number" expression="^7300$">
        <action application="answer"/>
        <action application="lua" data="~function on_input(s, kind, obj)
  if kind == 'event' then
    freeswitch.consoleLog('info', 'lua got event ' .. obj:getHeader('Event-Subclass') .. ' action=' .. obj:getHeader('Action') .. '\\n')
    return 'break'
  end
end
session:setInputCallback('on_input')
session:streamFile('silence_stream://20000')
freeswitch.consoleLog('info', 'lua stream ended\\n')"/>
        <action application="park"/>
      </condition>
    </extension>
  </context>
</include>
"""


def test_sendevent_to_a_call_reaches_the_lua_input_callback(server_with_plan, tmp_path):
    """`sendevent CUSTOM` with the call's Unique-ID is queued to that call (FreeSWITCH semantics): the Lua script's
    input callback gets it as an "event" input and ends the playback early with "break"."""
    import time
    from conftest import read_block
    from test_calls import make_phone
    srv = server_with_plan(EVENT_INPUT_PLAN)
    phone = make_phone(srv, tmp_path, "1000", "secret", 440)
    s, reader = _events_client(srv, "plain CHANNEL_ANSWER")
    try:
        assert read_block(reader)[0]["Reply-Text"] == "+OK event listener enabled plain"
        phone.wait_registered()
        phone.command("dial", f"sip:7300@127.0.0.1:{srv.sip_port}")
        uuid = _next_event(reader, "CHANNEL_ANSWER")["Unique-ID"]
        time.sleep(1)
        s.sendall(f"sendevent CUSTOM\nEvent-Subclass: ivr::poke\nUnique-ID: {uuid}\nAction: wake\n\n".encode())
        headers, _ = read_block(reader)
        while headers.get("Content-Type") != "command/reply":
            headers, _ = read_block(reader)
        assert headers["Reply-Text"].startswith("+OK "), headers
        s.sendall(b"sendevent NOT_AN_EVENT\n\n")
        headers, _ = read_block(reader)
        while headers.get("Content-Type") != "command/reply":
            headers, _ = read_block(reader)
        assert headers["Reply-Text"] == "-ERR invalid event", headers
        deadline = time.time() + 5
        while "lua stream ended" not in srv.log() and time.time() < deadline:
            time.sleep(0.2)
        log = srv.log()
        assert "lua got event ivr::poke action=wake" in log and "lua stream ended" in log, log[-3000:]
        phone.command("hangup")
        phone.wait_event("CALL_CLOSED")
    finally:
        s.close()
        phone.close()
