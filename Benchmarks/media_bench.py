#!/usr/bin/env python3
"""Concurrent media calls (issue 3): N sipp callers stream G.711 u-law RTP (20 ms packets, `rtp_stream`, looped)
into a release build of switchboard, and the server sends every packet back:

  echo     extension 9196: `answer`, `echo` (FreeSWITCH's 9196)
  bridged  extension 20xx: `bridge user/20xx` to a sipp UAS registered as user 20xx that echoes RTP (`-rtp_echo`),
           so each packet crosses the server twice each way (A leg -> B leg -> sipp UAS -> B leg -> A leg)

Everything runs in a private network namespace that has only `lo` (the script re-executes itself there with
`ip netns exec`), so the kernel's UDP counters (/proc/net/snmp, /proc/net/udp) count only this benchmark's
packets, not the rest of the machine's loopback traffic.

How loss is counted. sipp 3.6.1 sends all of an instance's RTP from one socket (its -mp port) and never reads
that socket, so it cannot say what came back; the kernel can. On loopback a datagram is lost only when the
receiving socket's buffer is full, and the kernel counts that per socket (`drops` in /proc/net/udp). Over a steady
window with all N calls up (columns of the table):
  * server_drops     drops on the server's sockets (RTP legs, SIP): 0 means the server lost nothing it was sent;
  * caller_rx_ratio  datagrams the server sent to the callers / (50 x N x seconds). sipp's never-read socket is full
                     within milliseconds, so every datagram reaching it is counted there as a drop: that count is
                     exactly what the callers got back. 1.00 = every caller got 50 packets/s;
  * caller_tx_ratio  (echo) what the callers sent, = all datagrams sent in the namespace (OutDatagrams) minus what
                     they got back, / (50 x N x seconds): below 1.00 means sipp's RTP threads fell behind;
  * send_ratio       all datagrams sent / (50 x hops x N x seconds), hops = 2 (echo) or 4 (bridged);
  * server_rxq_kib   bytes waiting in the server's receive queues at the end of the window (~1 KiB per datagram):
                     growing from step to step = the server falls behind (delay now, drops soon);
  * uas_drops        (bridged) drops at the sipp UAS echo sockets (sipp's single echo thread falling behind).
A step is clean when server_drops = 0, both ratios are >= 0.99 and the queue stays small.
CPU of the server and of all sipp processes comes from /proc/<pid>/stat over the window (100 % = one core);
memory per call is (server VmRSS with the N calls up - VmRSS of the idle server) / N.

Usage (root: it makes a network namespace):
  SWITCHBOARD_BIN=.build/release/switchboard python3 Benchmarks/media_bench.py [--mode echo|bridged|both] \
      [--calls 500,1000,2000] [--instances 4] [--window 10] [--ramp-cps 200]
"""
import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import (BENCH_SIPP, SIPP_DIR_INTEROP, start_bench_server, channel_count, cpu_seconds, free_port,
                      load_average, machine, require_sipp, rss_kib, sipp_last_stats, stop_all,
                      wait_channels)

PLAN = """<include>
  <context name="public">
    <extension name="echo">
      <condition field="destination_number" expression="^9196$">
        <action application="answer"/>
        <action application="echo"/>
      </condition>
    </extension>
    <extension name="bridge_to_registered_uas">
      <condition field="destination_number" expression="^(20\\d\\d)$">
        <action application="bridge" data="user/$1"/>
      </condition>
    </extension>
  </context>
</include>
"""

UAS_XML = """<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="bridge_uas">
  <recv request="INVITE"/>
  <send><![CDATA[

      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:];tag=[pid]SIPpTag01[call_number]
      [last_Call-ID:]
      [last_CSeq:]
      Contact: <sip:[local_ip]:[local_port];transport=[transport]>
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0
      a=rtpmap:0 PCMU/8000
      a=ptime:20

    ]]></send>
  <recv request="ACK"/>
  <recv request="BYE"/>
  <send><![CDATA[

      SIP/2.0 200 OK
      [last_Via:]
      [last_From:]
      [last_To:]
      [last_Call-ID:]
      [last_CSeq:]
      Content-Length: 0

    ]]></send>
</scenario>
"""


