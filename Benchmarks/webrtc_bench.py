#!/usr/bin/env python3
"""Concurrent WebRTC calls (issue 5): the Swift load generator `WebRTCLoad` places N browser-like calls (ICE,
DTLS-SRTP, Opus 20 ms, 50 packets/s each way) against

  echo        Switchboard extension 9196 (`answer`, `echo`) over SIP on WebSocket (user 1000, digest auth);
  transcoded  Switchboard extension 20xx: `bridge user/20xx` to a sipp UAS registered as 20xx answering PCMU and
              echoing RTP (`-rtp_echo`), so the server decodes Opus -> PCMU towards sipp and encodes PCMU -> Opus
              back (one Opus encode + decode per 20 ms per call);
  janus       Janus 1.1 (Debian `janus`) EchoTest over its WebSocket API, the same generator;

and samples the target's CPU (/proc/<pid>/stat, 100 % = one core) between the generator's WINDOW-START and
WINDOW-END lines. Janus only does ICE with a non-loopback peer (TESTING.md §5), so everything runs across two
network namespaces joined by a veth: the targets (and sipp) in the "server" namespace at 10.77.0.1, the generator
in the "client" namespace at 10.77.0.2. The script re-executes itself inside the server namespace.

Loss = 1 - received / expected over the window, expected from each call's RTP sequence numbers (gaps); jitter is
RFC 3550's interarrival estimate, averaged over the calls (and the worst call). A step is clean when every call is
up and receiving, loss is 0 and the target's CPU stays under 80 % of the machine (2 cores = 160 % of one core).

Usage (root: it makes network namespaces):
  SWITCHBOARD_BIN=.build/release/switchboard WEBRTCLOAD_BIN=.build/release/WebRTCLoad \\
      python3 Benchmarks/webrtc_bench.py [--calls 50,100,150,200] [--modes echo,transcoded,janus] [--window 20]
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import (ROOT, SIPP_DIR_INTEROP, bench_server, cpu_seconds, free_port, load_average, machine, rss_kib,
                      start_server, stop_all, wait_channels)

SERVER_IP, CLIENT_IP = "10.77.0.1", "10.77.0.2"
UAS_COUNT = 2

EXTENSIONS = """    <extension name="echo">
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
"""
PLAN = f"""<include>
  <context name="default">
{EXTENSIONS}  </context>
  <context name="public">
{EXTENSIONS}  </context>
</include>
"""

JANUS_CONFIG = {
    "janus.jcfg": """general: {{ configs_folder = "{etc}" plugins_folder = "/usr/lib/x86_64-linux-gnu/janus/plugins"
  transports_folder = "/usr/lib/x86_64-linux-gnu/janus/transports" events_folder = "/usr/lib/x86_64-linux-gnu/janus/events"
  loggers_folder = "/usr/lib/x86_64-linux-gnu/janus/loggers" debug_level = {debug} debug_colors = false
  interface = "{ip}" session_timeout = 60 }}
media: {{ rtp_port_range = "30000-39999" }}
nat: {{ ice_enforce_list = "{ip}" }}
plugins: {{ disable = "libjanus_duktape.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_videoroom.so,libjanus_voicemail.so,libjanus_audiobridge.so" }}
transports: {{ disable = "libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so,libjanus_http.so" }}
loggers: {{ disable = "libjanus_jsonlog.so" }}
events: {{ broadcast = false }}
certificates: {{ }}
""",
    "janus.transport.websockets.jcfg": """general: {{ json = "compact" ws = true ws_port = {port} ws_ip = "{ip}" wss = false }}
