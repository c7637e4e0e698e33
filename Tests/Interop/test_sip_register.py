"""REGISTER, OPTIONS and the registrar's rules, exercised by sipp (Debian sip-tester) over UDP and TCP."""
import pytest

from conftest import sipp

TRANSPORTS = [("u1", "udp"), ("t1", "tcp")]


@pytest.mark.parametrize("mode,name", TRANSPORTS)
def test_register_with_right_password_gets_200_with_contact(server, mode, name):
    rc, out = sipp(server, "register.xml", transport=mode, password="secret")
    assert rc == 0, out
    listing = server.cli("user", "list").stdout
    assert "1000@127.0.0.1" in listing and "registrations=1" in listing, listing
    assert name.upper() in listing or name in listing


@pytest.mark.parametrize("mode,name", TRANSPORTS)
def test_register_with_wrong_password_gets_403(server, mode, name):
    rc, out = sipp(server, "register_forbidden.xml", transport=mode, password="wrong")
    assert rc == 0, out
    assert "registrations=0" in server.cli("user", "list").stdout


def test_unknown_user_is_answered_like_a_wrong_password(server):
    # No user enumeration: challenged, then 403, exactly as for a wrong password.
    rc, out = sipp(server, "register_forbidden.xml", service="4711", password="whatever")
    assert rc == 0, out


@pytest.mark.parametrize("mode,name", TRANSPORTS)
def test_reregister_then_unregister(server, mode, name):
    rc, out = sipp(server, "reregister_unregister.xml", transport=mode, password="secret")
    assert rc == 0, out
    assert "registrations=0" in server.cli("user", "list").stdout


def test_interval_too_brief_gets_423_with_min_expires(server):
    rc, out = sipp(server, "register_too_brief.xml", password="secret")
    assert rc == 0, out


@pytest.mark.parametrize("mode,name", TRANSPORTS)
def test_options_is_answered(server, mode, name):
    rc, out = sipp(server, "options.xml", transport=mode)
    assert rc == 0, out


def test_registration_survives_restart(server_factory):
    srv = server_factory()
    srv.start()
    from conftest import free_port
    port = free_port(both=True)
    rc, out = sipp(srv, "register.xml", password="secret", local_port=port)
    assert rc == 0, out
    assert srv.stop() == 0, srv.log()
    srv.start()
    assert "registrations=1" in srv.cli("user", "list").stdout
    # A peer asks for its bindings (REGISTER without Contact, RFC 3261 §10.2.3) and gets the old one back.
    rc, out = sipp(srv, "fetch_bindings.xml", password="secret")
    assert rc == 0, out
    assert f"sip:1000@127.0.0.1:{port};transport=UDP" in srv.cli("user", "list").stdout


def test_register_load_has_no_failures(server):
    rc, out = sipp(server, "register.xml", password="secret", calls=2000, rate=400, timeout=60,
                   extra=["-l", "200"])
    assert rc == 0, out
