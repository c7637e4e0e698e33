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
