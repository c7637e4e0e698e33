"""Helpers for the browser interop tests: a small HTTP server on 127.0.0.1 (a secure context for getUserMedia) that
serves Tests/Interop/pages/ and web/ and collects what the pages POST to /report/<kind>, and a headless Firefox
(Debian's firefox-esr, no automation driver) started on a throwaway profile whose user.js allows fake media."""
import http.server
import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

PAGES = Path(__file__).parent / "pages"
WEB = Path(__file__).resolve().parents[2] / "web"


class PageServer:
    """`with PageServer() as pages:` — pages.url("verto_echo.html?x=1"), pages.wait("echo") → the posted JSON."""

    def __init__(self):
        self.reports = queue.Queue()
        self.logs = []
        outer = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, path):
                path = path.split("?", 1)[0]
                if path.startswith("/web/"):
                    return str(WEB / path[len("/web/"):])
                if path.startswith("/pages/"):
                    return str(PAGES / path[len("/pages/"):])
                return str(PAGES / "missing")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                kind = self.path.rsplit("/", 1)[-1]
                if kind == "log":
                    outer.logs.append(body.get("text"))
                else:
                    outer.reports.put((kind, body))
                self.send_response(204)
                self.end_headers()

            def end_headers(self):
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)

    def url(self, page):
        return f"http://127.0.0.1:{self.port}/pages/{page}"

    def wait(self, kind, timeout=30, alive=None):
        """The next report of `kind`; an "error" report raises. `alive()` false → the browser died."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                got, body = self.reports.get(timeout=0.2)
            except queue.Empty:
                if alive is not None and not alive():
                    raise AssertionError(f"the browser exited while waiting for {kind!r}; page log: {self.logs}")
                continue
            if got == "error":
                raise AssertionError(f"the page failed: {body.get('message')}; page log: {self.logs}")
            if got == kind:
                return body
        raise AssertionError(f"no {kind!r} report within {timeout} s; page log: {self.logs}")


# user.js for headless Firefox: fake microphone (a tone), no permission prompt, loopback ICE candidates with real
# addresses (no mDNS), WebAudio and media may start without a user gesture, and no first-run noise or updates.
FIREFOX_PREFS = {
    "media.navigator.streams.fake": True,
    "media.navigator.permission.disabled": True,
    "media.peerconnection.ice.loopback": True,
    "media.peerconnection.ice.obfuscate_host_addresses": False,
    "media.autoplay.default": 0,
    "media.autoplay.block-webaudio": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.enabled": False,
    "app.update.auto": False,
    "extensions.update.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
}


def host_address():
    """This machine's first global (non-loopback) IPv4 address, from `ip -4 -o addr show scope global`, or 127.0.0.1
    when it has none."""
    try:
        out = subprocess.run(["ip", "-4", "-o", "addr", "show", "scope", "global"], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "127.0.0.1"
    for line in out.splitlines():
        fields = line.split()
        if "inet" in fields:
            return fields[fields.index("inet") + 1].split("/")[0]
    return "127.0.0.1"


class PulseAudio:
    """A private PulseAudio daemon (Debian `pulseaudio`) whose only sink is a null sink, on a unix socket in `folder`."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.socket = folder / "native"
        self.server = f"unix:{self.socket}"
        self.log_file = open(folder / "pulseaudio.log", "w")
        env = dict(os.environ, HOME=str(folder), XDG_RUNTIME_DIR=str(folder), XDG_CONFIG_HOME=str(folder))
        self.proc = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm=yes", "--use-pid-file=no",
             "--log-target=stderr", "-L", "module-null-sink",
             "-L", f"module-native-protocol-unix socket={self.socket} auth-anonymous=1"],
            stdout=self.log_file, stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 10
        while not self.socket.exists():
            if self.proc.poll() is not None or time.time() > deadline:
                self.close()
                raise AssertionError(f"pulseaudio did not start: {(folder / 'pulseaudio.log').read_text()}")
            time.sleep(0.05)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log_file.close()


class Firefox:
    """A headless Debian firefox-esr on a fresh profile, opened at `url`; close() kills its process group and
    removes the profile."""

    def __init__(self, url, prefs=None, env=None):
        self.profile = Path(tempfile.mkdtemp(prefix="firefox-profile-"))
        lines = [f"user_pref({json.dumps(k)}, {json.dumps(v)});" for k, v in {**FIREFOX_PREFS, **(prefs or {})}.items()]
        (self.profile / "user.js").write_text("\n".join(lines) + "\n")
        self.log_path = self.profile / "firefox.log"
        self.log_file = open(self.log_path, "w")
        # No sound card here: without an audio output Firefox's AudioContext stays "suspended" (its graph never
        # gets an audio driver), so a private PulseAudio with a null sink stands in for one.
        self.pulse = PulseAudio(self.profile / "pulse")
        env = dict(os.environ, MOZ_HEADLESS="1", HOME=str(self.profile), PULSE_SERVER=self.pulse.server, **(env or {}))
        self.proc = subprocess.Popen(
            ["firefox-esr", "--headless", "--no-remote", "--profile", str(self.profile), url],
            stdout=self.log_file, stderr=subprocess.STDOUT, env=env, start_new_session=True)

    def alive(self):
        return self.proc.poll() is None

    def log(self):
        return self.log_path.read_text(errors="replace")

    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait()
        self.log_file.close()
        self.pulse.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def assert_narrowband_call_with_a_g711_phone(call, callee, log):
    """A test page's report of a call (660 Hz microphone) bridged to a baresip PCMU phone playing 440 Hz: the answer
    asked for narrowband Opus (RFC 7587), Chromium's encoder took it (libwebrtc's 12 kbit/s narrowband target,
    packets about a third of full-band's), and each side heard the other."""
    from baresip import analyse
    assert call["connectionState"] == "connected", (call, log[-3000:])
    assert "maxplaybackrate=8000" in call["answer"] and "sprop-maxcapturerate=8000" in call["answer"], call["answer"]
    stats = call["stats"]
    assert stats.get("targetBitrate") == 12000, stats
    assert stats["bytesSent"] / stats["packetsSent"] < 45, stats
    assert call["peakHz"] is not None and abs(call["peakHz"] - 440) < 30, call
    rms, freq = analyse(callee.received_audio(), skip=1.0)
    assert rms > -40 and abs(freq - 660) < 20, f"phone heard {freq:.0f} Hz at {rms:.1f} dBFS, expected 660"
