#!/usr/bin/env python3
"""Concurrent callers waiting in a Lua menu (issue #4's benchmark): N sipp calls sit in a script that plays a
prompt and waits for a digit, again and again; the same N calls parked without Lua are the baseline. Reports the
server's RSS, threads and CPU with the calls up, and the Lua cost per call (RSS difference / N).

Usage: SWITCHBOARD_BIN=.build/release/switchboard python3 Benchmarks/lua_ivr_bench.py [--calls 500,2000]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "Interop"))
from conftest import Server, free_port  # noqa: E402

HERE = Path(__file__).resolve().parent
CLK_TCK = os.sysconf("SC_CLK_TCK")

PLAN = """<include>
  <context name="public">
    <extension name="lua-menu">
      <condition field="destination_number" expression="^5100$">
        <action application="answer"/>
        <action application="lua" data="~while session:ready() do
  session:playAndGetDigits(1, 1, 1, 10000, '#', 'ivr/welcome.wav', '', '\\\\d', 'choice')
end"/>
      </condition>
    </extension>
    <extension name="parked">
      <condition field="destination_number" expression="^5200$">
        <action application="answer"/>
        <action application="park"/>
      </condition>
    </extension>
  </context>
</include>
"""


def proc_status(pid, key):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def channel_count(srv):
    text = srv.api("show channels count").strip()
    return int(text.split()[0]) if text and text.split()[0].isdigit() else 0


def measure(srv, number, calls, hold_seconds):
    """Places `calls` calls to `number` that stay up, waits until all are up, then samples for 10 s."""
    work = tempfile.mkdtemp(prefix="luabench-")
    rate = 200
    cmd = ["sipp", f"127.0.0.1:{srv.sip_port}", "-sf", str(HERE / "sipp" / "hold_call.xml"), "-i", "127.0.0.1",
           "-p", str(free_port(both=True)), "-mp", str(free_port(both=True)), "-s", number, "-m", str(calls),
           "-l", str(calls), "-r", str(rate), "-d", str(hold_seconds * 1000), "-nostdin", "-timeout",
           f"{hold_seconds + calls // rate + 60}s", "-fd", "1", "-trace_stat", "-stf", f"{work}/stat.csv"]
    sipp = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + calls / rate + 30
    while channel_count(srv) < calls and time.time() < deadline:
        time.sleep(0.5)
    up = channel_count(srv)
    time.sleep(2)
    pid = srv.proc.pid
    cpu0, t0 = cpu_seconds(pid), time.time()
    time.sleep(10)
    cpu = (cpu_seconds(pid) - cpu0) / (time.time() - t0)
    result = {"number": number, "calls_up": up, "rss_mib": round(proc_status(pid, "VmRSS") / 1024, 1),
              "threads": proc_status(pid, "Threads"), "server_cpu_pct": round(100 * cpu)}
    sipp.wait()
    deadline = time.time() + 60
    while channel_count(srv) and time.time() < deadline:
        time.sleep(0.5)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", default="500,2000")
    ap.add_argument("--hold", type=int, default=40, help="seconds each call stays up")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        plan = Path(d) / "plan"
        plan.mkdir()
        (plan / "public.xml").write_text(PLAN)
        data = Path(d) / "data"
        data.mkdir()
        # 2,000 calls need 2,000 RTP ports (+ RTCP): a wide range.
        srv = Server(data, "\n[rtp]\nport_min = 20000\nport_max = 60000\n", str(plan))
        srv.start()
        try:
            idle = {"rss_mib": round(proc_status(srv.proc.pid, "VmRSS") / 1024, 1),
                    "threads": proc_status(srv.proc.pid, "Threads")}
            print(f"machine: {os.cpu_count()} cores; server {os.environ.get('SWITCHBOARD_BIN')}; idle {idle}")
            for calls in [int(c) for c in args.calls.split(",")]:
                parked = measure(srv, "5200", calls, args.hold)
                lua = measure(srv, "5100", calls, args.hold)
                per_call = (lua["rss_mib"] - parked["rss_mib"]) * 1024 / max(1, lua["calls_up"])
                print({"calls": calls, "parked": parked, "lua_menu": lua, "lua_kib_per_call_over_parked": round(per_call, 1)},
                      flush=True)
        finally:
            srv.stop()


if __name__ == "__main__":
    main()