admin: {{ admin_ws = false }}
""",
    "janus.plugin.echotest.jcfg": "general: {{ }}\n",
}

UAS_XML = (Path(__file__).resolve().parent / "media_bench.py").read_text().split('UAS_XML = """', 1)[1].split('"""', 1)[0]


def sh(*cmd, check=True):
    return subprocess.run(list(cmd), check=check, capture_output=True, text=True)


def make_namespaces(tag):
    """Two namespaces joined by a veth: (server, client) names."""
    server, client = f"sbw-srv-{tag}", f"sbw-cli-{tag}"
    veth_s, veth_c = f"sbws{tag}"[:15], f"sbwc{tag}"[:15]
    sh("ip", "netns", "add", server)
    sh("ip", "netns", "add", client)
    for ns in (server, client):
        sh("ip", "-n", ns, "link", "set", "lo", "up")
    sh("ip", "link", "add", veth_s, "type", "veth", "peer", "name", veth_c)
    sh("ip", "link", "set", veth_s, "netns", server)
    sh("ip", "link", "set", veth_c, "netns", client)
    sh("ip", "-n", server, "addr", "add", f"{SERVER_IP}/24", "dev", veth_s)
    sh("ip", "-n", client, "addr", "add", f"{CLIENT_IP}/24", "dev", veth_c)
    sh("ip", "-n", server, "link", "set", veth_s, "up")
    sh("ip", "-n", client, "link", "set", veth_c, "up")
    return server, client


def start_janus(work: Path, port: int):
    etc = work / "janus-etc"
    etc.mkdir()
    for name, text in JANUS_CONFIG.items():
        (etc / name).write_text(text.format(etc=etc, port=port, ip=SERVER_IP,
                                             debug=os.environ.get("JANUS_DEBUG_LEVEL", "2")))
    log = work / "janus.log"
    proc = subprocess.Popen(["janus", "-F", str(etc), "-L", str(log), "-o"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:  # at debug_level 2 Janus does not log "WebSockets thread started": wait for the port instead
            socket.create_connection((SERVER_IP, port), timeout=1).close()
            return proc
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    proc.wait()
    raise RuntimeError(f"janus did not start: {log.read_text(errors='replace') if log.exists() else ''}")


UAS_PORTS = []


def start_uas(srv, work):
    """sipp UASes registered as 2000.. on 127.0.0.1, answering PCMU and echoing RTP."""
    (work / "uas.xml").write_text(UAS_XML)
    time.sleep(0.5)  # the previous step's UASes release their ports
    uas = []
    for i in range(UAS_COUNT):
        # The same port every step: re-registering the same Contact refreshes the binding instead of adding one.
        if len(UAS_PORTS) <= i:
            UAS_PORTS.append(free_port(both=True))
        port, user = UAS_PORTS[i], str(2000 + i)
        r = subprocess.run(["sipp", f"127.0.0.1:{srv.sip_port}", "-sf", str(SIPP_DIR_INTEROP / "register.xml"),
                            "-i", "127.0.0.1", "-p", str(port), "-s", user, "-au", user, "-ap", "bench", "-m", "1",
                            "-nostdin", "-timeout", "10s", "-timeout_error"], capture_output=True, text=True, cwd=work)
        if r.returncode != 0:
            raise RuntimeError(f"REGISTER of {user} failed: {r.stdout[-1500:]}")
        cmd = ["sipp", "-sf", str(work / "uas.xml"), "-i", "127.0.0.1", "-p", str(port), "-mi", "127.0.0.1",
               "-mp", str(8000 + 10 * i), "-rtp_echo", "-nostdin", "-fd", "1"]
        uas.append(subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(1)
    return uas


def run_generator(client_ns, args, target, port, calls, destination, pids, extra_pids=()):
    """Runs WebRTCLoad in the client namespace; returns its RESULT plus the targets' CPU over its window."""
    cmd = ["ip", "netns", "exec", client_ns, os.environ.get("WEBRTCLOAD_BIN", str(ROOT / ".build" / "release" / "WebRTCLoad")),
           "--target", target, "--host", SERVER_IP, "--port", str(port), "--local-ip", CLIENT_IP,
           "--calls", str(calls), "--destination", destination, "--rate", str(args.rate),
           "--settle", str(args.settle), "--window", str(args.window), "--max-playback-rate", args.max_playback_rate]
    load = load_average()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    result, lines, t0 = None, [], None
    c0 = k0 = c1 = k1 = t1 = 0.0
    rss = 0
    for line in proc.stdout:
        lines.append(line.rstrip())
        if line.startswith("WINDOW-START"):
            c0, k0, t0 = sum(map(cpu_seconds, pids)), sum(map(cpu_seconds, extra_pids)), time.time()
        elif line.startswith("WINDOW-END"):
            c1, k1, t1 = sum(map(cpu_seconds, pids)), sum(map(cpu_seconds, extra_pids)), time.time()
            rss = sum(map(rss_kib, pids))
        elif line.startswith("RESULT "):
            result = json.loads(line[7:])
    proc.wait()
    if result is None or t0 is None:
        raise RuntimeError("generator failed:\n" + "\n".join(lines[-20:]))
    dt = t1 - t0
    result.update({"target_cpu_pct": round(100 * (c1 - c0) / dt, 1), "far_end_cpu_pct": round(100 * (k1 - k0) / dt, 1),
                   "target_rss_mib": round(rss / 1024, 1), "load1_before": load})
    up = max(1, result["up"])
    result["cpu_pct_per_call"] = round(result["target_cpu_pct"] / up, 3)
    return result


COLS = ["mode", "calls", "up", "receiving", "target_cpu_pct", "cpu_pct_per_call", "loss_pct", "jitter_ms_mean",
        "jitter_ms_max", "generator_cpu_pct", "far_end_cpu_pct", "target_rss_mib", "failures", "load1_before",
        "opus_playback_rates"]


