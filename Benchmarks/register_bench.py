#!/usr/bin/env python3
"""REGISTER-with-digest load: several sipp instances (Debian sip-tester) against a release build of
switchboard on loopback. Reports transactions per second (each sipp "call" is two REGISTER transactions:
401 challenge, then 200), failed calls, and the server's CPU use, read from /proc.

Usage: SWITCHBOARD_BIN=.build/release/switchboard python3 Benchmarks/register_bench.py [--rate R] [--seconds S]
"""
import argparse
import csv
import glob
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests" / "Interop"))
from conftest import SIPP_DIR, Server, free_port  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run_step(srv, instances, rate_per_instance, seconds, first_user=1000):
    calls = int(rate_per_instance * seconds)
    work = tempfile.mkdtemp(prefix="regbench-")
    procs = []
    cpu0, t0 = cpu_seconds(srv.proc.pid), time.time()
    children0 = os.times()
    for i in range(instances):
        user = str(first_user + i)
        cmd = ["sipp", f"127.0.0.1:{srv.sip_port}", "-sf", str(SIPP_DIR / "register.xml"), "-i", "127.0.0.1",
               "-p", str(free_port(both=True)), "-s", user, "-au", user, "-ap", "bench", "-m", str(calls),
               "-r", str(rate_per_instance), "-l", "2000", "-nostdin", "-timeout", f"{seconds + 30}s",
               "-timeout_error", "-trace_stat", "-stf", f"{work}/stat{i}.csv", "-fd", "1"]
        procs.append(subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    for p in procs:
        p.wait()
    elapsed = time.time() - t0
    cpu = cpu_seconds(srv.proc.pid) - cpu0
    children1 = os.times()
    sipp_cpu = (children1.children_user - children0.children_user) + (children1.children_system - children0.children_system)
    ok = failed = 0
    for f in glob.glob(f"{work}/stat*.csv"):
        last = list(csv.DictReader(open(f), delimiter=";"))[-1]
        ok += int(last["SuccessfulCall(C)"])
        failed += int(last["FailedCall(C)"])
    return {"offered_tps": 2 * instances * rate_per_instance, "transactions": 2 * ok, "failed_calls": failed,
            "elapsed_s": round(elapsed, 2), "tps": round(2 * ok / elapsed), "server_cpu_pct": round(100 * cpu / elapsed),
            "sipp_cpu_pct": round(100 * sipp_cpu / elapsed),
            "server_rss_mib": round(rss_kib(srv.proc.pid) / 1024, 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--instances", type=int, default=4)
    ap.add_argument("--rates", default="250,500,750,1000", help="calls/s per sipp instance, one step each")
    ap.add_argument("--seconds", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        srv = Server(Path(d), "auth_failure_limit = 1000000\n")
        for i in range(args.instances * len(args.rates.split(","))):
            srv.cli("user", "add", str(1000 + i), "--password", "bench")
        srv.start()
        try:
            print(f"machine: {os.cpu_count()} cores; server {os.environ.get('SWITCHBOARD_BIN')}")
            # Each step registers its own users: sipp's new ports would otherwise add a second binding to the
            # previous step's AORs, and the scenario's Contact check reads only the first Contact header of the 200
            # (the older binding, whose expires has dropped below 290), failing ~1 % of the calls.
            for step, rate in enumerate(int(r) for r in args.rates.split(",")):
                first = 1000 + step * args.instances
                print(run_step(srv, args.instances, rate, args.seconds, first_user=first), flush=True)
        finally:
            srv.stop()


if __name__ == "__main__":
    main()
