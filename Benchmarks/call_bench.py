#!/usr/bin/env python3
"""Calls per second (issue 3): several sipp UACs place INVITE -> 200 -> ACK -> BYE calls against a release build of
switchboard on loopback, at stepped rates. Unauthenticated calls land in the `public` context of a dialplan folder
made here:

  caller-bye  extension 9000: `answer`, `sleep 60000`; sipp sends BYE after ACK (+ -d pause, default none)
  server-bye  extension 9001: `answer`, `hangup`;      the server sends BYE, sipp answers 200

Per step: offered and completed calls/s, failed calls, retransmissions, INVITE->200 time, server CPU from
/proc/<pid>/stat (100 % = one core) and per call, the sipp instances' CPU (from their rusage), server RSS, and
the 1-minute load average before the step (the 2 cores are shared with sipp and anything else running).

Usage: SWITCHBOARD_BIN=.build/release/switchboard python3 Benchmarks/call_bench.py \
           [--mode caller-bye|server-bye|both] [--rates 500,1000,1500] [--instances 4] [--seconds 10] [--pause-ms 0]
"""
import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from benchlib import (BENCH_SIPP, start_bench_server, channel_count, cpu_seconds, free_port, load_average, machine,
                      require_sipp, rss_kib, sipp_last_stats, sipp_time_ms, stop_all, wait_channels)

PLAN = """<include>
  <context name="public">
    <extension name="bench_answer_wait">
      <condition field="destination_number" expression="^9000$">
        <action application="answer"/>
        <action application="sleep" data="60000"/>
      </condition>
    </extension>
    <extension name="bench_answer_hangup">
      <condition field="destination_number" expression="^9001$">
        <action application="answer"/>
        <action application="hangup"/>
      </condition>
    </extension>
  </context>
</include>
"""

MODES = {"caller-bye": ("call_uac.xml", "9000"), "server-bye": ("call_uac_server_bye.xml", "9001")}


def run_step(srv, mode, instances, total_rate, seconds, pause_ms):
    scenario, extension = MODES[mode]
    per_instance = total_rate / instances
    calls = int(per_instance * seconds)
    work = tempfile.mkdtemp(prefix="callbench-")
    load = load_average()
    pid = srv.proc.pid
    cpu0, t0, ch0 = cpu_seconds(pid), time.time(), os.times()
    procs = []
    try:
        for i in range(instances):
            cmd = ["sipp", f"127.0.0.1:{srv.sip_port}", "-sf", str(BENCH_SIPP / scenario), "-i", "127.0.0.1",
                   "-p", str(free_port(both=True)), "-mp", str(6000 + 10 * i), "-s", extension, "-m", str(calls),
                   "-r", f"{per_instance:g}", "-l", str(max(200, int(per_instance * 5))), "-d", str(pause_ms),
                   "-nostdin", "-timeout", f"{seconds + 40}s", "-timeout_error", "-trace_stat",
                   "-stf", f"{work}/stat{i}.csv", "-fd", "1", "-trace_err", "-error_file", f"{work}/err{i}.log"]
            procs.append(subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for p in procs:
            p.wait()
    finally:
        stop_all(procs)
    elapsed = time.time() - t0
    cpu = cpu_seconds(pid) - cpu0
    ch1 = os.times()
    sipp_cpu = (ch1.children_user - ch0.children_user) + (ch1.children_system - ch0.children_system)
    ok = failed = retrans = 0
    rtd = []
    for i in range(instances):
        last = sipp_last_stats(f"{work}/stat{i}.csv")
        ok += int(last.get("SuccessfulCall(C)", 0))
        failed += int(last.get("FailedCall(C)", 0))
        retrans += int(last.get("Retransmissions(C)", 0))
        rtd.append(sipp_time_ms(last.get("ResponseTime1(C)")))
    left = wait_channels(srv, 0, timeout=30)
    return {"mode": mode, "offered_cps": total_rate, "calls": ok, "failed": failed, "retrans": retrans,
            "cps": round(ok / elapsed), "invite_200_ms": round(sum(rtd) / len(rtd), 2),
            "server_cpu_pct": round(100 * cpu / elapsed), "server_cpu_ms_per_call": round(1000 * cpu / max(ok, 1), 3),
            "sipp_cpu_pct": round(100 * sipp_cpu / elapsed), "rss_mib": round(rss_kib(pid) / 1024, 1),
            "channels_left": left, "load1_before": load, "elapsed_s": round(elapsed, 1)}


def print_table(rows):
    cols = ["mode", "offered_cps", "cps", "calls", "failed", "retrans", "invite_200_ms", "server_cpu_pct",
            "server_cpu_ms_per_call", "sipp_cpu_pct", "rss_mib", "channels_left", "load1_before"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---:|" * len(cols))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in cols) + " |")
    for mode in sorted({r["mode"] for r in rows}):
        # clean: nothing failed, nothing retransmitted (every answer within sipp's 500 ms timer), the offered rate
        # kept up with (sipp falls behind its schedule when answers are slow) and every channel gone afterwards.
        clean = [r for r in rows if r["mode"] == mode and r["failed"] == 0 and r["retrans"] == 0
                 and r["cps"] >= 0.97 * r["offered_cps"] and r["channels_left"] == 0]
        best = max(clean, key=lambda r: r["cps"], default=None)
        if best:
            print(f"{mode}: best clean step {best['cps']} calls/s (offered {best['offered_cps']}), 0 failed, "
                  f"server {best['server_cpu_pct']} % CPU ({best['server_cpu_ms_per_call']} ms/call), "
                  f"sipp {best['sipp_cpu_pct']} %, load {best['load1_before']}")
        else:
            print(f"{mode}: no clean step")


def main():
    require_sipp()
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["caller-bye", "server-bye", "both"], default="caller-bye")
    ap.add_argument("--rates", default="500,1000,1500,2000", help="total offered calls/s, one step each")
    ap.add_argument("--instances", type=int, default=4)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--pause-ms", type=int, default=0, help="time between ACK and BYE (caller-bye)")
    ap.add_argument("--stop-after-failure", action="store_true", help="skip higher rates once a step fails")
    args = ap.parse_args()
    modes = ["caller-bye", "server-bye"] if args.mode == "both" else [args.mode]
    rows = []
    with tempfile.TemporaryDirectory(prefix="callbench-srv-") as d:
        srv = start_bench_server(Path(d), PLAN)
        try:
            print(f"machine: {machine()}; server {os.environ.get('SWITCHBOARD_BIN')}; "
                  f"{args.instances} sipp instances, {args.seconds} s per step", flush=True)
            for mode in modes:
                warm = run_step(srv, mode, 1, 50, 2, args.pause_ms)
                if warm["failed"] or warm["calls"] == 0:
                    raise SystemExit(f"warm-up failed: {warm}\n{srv.log()[-3000:]}")
                for rate in [int(r) for r in args.rates.split(",")]:
                    row = run_step(srv, mode, args.instances, rate, args.seconds, args.pause_ms)
                    print(row, flush=True)
                    rows.append(row)
                    if row["channels_left"]:
                        wait_channels(srv, 0, timeout=60)
                    if args.stop_after_failure and row["failed"]:
                        break
                    time.sleep(2)
        finally:
            srv.stop()
    print_table(rows)


if __name__ == "__main__":
    main()
