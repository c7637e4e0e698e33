#!/usr/bin/env python3
"""Verto logins per second and idle Verto connections (issue #6's benchmark), with Janus's WebSocket API as the
peer in the same run.

* Logins/s: `--logins` connections, at most `--window` in flight, each opens a WebSocket, sends `login` (user 1000,
  its own sessid) and waits for the result; the rate is logins over wall time.
* Idle connections: `--idle` logged-in connections kept open (each answers the server's `verto.ping`); the server's
  RSS and threads before and with them up give the memory per connection. Janus 1.1 (Debian) gets the same number of
  WebSocket connections, each with a Janus session (`create`, kept alive), and is measured the same way.

Usage: SWITCHBOARD_BIN=.build/release/switchboard python3 Benchmarks/verto_bench.py [--logins 3000] [--idle 1000,5000]
"""
import argparse
import asyncio
import json
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websockets

from benchlib import cpu_seconds, free_port, load_average, machine, rss_kib, start_bench_server

PLAN = """<include><context name="default"><extension name="echo">
  <condition field="destination_number" expression="^9196$"><action application="echo"/></condition>
</extension></context></include>
"""


def threads(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


async def verto_login(url, n):
    ws = await websockets.connect(url, max_size=2**20, ping_interval=None, open_timeout=30)
    await ws.send(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "login", "params": {
        "login": "1000@127.0.0.1", "passwd": "secret", "sessid": f"bench-{n}", "loginParams": {}, "userVariables": {}}}))
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), 30))
        if message.get("id") == 1:
            if "result" not in message:
                raise RuntimeError(f"login refused: {message}")
            return ws


async def keep_answering(ws):
    """Answers the server's requests (verto.ping, verto.clientReady) as verto.js does."""
    try:
        async for text in ws:
            message = json.loads(text)
            if message.get("method") and message.get("id") is not None:
                await ws.send(json.dumps({"jsonrpc": "2.0", "id": message["id"],
                                          "result": {"method": message["method"]}}))
    except websockets.ConnectionClosed:
        pass


async def login_rate(url, count, window):
    gate = asyncio.Semaphore(window)
    failures = 0

    async def one(n):
        nonlocal failures
        async with gate:
            try:
                ws = await verto_login(url, n)
                await ws.close()
            except Exception:  # noqa: BLE001 (a refused or timed-out login is counted, not fatal)
                failures += 1

    start = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(count)))
    elapsed = time.perf_counter() - start
    return (count - failures) / elapsed, failures


async def open_idle(count, connect, window=200):
    gate = asyncio.Semaphore(window)

    async def one(n):
        async with gate:
            return await connect(n)

    return await asyncio.gather(*(one(n) for n in range(count)))


async def idle_measure(pid, count, connect, answer, settle=3.0):
    rss_before, threads_before = rss_kib(pid), threads(pid)
    sockets = await open_idle(count, connect)
    tasks = [asyncio.create_task(answer(ws)) for ws in sockets]
    await asyncio.sleep(settle)
    rss_with, threads_with = rss_kib(pid), threads(pid)
    for ws in sockets:
        await ws.close()
    for task in tasks:
        task.cancel()
    return {"connections": count, "rss_before_kib": rss_before, "rss_with_kib": rss_with,
            "kib_per_connection": round((rss_with - rss_before) / count, 1),
            "threads_before": threads_before, "threads_with": threads_with}


JANUS_CONFIG = {
    "janus.jcfg": """general: {{ configs_folder = "{etc}" plugins_folder = "/usr/lib/x86_64-linux-gnu/janus/plugins"
  transports_folder = "/usr/lib/x86_64-linux-gnu/janus/transports" events_folder = "/usr/lib/x86_64-linux-gnu/janus/events"
  loggers_folder = "/usr/lib/x86_64-linux-gnu/janus/loggers" debug_level = 2 session_timeout = 60 }}
media: {{ rtp_port_range = "30000-30999" }}
plugins: {{ disable = "libjanus_duktape.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_videoroom.so,libjanus_voicemail.so,libjanus_audiobridge.so" }}
transports: {{ disable = "libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so,libjanus_http.so" }}
loggers: {{ disable = "libjanus_jsonlog.so" }}
events: {{ broadcast = false }}
""",
    "janus.transport.websockets.jcfg": """general: {{ json = "compact" ws = true ws_port = {port} ws_ip = "127.0.0.1" wss = false }}
admin: {{ admin_ws = false }}
""",
    "janus.plugin.echotest.jcfg": "general: {{ }}\n",
}


