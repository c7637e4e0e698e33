"""Registrar binding rules on the wire (RFC 3261 §10.3): several contacts per user, wildcard removal,
fetching bindings, and expiry on time."""
import time
import uuid

from sipdigest import UDPClient


def contacts(headers):
    return [c for value in headers.get("contact", []) for c in value.split(",")]


def test_several_contacts_then_wildcard_removal(server):
    client = UDPClient(server.sip_port)
    try:
        for n in (1, 2):
            status, headers = client.request("1000", "secret", f"sip:1000@127.0.0.1:{6000 + n}", 300, f"phone-{n}")
            assert status == 200
        assert len(contacts(headers)) == 2, headers
        assert "registrations=2" in server.cli("user", "list").stdout
        status, headers = client.request("1000", "secret", "*", 0, "phone-1")
        assert status == 200 and contacts(headers) == [], headers
        assert "registrations=0" in server.cli("user", "list").stdout
        # The wildcard with a non-zero Expires is a 400 (§10.3 step 6).
        status, _ = client.request("1000", "secret", "*", 300, "phone-3")
        assert status == 400
    finally:
        client.close()


def test_registration_expires_on_time(server_factory):
    srv = server_factory(extra_config="")
    srv.config.write_text(srv.config.read_text().replace("min_expires = 60", "min_expires = 1"))
    srv.start()
    client = UDPClient(srv.sip_port)
    try:
        status, headers = client.request("1000", "secret", "sip:1000@127.0.0.1:6010", 2, uuid.uuid4().hex)
        assert status == 200 and ";expires=2" in contacts(headers)[0], headers
        assert "registrations=1" in srv.cli("user", "list").stdout
        time.sleep(3.2)
        assert "registrations=0" in srv.cli("user", "list").stdout
        status, headers = client.request("1000", "secret", None, None, uuid.uuid4().hex)  # fetch: nothing left
        assert status == 200 and contacts(headers) == []
    finally:
        client.close()