def print_table(rows):
    print("| " + " | ".join(COLS) + " |")
    print("|" + "---:|" * len(COLS))
    for r in rows:
        print("| " + " | ".join(str(r.get(c, "-")) for c in COLS) + " |")
    cores = os.cpu_count()
    for mode in ("echo", "transcoded", "janus"):
        clean = [r for r in rows if r["mode"] == mode and r["up"] == r["calls"] and r["receiving"] == r["calls"]
                 and r["loss_pct"] == 0 and r["target_cpu_pct"] < 80 * cores]
        best = max(clean, key=lambda r: r["calls"], default=None)
        print(f"{mode}: most calls in a clean step (all up, 0 % loss, < 80 % of {cores} cores): "
              + (f"{best['calls']} ({best['target_cpu_pct']} % of a core)" if best else "none"))
    by = {(r["mode"], r["calls"]): r for r in rows}
    for (mode, calls), r in sorted(by.items()):
        if mode == "janus" and ("echo", calls) in by and by[("echo", calls)]["cpu_pct_per_call"] > 0:
            ratio = r["cpu_pct_per_call"] / by[("echo", calls)]["cpu_pct_per_call"]
            print(f"{calls} calls: Janus EchoTest / Switchboard echo CPU per call = {ratio:.2f}")


def bench(args, client_ns):
    rows = []
    with tempfile.TemporaryDirectory(prefix="webrtcbench-") as d:
        work = Path(d)
        srv = bench_server(work, PLAN, extra=f'ext_rtp_ip = "{SERVER_IP}"')
        for user, password in [("1000", "secret")] + [(str(2000 + i), "bench") for i in range(UAS_COUNT)]:
            srv.cli("user", "add", user, "--password", password)
        # Listen everywhere (SIP for sipp on 127.0.0.1, WebSocket and media on the veth); advertise the veth address.
        srv.config.write_text(srv.config.read_text().replace(
            'listen_ip = "127.0.0.1"', 'listen_ip = "0.0.0.0"\next_sip_ip = "127.0.0.1"'))
        start_server(srv)
        janus = uas = None
        try:
            print(f"machine: {machine()}; server {os.environ.get('SWITCHBOARD_BIN')}; window {args.window} s; "
                  f"server namespace {SERVER_IP}, generator namespace {CLIENT_IP}", flush=True)
            if "janus" in args.modes:
                janus_port = free_port()
                janus = start_janus(work, janus_port)
            for calls in args.calls:
                for mode in args.modes:
                    if mode == "janus":
                        row = run_generator(client_ns, args, "janus", janus_port, calls, "-", [janus.pid])
                    else:
                        if mode == "transcoded":
                            # Fresh UASes each step: their registrations (Expires 300) must not lapse mid-run.
                            stop_all(uas or [])
                            uas = start_uas(srv, work)
                        dest = "9196" if mode == "echo" else ",".join(str(2000 + i) for i in range(UAS_COUNT))
                        row = run_generator(client_ns, args, "switchboard", srv.ws_port, calls, dest, [srv.proc.pid],
                                            [p.pid for p in uas] if mode == "transcoded" else [])
                        row["channels_left"] = wait_channels(srv, 0, timeout=30)
                    row["mode"] = mode
                    print(json.dumps(row), flush=True)
                    rows.append(row)
                    time.sleep(2)
        finally:
            if uas:
                stop_all(uas)
            if janus:
                janus.terminate()
                try:
                    janus.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    janus.kill()
                    janus.wait()
                shutil.copy(work / "janus.log", "/tmp/webrtc_bench_janus.log")
            srv.stop()
    print_table(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=lambda s: [int(x) for x in s.split(",")], default=[50, 100, 150, 200])
    ap.add_argument("--modes", type=lambda s: s.split(","), default=["echo", "transcoded", "janus"])
    ap.add_argument("--window", type=int, default=20, help="seconds measured with every call up")
    ap.add_argument("--settle", type=float, default=3)
    ap.add_argument("--rate", type=float, default=25, help="new calls per second")
    ap.add_argument("--max-playback-rate", choices=["honour", "ignore"], default="honour",
                    help="the generator encodes to the answer's Opus maxplaybackrate as libwebrtc browsers do "
                         "(honour), or always full-band as Firefox does (ignore)")
    ap.add_argument("--client-ns", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.client_ns:
        return bench(args, args.client_ns)
    if os.geteuid() != 0:
        sys.exit("needs root (network namespaces)")
    if "janus" in args.modes and shutil.which("janus") is None:
        sys.exit("janus not installed (apt-get install janus; make bench-deps does it)")
    server, client = make_namespaces(os.getpid() % 100000)
    try:
        return subprocess.run(["ip", "netns", "exec", server, sys.executable, os.path.abspath(__file__),
                               "--client-ns", client, *sys.argv[1:]]).returncode
    finally:
        # Deleting a namespace removes its veth end (and the peer with it).
        subprocess.run(["ip", "netns", "del", server])
        subprocess.run(["ip", "netns", "del", client])


if __name__ == "__main__":
    sys.exit(main())