def start_janus(work: Path, port: int):
    etc = work / "janus-etc"
    etc.mkdir()
    for name, text in JANUS_CONFIG.items():
        (etc / name).write_text(text.format(etc=etc, port=port))
    log = work / "janus.log"
    proc = subprocess.Popen(["janus", "-F", str(etc), "-L", str(log), "-o"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc
        except OSError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"janus did not start: {log.read_text(errors='replace') if log.exists() else ''}")


async def janus_session(url, n):
    ws = await websockets.connect(url, subprotocols=["janus-protocol"], ping_interval=None, open_timeout=30)
    await ws.send(json.dumps({"janus": "create", "transaction": f"t{n}"}))
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), 30))
        if message.get("transaction") == f"t{n}":
            if message.get("janus") != "success":
                raise RuntimeError(f"janus create failed: {message}")
            ws.janus_session = message["data"]["id"]
            return ws


async def janus_keepalive(ws):
    try:
        while True:
            await ws.send(json.dumps({"janus": "keepalive", "session_id": ws.janus_session, "transaction": "k"}))
            await asyncio.sleep(25)
    except websockets.ConnectionClosed:
        pass


async def run(args, srv, janus_port):
    url = f"ws://127.0.0.1:{srv.verto_port}/"
    # Warm-up: the first logins pay for lazy set-up (directory cache, TLS-free code paths).
    await login_rate(url, 200, 50)
    cpu_before, wall_before = cpu_seconds(srv.proc.pid), time.perf_counter()
    rate, failures = await login_rate(url, args.logins, args.window)
    cpu = cpu_seconds(srv.proc.pid) - cpu_before
    server_share = cpu / (time.perf_counter() - wall_before)
    per_login_us = cpu / max(1, args.logins - failures) * 1e6
    print(f"verto logins: {rate:.0f}/s over {args.logins} ({failures} failed, window {args.window}); server CPU "
          f"{server_share:.0%} of a core, {per_login_us:.0f} us per login (connect + login + close)", flush=True)
    results = {"logins_per_second": round(rate), "login_failures": failures, "server_cpu_share": round(server_share, 2),
               "server_us_per_login": round(per_login_us), "idle": [], "janus_idle": []}
    for count in args.idle:
        row = await idle_measure(srv.proc.pid, count, lambda n, c=count: verto_login(url, f"idle-{c}-{n}"),
                                 keep_answering)
        print(f"verto idle: {row}", flush=True)
        results["idle"].append(row)
        await asyncio.sleep(2)
    if janus_port:
        for count in args.idle:
            row = await idle_measure(args.janus_pid, count,
                                     lambda n: janus_session(f"ws://127.0.0.1:{janus_port}/", n), janus_keepalive)
            print(f"janus idle: {row}", flush=True)
            results["janus_idle"].append(row)
            await asyncio.sleep(2)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--logins", type=int, default=3000)
    parser.add_argument("--window", type=int, default=100)
    parser.add_argument("--idle", type=lambda s: [int(x) for x in s.split(",")], default=[1000, 5000])
    args = parser.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    work = Path(tempfile.mkdtemp(prefix="verto-bench-"))
    srv = start_bench_server(work, PLAN, users=[("1000", "secret")])
    janus = None
    janus_port = None
    try:
        if shutil.which("janus"):
            janus_port = free_port()
            janus = start_janus(work, janus_port)
            args.janus_pid = janus.pid
        else:
            print("janus not installed (apt-get install janus): no peer comparison", flush=True)
        print(f"machine: {machine()}, load {load_average()}", flush=True)
        results = asyncio.run(run(args, srv, janus_port))
        print(json.dumps(results), flush=True)
    finally:
        if janus:
            janus.terminate()
            janus.wait(timeout=10)
        srv.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