def ulaw_tone(path, seconds=1, freq=1000):
    """A headerless G.711 u-law file (ITU-T G.711 segment encoding) of a 1 kHz tone, for `rtp_stream`."""
    def enc(s):
        sign = 0x80 if s < 0 else 0
        s = min(abs(s), 32635) + 0x84
        exp, mask = 7, 0x4000
        while exp > 0 and not (s & mask):
            exp, mask = exp - 1, mask >> 1
        return ~(sign | (exp << 4) | ((s >> (exp + 3)) & 0x0F)) & 0xFF
    Path(path).write_bytes(bytes(enc(int(16000 * math.sin(2 * math.pi * freq * i / 8000)))
                                 for i in range(8000 * seconds)))


def udp_counters():
    lines = Path("/proc/net/snmp").read_text().splitlines()
    names, values = [l.split()[1:] for l in lines if l.startswith("Udp:")][:2]
    return dict(zip(names, map(int, values)))


def socket_inodes(pid):
    inodes = set()
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[8:-1])
    except OSError:
        pass
    return inodes


def udp_sockets(pids):
    """Per UDP socket the pids hold: {inode: (pid, receive-buffer drops, bytes waiting in its receive queue)}
    (~1 KiB of queue memory per datagram waiting on loopback)."""
    owner = {}
    for pid in pids:
        for inode in socket_inodes(pid):
            owner[inode] = pid
    found = {}
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            f = line.split()
            if f[9] in owner:
                found[f[9]] = (owner[f[9]], int(f[12]), int(f[4].split(":")[1], 16))
    return found


def drops_between(before, after, pid):
    """Drops counted by `pid`'s sockets between two readings, over the sockets open at both (a socket closed in
    between takes its counter with it)."""
    return sum(a[1] - before[i][1] for i, a in after.items() if a[0] == pid and i in before)


def proc_cpu(pids):
    total = 0.0
    for pid in pids:
        try:
            total += cpu_seconds(pid)
        except OSError:
            pass
    return total


def register_uas(srv, user, port):
    """Registers user@127.0.0.1 with Contact 127.0.0.1:port (sipp's register.xml from that port; the UAS binds it
    right after)."""
    r = subprocess.run(["sipp", f"127.0.0.1:{srv.sip_port}", "-sf", str(SIPP_DIR_INTEROP / "register.xml"),
                        "-i", "127.0.0.1", "-p", str(port), "-s", user, "-au", user, "-ap", "bench", "-m", "1",
                        "-nostdin", "-timeout", "10s", "-timeout_error"], capture_output=True, text=True,
                       cwd=srv.data_dir)
    if r.returncode != 0:
        raise RuntimeError(f"REGISTER of {user} failed: {r.stdout[-1500:]}")


