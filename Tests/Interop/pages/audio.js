// Shared by the interop test pages: report to the test's HTTP server, wait for ICE gathering, and measure a
// MediaStream with WebAudio (RMS of the time-domain samples and the FFT's peak bin, as web/phone.js's meter does).
"use strict";

function report(kind, data) {
  return fetch("/report/" + kind, { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(data) });
}

// A script that fails to load or parse reports too, instead of leaving the test waiting.
window.addEventListener("error", (event) =>
  report("error", { message: `${event.message} (${event.filename}:${event.lineno})` }));

function log(text) {
  report("log", { text: String(text) }).catch(() => {});
}

function params() { return new URLSearchParams(location.search); }

function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

function gathered(pc) {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    pc.addEventListener("icegatheringstatechange", () => { if (pc.iceGatheringState === "complete") resolve(); });
    setTimeout(resolve, 5000);
  });
}

// A meter on `stream`; `read()` gives {rms, peakHz} of the last 2048 samples.
function meter(stream) {
  const audio = new AudioContext();
  audio.resume();
  const analyser = audio.createAnalyser();
  analyser.fftSize = 2048;
  analyser.smoothingTimeConstant = 0;
  audio.createMediaStreamSource(stream).connect(analyser);
  // Firefox starts the context's graph only once something reaches the destination: a silent path does.
  const silent = audio.createGain();
  silent.gain.value = 0;
  analyser.connect(silent).connect(audio.destination);
  const samples = new Float32Array(analyser.fftSize);
  const frequencies = new Float32Array(analyser.frequencyBinCount);
  return {
    audio,
    read() {
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
      analyser.getFloatFrequencyData(frequencies);
      let peak = 1;
      for (let i = 1; i < frequencies.length; i++) if (frequencies[i] > frequencies[peak]) peak = i;
      return { rms, peakHz: peak * audio.sampleRate / analyser.fftSize, state: audio.state };
    },
    close() { audio.close(); },
  };
}

// Reads the meter every 100 ms for `ms`; the result is the median peak of the readings that were not silent
// (rms > 0.01), the loudest rms, and how many readings were loud.
async function measure(m, ms) {
  for (let i = 0; i < 50 && m.audio.state !== "running"; i++) await sleep(100);
  const peaks = [];
  let maxRms = 0;
  let state;
  for (let t = 0; t < ms; t += 100) {
    await sleep(100);
    const { rms, peakHz, state: s } = m.read();
    state = s;
    maxRms = Math.max(maxRms, rms);
    if (rms > 0.01) peaks.push(peakHz);
  }
  peaks.sort((a, b) => a - b);
  return { peakHz: peaks.length ? peaks[Math.floor(peaks.length / 2)] : null, rms: maxRms, loud: peaks.length, state,
    readings: Math.round(ms / 100) };
}

// Remote WebRTC audio reaches WebAudio in Chromium only while the stream also plays in a media element.
function play(stream) {
  const element = document.createElement("audio");
  element.muted = true;
  element.autoplay = true;
  element.srcObject = stream;
  document.body.appendChild(element);
  element.play().catch(() => {});
}
