"""A headless baresip (Debian package) driven over its ctrl_tcp interface: a real SIP phone for call tests.
Audio source is a WAV file (aufile), received audio is recorded by the sndfile module (…-dec.wav)."""
import glob
import json
import os
import socket
import subprocess
import time
import wave
from pathlib import Path

import numpy


def tone_wav(path, freq, seconds=10, rate=8000):
    """A sine tone at -9 dBFS, mono 16-bit, written with numpy (no sox needed)."""
    t = numpy.arange(int(seconds * rate)) / rate
    samples = (0.35 * 32767 * numpy.sin(2 * numpy.pi * freq * t)).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


def analyse(path, skip=0.5, length=None):
    """(rms dBFS, dominant frequency Hz) of a WAV, skipping the first `skip` seconds, over `length` seconds."""
    with wave.open(str(path), "rb") as w:
        rate, channels = w.getframerate(), w.getnchannels()
        data = numpy.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(float)
    if channels > 1:
        data = data.reshape(-1, channels)[:, 0]
    data = data[int(skip * rate):]
    if length is not None:
        data = data[: int(length * rate)]
    if len(data) < rate // 10:
        return -120.0, 0.0
    rms = numpy.sqrt(numpy.mean(data ** 2)) / 32768
    spectrum = numpy.abs(numpy.fft.rfft(data * numpy.hanning(len(data))))
    peak = numpy.argmax(spectrum[1:]) + 1
    return 20 * numpy.log10(max(rms, 1e-6)), peak * rate / len(data)


class Baresip:
    def __init__(self, workdir: Path, sip_port: int, ctrl_port: int, source_wav: Path, account: str,
                 srate: int = 8000, modules=(), rtcp_mux: bool = False):
        """`srate` must be the WAV's sample rate; `modules` are loaded as well (e.g. opus.so, srtp.so, dtls_srtp.so)."""
        self.dir = workdir
        self.ctrl_port = ctrl_port
        (workdir / "rec").mkdir(parents=True, exist_ok=True)
        rtp = 20000 + (sip_port % 1000) * 20
        extra_modules = "".join(f"module {m}\n" for m in modules)
        (workdir / "config").write_text(f"""poll_method epoll
net_interface 127.0.0.1
sip_listen 127.0.0.1:{sip_port}
call_local_timeout 120
audio_player aufile,/dev/null
audio_source aufile,{source_wav}
audio_alert aufile,/dev/null
ausrc_srate {srate}
ausrc_channels 1
rtp_ports {rtp}-{rtp + 18}
rtcp_mux {"yes" if rtcp_mux else "no"}
jitter_buffer_delay 5-10
module_path /usr/lib/baresip/modules
call_max_calls 4
module g711.so
module aufile.so
module sndfile.so
module stun.so
{extra_modules}module_tmp uuid.so
module_tmp account.so
module_app contact.so
module_app menu.so
module_app ctrl_tcp.so
ctrl_tcp_listen 127.0.0.1:{ctrl_port}
snd_path {workdir}/rec
""")
        (workdir / "accounts").write_text(account + "\n")
        (workdir / "contacts").write_text("")
        self.log = open(workdir / "baresip.log", "w")
        self.proc = subprocess.Popen(["baresip", "-f", str(workdir)], stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        self.sock = self._connect()
        self.buf = b""
        self.n = 0
        self.backlog = []

    def _connect(self, timeout=10):
        deadline = time.time() + timeout
        while True:
            try:
                return socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=2)
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)

    def command(self, cmd, params=""):
        self.n += 1
        body = json.dumps({"command": cmd, "params": params, "token": str(self.n)}).encode()
        self.sock.sendall(b"%d:%s," % (len(body), body))

    def messages(self, seconds):
        out, end = [], time.time() + seconds
        while time.time() < end:
            self.sock.settimeout(max(0.01, end - time.time()))
            try:
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                self.buf += chunk
            except socket.timeout:
                pass
            while b":" in self.buf:
                length, rest = self.buf.split(b":", 1)
                n = int(length)
                if len(rest) < n + 1:
                    break
                out.append(json.loads(rest[:n]))
                self.buf = rest[n + 1:]
        return out

    def wait_event(self, kind, seconds=15):
        """Returns the first event of `kind`, keeping later events for the next wait."""
        end = time.time() + seconds
        while True:
            for i, m in enumerate(self.backlog):
                if m.get("event") and m.get("type") == kind:
                    del self.backlog[: i + 1]
                    return m
            if time.time() >= end:
                raise TimeoutError(f"baresip: no {kind}; saw {self.backlog}")
            self.backlog += self.messages(0.2)

    def wait_registered(self, seconds=15):
        end = time.time() + seconds
        while time.time() < end:
            self.command("reginfo")
            for m in self.messages(0.5):
                if m.get("response") and "OK" in str(m.get("data", "")):
                    return
        raise TimeoutError("baresip did not register")

    def received_audio(self):
        files = sorted(glob.glob(str(self.dir / "rec" / "*-dec.wav")))
        return files[-1] if files else None

    def close(self):
        try:
            self.command("quit")
            self.proc.wait(timeout=5)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
