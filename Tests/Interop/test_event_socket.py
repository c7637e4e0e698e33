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
