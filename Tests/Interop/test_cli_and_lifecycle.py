"""The CLI spellings scripts rely on, first-start seeding and graceful shutdown."""
import re
import subprocess
import tempfile
from pathlib import Path

from conftest import BIN, Server, sipp


def test_first_start_seeds_users_with_random_passwords():
    with tempfile.TemporaryDirectory() as d:
        srv = Server(Path(d))
        srv.start()
        try:
            log = srv.log()
            assert "1000@127.0.0.1" in log and "1019@127.0.0.1" in log
            listing = srv.cli("user", "list", "--show-passwords").stdout
            passwords = dict(re.findall(r"^(10\d\d)@127\.0\.0\.1 .*password=(\S+)", listing, re.M))
            assert len(passwords) == 20
            assert "1234" not in passwords.values() and len(set(passwords.values())) == 20
            assert "password=" not in srv.cli("user", "list").stdout
            rc, out = sipp(srv, "register.xml", service="1007", password=passwords["1007"])
            assert rc == 0, out
            # Changing the password forgets the seeded one.
            srv.cli("user", "passwd", "1007", "--password", "newpass")
            assert "1007@127.0.0.1" in srv.cli("user", "list", "--show-passwords").stdout
            rc, out = sipp(srv, "register_forbidden.xml", service="1007", password=passwords["1007"])
            assert rc == 0, out
            rc, out = sipp(srv, "register.xml", service="1007", password="newpass")
            assert rc == 0, out
        finally:
            assert srv.stop() == 0


def test_user_add_while_running_and_remove(server):
    server.cli("user", "add", "2000", "--password", "pw2000", "--name", "Alice")
    rc, out = sipp(server, "register.xml", service="2000", password="pw2000")
    assert rc == 0, out
    assert 'name="Alice"' in server.cli("user", "list").stdout
    dup = server.cli("user", "add", "2000", "--password", "x", check=False)
    assert dup.returncode != 0 and "exists" in (dup.stderr + dup.stdout)
    server.cli("user", "remove", "2000")
    rc, out = sipp(server, "register_forbidden.xml", service="2000", password="pw2000")
    assert rc == 0, out


def test_version_and_bad_config_key():
    out = subprocess.run([BIN, "version"], capture_output=True, text=True)
    assert out.returncode == 0 and "switchboard" in out.stdout
    with tempfile.TemporaryDirectory() as d:
        cfg = Path(d) / "bad.toml"
        cfg.write_text("[sip]\nudp_prot = 5060\n")
        res = subprocess.run([BIN, "run", "--config", str(cfg), "--data-dir", d], capture_output=True, text=True, timeout=60)
        assert res.returncode != 0
        assert "udp_prot" in res.stderr + res.stdout


def test_dialplan_test_dry_run():
    with tempfile.TemporaryDirectory() as d:
        def run(*args):
            return subprocess.run([BIN, "dialplan", "test", *args, "--data-dir", d], capture_output=True, text=True,
                                  timeout=60, cwd=str(Path(__file__).resolve().parents[2]))
        routed = run("1001", "--context", "default", "--var", "caller_id_number=1000")
        assert routed.returncode == 0, routed.stderr
        assert "bridge(user/1001@${domain_name})" in routed.stdout
        echo = run("9196")
        assert echo.returncode == 0 and "echo()" in echo.stdout
        nowhere = run("5555")
        assert nowhere.returncode == 1 and "NO_ROUTE_DESTINATION" in nowhere.stdout
        public = run("1005", "--context", "public")
        assert public.returncode == 0 and "transfer(1005 XML default)" in public.stdout
        broken = Path(d) / "broken"
        broken.mkdir()
        (broken / "bad.xml").write_text('<include>\n<context name="x">\n<extension name="e">\n</context>\n</include>\n')
        bad = run("1000", "--dialplan", str(broken))
        assert bad.returncode != 0 and "bad.xml:" in (bad.stderr + bad.stdout)


def test_lua_test_runs_a_script_against_a_simulated_call(tmp_path):
    import subprocess
    from conftest import BIN
    data = ["--data-dir", str(tmp_path / "var")]
    ok = subprocess.run([BIN, "lua", "test", "ivr_demo.lua", "--digits", "3 1001#", *data],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert "collected 1001 (terminator #)" in ok.stdout and "transfer 1001 XML default" in ok.stdout, ok.stdout
    assert "script completed" in ok.stdout
    bad = subprocess.run([BIN, "lua", "test", "~session:answer() error('boom')", *data],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and "script failed: inline:1: boom" in bad.stdout, bad.stdout
