"""Shared helpers for the call-engine benchmarks: a release server with a benchmark dialplan, /proc readings,
sipp statistics files."""
import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "Interop"))
from conftest import SIPP_DIR as SIPP_DIR_INTEROP, Server, free_port  # noqa: E402,F401

BENCH_SIPP = Path(__file__).resolve().parent / "sipp"
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def load_average():
    return round(os.getloadavg()[0], 2)


def machine():
    model = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} cores, {model}"


def bench_server(data_dir: Path, plan_xml: str, rtp_range=(20000, 45000), log_level="warning", extra=""):
    """A server (not started) with `public.xml` = plan_xml in its own dialplan folder, a wide RTP range, and a quiet
    log (one info line per call costs real CPU at 1,000+ calls/s; FreeSWITCH's numbers were taken at `warning` too)."""
    plan = data_dir / "plan"
    plan.mkdir()
    (plan / "public.xml").write_text(plan_xml)
    srv = Server(data_dir, f"\n[rtp]\nport_min = {rtp_range[0]}\nport_max = {rtp_range[1]}\n{extra}", str(plan))
    srv.config.write_text(srv.config.read_text().replace('log_level = "info"', f'log_level = "{log_level}"'))
    return srv


def start_bench_server(data_dir: Path, plan_xml: str, users=(), attempts=3):
    """bench_server + start_server, retried with fresh ports when one of the free ports was taken meanwhile."""
    for attempt in range(attempts):
        d = data_dir / f"srv{attempt}"
        d.mkdir()
        srv = bench_server(d, plan_xml)
        for user, password in users:
            srv.cli("user", "add", user, "--password", password)
        try:
            start_server(srv)
            return srv
        except RuntimeError as e:
            srv.stop()
            if "Address already in use" not in str(e) or attempt == attempts - 1:
                raise


def start_server(srv):
    """Starts the server; the readiness line is logged at info, so wait for the event socket instead when the log
    level hides it."""
    srv.log_file = open(srv.log_path, "a")
    srv.proc = subprocess.Popen([os.environ.get("SWITCHBOARD_BIN", str(ROOT / ".build" / "release" / "switchboard")),
                                 "run", "--data-dir", str(srv.data_dir), "--config", str(srv.config)],
                                stdout=srv.log_file, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        if srv.proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{srv.log()}")
        try:
            srv.api("status")
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server not ready:\n{srv.log()}")


def channel_count(srv):
    text = srv.api("show channels count").strip()
    m = re.search(r"(\d+) total", text)
    return int(m.group(1)) if m else -1


def wait_channels(srv, target=0, timeout=60):
    deadline = time.time() + timeout
    n = channel_count(srv)
    while n != target and time.time() < deadline:
        time.sleep(0.5)
        n = channel_count(srv)
    return n


def sipp_last_stats(path):
    rows = list(csv.DictReader(open(path), delimiter=";"))
    return rows[-1] if rows else {}


def sipp_time_ms(text):
    """sipp's `hh:mm:ss:uuuuuu` (or `hh:mm:ss:mmm`) response-time format → milliseconds."""
    try:
        h, m, s, frac = text.split(":")
        return (int(h) * 3600 + int(m) * 60 + int(s)) * 1000 + int(frac) / (1000 if len(frac) == 6 else 1)
    except (ValueError, AttributeError):
        return float("nan")


def stop_all(procs):
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGUSR1)  # sipp: graceful stop (writes its final files)
    deadline = time.time() + 10
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def require_sipp():
    if shutil.which("sipp") is None:
        sys.exit("sipp not found: apt-get install -y --no-install-recommends sip-tester (make test-deps does it)")