def run_step(srv, mode, calls, instances, window, ramp_cps, work, scenario, uas, threadtasks=0, idle_rss=None):
    pid = srv.proc.pid
    load = load_average()
    rss0 = idle_rss or rss_kib(pid)
    per = [calls // instances + (1 if i < calls % instances else 0) for i in range(instances)]
    ramp = calls / ramp_cps
    hold_ms = int((ramp + 8 + window + 2) * 1000)
    legs_per_call = 1 if mode == "echo" else 2
    hops = 2 if mode == "echo" else 4
    procs = []
    t_start = time.time()
    try:
        for i, n in enumerate(per):
            target = "9196" if mode == "echo" else uas[i % len(uas)]["user"]
            cmd = ["sipp", f"127.0.0.1:{srv.sip_port}", "-sf", str(scenario), "-i", "127.0.0.1",
                   "-p", str(free_port(both=True)), "-mp", str(7000 + 10 * i), "-s", target, "-m", str(n),
                   "-l", str(n), "-r", f"{ramp_cps / instances:g}", "-d", str(hold_ms), "-nostdin",
                   "-timeout", f"{hold_ms // 1000 + 60}s", "-timeout_error", "-trace_stat",
                   "-stf", f"{work}/stat{calls}_{i}.csv", "-fd", "1"]
            if threadtasks:
                cmd += ["-rtp_threadtasks", str(threadtasks)]
            procs.append(subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        want = calls * legs_per_call
        deadline = time.time() + ramp + 30
        n = channel_count(srv)
        while n < want and time.time() < deadline and all(p.poll() is None for p in procs):
            time.sleep(0.5)
            n = channel_count(srv)
        up_after = round(time.time() - t_start, 1)
        time.sleep(3)  # settle: the last calls' streams start
        sipp_pids = [p.pid for p in procs] + [u["proc"].pid for u in uas]
        c0 = udp_counters()
        u0 = udp_sockets([pid] + sipp_pids)
        s0, k0, t0 = cpu_seconds(pid), proc_cpu(sipp_pids), time.time()
        ch_mid = channel_count(srv)
        time.sleep(window)
        c1 = udp_counters()
        u1 = udp_sockets([pid] + sipp_pids)
        s1, k1, t1 = cpu_seconds(pid), proc_cpu(sipp_pids), time.time()
        rss1 = rss_kib(pid)
        ch_end = channel_count(srv)
        for p in procs:
            p.wait(timeout=hold_ms / 1000 + 120)
    finally:
        stop_all(procs)
    dt = t1 - t0
    out_pps = (c1["OutDatagrams"] - c0["OutDatagrams"]) / dt
    server_drops = drops_between(u0, u1, pid)
    # sipp never reads its RTP socket: once its buffer is full (within ms) every datagram the server sends to the
    # caller is counted there as a drop, so that count is what the callers got back.
    back_pps = sum(drops_between(u0, u1, p.pid) for p in procs) / dt
    uas_drops = sum(drops_between(u0, u1, u["proc"].pid) for u in uas)
    nominal = 50 * calls
    ok = failed = 0
    for i in range(instances):
        last = sipp_last_stats(f"{work}/stat{calls}_{i}.csv")
        ok += int(last.get("SuccessfulCall(C)", 0))
        failed += int(last.get("FailedCall(C)", 0))
    left = wait_channels(srv, 0, timeout=60)
    expected = 50 * hops * calls
    return {"mode": mode, "calls": calls, "channels_up": ch_mid, "channels_end": ch_end, "up_after_s": up_after,
            "ok": ok, "failed": failed, "pps_all": round(out_pps), "pps_expected": expected,
            "send_ratio": round(out_pps / expected, 4),
            "caller_tx_ratio": round((out_pps - back_pps) / nominal, 4) if mode == "echo" else "-",
            "caller_rx_ratio": round(back_pps / nominal, 4), "server_drops": server_drops,
            "server_rxq_kib": round(sum(v[2] for v in u1.values() if v[0] == pid) / 1024), "uas_drops": uas_drops if uas else "-",
            "rcvbuf_errors": c1["RcvbufErrors"] - c0["RcvbufErrors"],
            "server_cpu_pct": round(100 * (s1 - s0) / dt, 1), "sipp_cpu_pct": round(100 * (k1 - k0) / dt, 1),
            "rss_mib": round(rss1 / 1024, 1), "kib_per_call": round((rss1 - rss0) / calls, 1),
            "channels_left": left, "load1_before": load}


COLS = ["mode", "calls", "channels_up", "ok", "failed", "pps_all", "send_ratio", "caller_tx_ratio", "caller_rx_ratio",
        "server_drops", "server_rxq_kib", "uas_drops", "server_cpu_pct", "sipp_cpu_pct", "rss_mib", "kib_per_call", "load1_before"]


def print_table(rows):
    print("| " + " | ".join(COLS) + " |")
    print("|" + "---:|" * len(COLS))
    for r in rows:
        print("| " + " | ".join(str(r[c]) for c in COLS) + " |")
    for mode in sorted({r["mode"] for r in rows}):
        clean = [r for r in rows if r["mode"] == mode and r["failed"] == 0 and r["server_drops"] == 0
                 and r["caller_rx_ratio"] >= 0.99 and (mode != "echo" or r["caller_tx_ratio"] >= 0.99)
                 and r["server_rxq_kib"] < 2048]
        best = max(clean, key=lambda r: r["calls"], default=None)
        if best:
            print(f"{mode}: most concurrent calls in a clean step: {best['calls']} (server {best['server_cpu_pct']} % "
                  f"of a core, sipp {best['sipp_cpu_pct']} %, {best['kib_per_call']} KiB per call, "
                  f"load {best['load1_before']})")
        else:
            print(f"{mode}: no clean step")


def in_namespace(argv):
    """Re-runs this script inside a fresh network namespace with only `lo` up; removes it afterwards."""
    ns = f"sbbench{os.getpid()}"
    subprocess.run(["ip", "netns", "add", ns], check=True)
    try:
        subprocess.run(["ip", "-n", ns, "link", "set", "lo", "up"], check=True)
        return subprocess.run(["ip", "netns", "exec", ns, sys.executable, os.path.abspath(__file__), "--in-netns",
                               *argv]).returncode
    finally:
        subprocess.run(["ip", "netns", "del", ns])


def main():
    require_sipp()
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=["echo", "bridged", "both"], default="echo")
    ap.add_argument("--calls", default="250,500,1000", help="concurrent calls, one step each")
    ap.add_argument("--instances", type=int, default=4, help="sipp UAC instances (and UAS instances when bridged)")
    ap.add_argument("--window", type=int, default=10, help="seconds measured with every call up")
    ap.add_argument("--ramp-cps", type=int, default=200)
    ap.add_argument("--rtp-threadtasks", type=int, default=0, help="sipp -rtp_threadtasks (0: sipp's default)")
    ap.add_argument("--no-netns", action="store_true", help="run on the machine's own loopback")
    ap.add_argument("--in-netns", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not args.in_netns and not args.no_netns:
        argv = [a for a in sys.argv[1:]]
        sys.exit(in_namespace(argv))
    modes = ["echo", "bridged"] if args.mode == "both" else [args.mode]
    rows = []
    with tempfile.TemporaryDirectory(prefix="mediabench-") as d:
        work = Path(d)
        ulaw_tone(work / "tone1k.ulaw")
        scenario = work / "media_uac.xml"
        scenario.write_text((BENCH_SIPP / "media_uac.xml").read_text().replace("@ULAW_FILE@", str(work / "tone1k.ulaw")))
        (work / "uas.xml").write_text(UAS_XML)
        srv = start_bench_server(work, PLAN, users=[(str(2000 + i), "bench") for i in range(args.instances)])
        uas = []
        try:
            print(f"machine: {machine()}; server {os.environ.get('SWITCHBOARD_BIN')}; {args.instances} sipp UAC "
                  f"instances; window {args.window} s; network namespace: {not args.no_netns}", flush=True)
            idle_rss = rss_kib(srv.proc.pid)  # memory per call = (RSS with N calls up - this) / N
            for mode in modes:
                if mode == "bridged" and not uas:
                    for i in range(args.instances):
                        port = free_port(both=True)
                        user = str(2000 + i)
                        register_uas(srv, user, port)
                        cmd = ["sipp", "-sf", str(work / "uas.xml"), "-i", "127.0.0.1", "-p", str(port),
                               "-mi", "127.0.0.1", "-mp", str(8000 + 10 * i), "-rtp_echo", "-nostdin",
                               "-trace_stat", "-stf", f"{work}/uas{i}.csv", "-fd", "1"]
                        uas.append({"user": user, "proc": subprocess.Popen(
                            cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)})
                    time.sleep(1)
                for calls in [int(c) for c in args.calls.split(",")]:
                    row = run_step(srv, mode, calls, args.instances, args.window, args.ramp_cps, work, scenario,
                                   uas if mode == "bridged" else [], args.rtp_threadtasks, idle_rss)
                    print(row, flush=True)
                    rows.append(row)
                    time.sleep(3)
        finally:
            stop_all([u["proc"] for u in uas])
            srv.stop()
    print_table(rows)


if __name__ == "__main__":
    main()
