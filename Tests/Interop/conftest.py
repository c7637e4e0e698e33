"""Interop test harness: starts the real switchboard binary on free loopback ports with its own data
directory, and drives it with real peers (sipp, a WebSocket client, an OpenSSL TLS client)."""
import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = os.environ.get("SWITCHBOARD_BIN", str(ROOT / ".build" / "debug" / "switchboard"))
SIPP_DIR = Path(__file__).parent / "sipp"


_ISSUED_PORTS = set()


def free_port(kind=socket.SOCK_STREAM, both=False):
    """A port free for TCP (and UDP too when `both`), never one this process handed out before: the kernel may give
    the same ephemeral port to two bind(0) calls in a row, and a server configured with it twice (say SIP and
    TLS) failed to start with EADDRINUSE."""
    for _ in range(200):
        s = socket.socket(socket.AF_INET, kind)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        if port in _ISSUED_PORTS:
            continue
        if not both:
            _ISSUED_PORTS.add(port)
            return port
        try:
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            u.bind(("127.0.0.1", port))
            u.close()
            _ISSUED_PORTS.add(port)
            return port
        except OSError:
            continue
    raise RuntimeError("no free port")


class Server:
    def __init__(self, data_dir: Path, extra_config: str = "", dialplan_dir: str = "dialplan"):
        self.data_dir = data_dir
        self.sip_port = free_port(both=True)
        self.tls_port = free_port()
        self.ws_port = free_port()
        self.wss_port = free_port()
        self.esl_port = free_port()
        self.verto_port = free_port()
        self.verto_tls_port = free_port()
        self.config = data_dir / "switchboard.toml"
        self.config.write_text(f"""
[core]
domain = "127.0.0.1"
log_level = "info"
dialplan_dir = "{dialplan_dir}"

[sip]
listen_ip = "127.0.0.1"
udp_port = {self.sip_port}
tcp_port = {self.sip_port}
tls_port = {self.tls_port}
ws_port = {self.ws_port}
wss_port = {self.wss_port}

[event_socket]
port = {self.esl_port}

[verto]
ws_port = {self.verto_port}
wss_port = {self.verto_tls_port}

[registrar]
min_expires = 60
{extra_config}
""")
        self.proc = None
        self.log_path = data_dir / "server.log"
        self.log_file = None

    def cli(self, *args, check=True):
        cmd = [BIN, *args, "--data-dir", str(self.data_dir), "--config", str(self.config)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"{cmd} failed: {result.stdout}\n{result.stderr}")
        return result

    def start(self, timeout=60):
        self.log_file = open(self.log_path, "a")
        self.proc = subprocess.Popen(
            [BIN, "run", "--data-dir", str(self.data_dir), "--config", str(self.config)],
            stdout=self.log_file, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"server exited early:\n{self.log()}")
            if "ready" in self.log():
                return
            time.sleep(0.1)
        raise AssertionError(f"server not ready:\n{self.log()}")

    def stop(self):
        """SIGTERM and expect a graceful exit with status 0."""
        if self.proc is None:
            return 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.proc = None
        self.log_file.close()
        return rc

    def api(self, command, password="ClueCon"):
        """Runs an API command over the event socket (mod_event_socket inbound protocol); returns the body."""
        with socket.create_connection(("127.0.0.1", self.esl_port), timeout=10) as s:
            reader = s.makefile("rb")
            assert read_block(reader)[0].get("Content-Type") == "auth/request"
            s.sendall(f"auth {password}\n\n".encode())
            headers, _ = read_block(reader)
            if headers.get("Reply-Text") != "+OK accepted":
                raise PermissionError(headers.get("Reply-Text"))
            s.sendall(f"api {command}\n\n".encode())
            headers, body = read_block(reader)
            assert headers.get("Content-Type") == "api/response", headers
            return body

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@pytest.fixture
def server_factory():
    servers = []
    dirs = []

    def make(extra_config: str = "", users=(("1000", "secret"), ("1001", "hunter2")), dialplan_dir="dialplan"):
        d = tempfile.TemporaryDirectory(prefix="switchboard-test-")
        dirs.append(d)
        srv = Server(Path(d.name), extra_config, dialplan_dir)
        for user, password in users:
            srv.cli("user", "add", user, "--password", password)
        servers.append(srv)
        return srv

    yield make
    for srv in servers:
        if srv.alive():
            assert srv.stop() == 0, f"server did not stop cleanly:\n{srv.log()}"
    for d in dirs:
        d.cleanup()


@pytest.fixture
def server_with_plan(server_factory, tmp_path):
    """A started server whose dialplan folder holds just `public.xml` with the given text."""
    def make(public_xml):
        plan = tmp_path / "plan"
        plan.mkdir(exist_ok=True)
        (plan / "public.xml").write_text(public_xml)
        srv = server_factory(dialplan_dir=str(plan))
        srv.start()
        return srv
    return make


@pytest.fixture
def server(server_factory):
    srv = server_factory()
    srv.start()
    return srv


def sipp(server, scenario, *args, transport="u1", local_ip="127.0.0.1", calls=1, timeout=20, service="1000",
         password=None, rate=None, extra=(), local_port=None):
    """Runs one sipp scenario against the server; returns (returncode, combined output)."""
    workdir = tempfile.mkdtemp(prefix="sipp-")
    cmd = ["sipp", f"127.0.0.1:{server.sip_port}", "-sf", str(SIPP_DIR / scenario), "-t", transport,
           "-i", local_ip, "-p", str(local_port or free_port(both=True)), "-s", service, "-m", str(calls), "-nostdin",
           "-timeout", f"{timeout}s", "-timeout_error", "-trace_err", "-error_file", f"{workdir}/errors.log"]
    if password is not None:
        cmd += ["-au", service, "-ap", password]
    if rate is not None:
        cmd += ["-r", str(rate)]
    cmd += list(extra) + list(args)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 60, cwd=workdir)
    errors = Path(f"{workdir}/errors.log")
    out = result.stdout[-3000:] + result.stderr[-3000:] + (errors.read_text(errors="replace")[-3000:] if errors.exists() else "")
    return result.returncode, out


def read_block(reader):
    """One event-socket reply: header lines up to a blank line, then Content-Length bytes of body."""
    headers = {}
    while True:
        line = reader.readline().decode()
        if line in ("\n", "\r\n", ""):
            break
        name, _, value = line.partition(":")
        headers[name.strip()] = value.strip()
    length = int(headers.get("Content-Length", "0"))
    return headers, reader.read(length).decode() if length else ""
