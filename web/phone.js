// The browser phone: log in over Verto, call and answer with WebRTC (no trickle: the offer carries its
// candidates), DTMF, mute, hold, call timer, a level meter of what we hear, and reconnect with reattach.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { client: null, call: null, login: null, wantConnected: false, level: 0, status: "logged out" };
window.phoneState = state;

function show(text) { state.status = text; $("status").textContent = text; }
function fail(text) { $("error").hidden = !text; $("error").textContent = text || ""; }
function setCallState(text) { $("callstate").textContent = text; if (state.call) state.call.state = text; }

function serverURL() {
  const typed = $("server").value.trim();
  if (typed) return typed;
  return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/";
}

async function login(event) {
  if (event) event.preventDefault();
  fail("");
  const user = $("user").value.trim();
  const login = user.includes("@") ? user : user + "@" + location.hostname;
  state.login = { login, passwd: $("password").value };
  state.wantConnected = true;
  await connect();
}

async function connect() {
  const client = new VertoClient(serverURL(), { onRequest: serverRequest, onClose: disconnected });
  try {
    show("Connecting…");
    await client.open();
    state.client = client;
    const result = await client.call("login", Object.assign({ loginParams: {}, userVariables: {} }, state.login));
    // Kept for this tab only, so that a reload logs in again with the same sessid and gets its calls back.
    sessionStorage.setItem("verto_login", JSON.stringify(state.login));
    show("Logged in as " + state.login.login);
    $("login").hidden = true;
    $("phone").hidden = false;
    return result;
  } catch (error) {
    client.close();
    state.wantConnected = error.code !== -32001;
    if (error.code === -32001) sessionStorage.removeItem("verto_login");
    show("Not logged in");
    fail(error.code === -32001 ? "Wrong user or password." : error.message);
  }
}

function disconnected() {
  if (!state.wantConnected) return;
  show("Connection lost, reconnecting…");
  setTimeout(() => { if (state.wantConnected) connect(); }, 1500);
}

function logout() {
  state.wantConnected = false;
  hangup();
  if (state.client) state.client.close();
  sessionStorage.removeItem("verto_sessid");
  sessionStorage.removeItem("verto_login");
  $("phone").hidden = true;
  $("login").hidden = false;
  show("Not logged in");
}

async function microphone() {
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  } catch (error) {
    throw new Error("No microphone: " + error.message);
  }
}

function newPeer(callID, stream) {
  const pc = new RTCPeerConnection({ iceServers: [], bundlePolicy: "max-bundle" });
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  pc.ontrack = (event) => { $("remote").srcObject = event.streams[0]; meter(event.streams[0]); };
  pc.onconnectionstatechange = () => {
    if (pc.connectionState !== "failed" || !state.call || state.call.pc !== pc) return;
    // While the socket is down the server keeps the call and offers it again (verto.attach) after we log in.
    if (!connected()) { setCallState("reconnecting"); return; }
    fail("Media connection failed.");
    hangup();
  };
  state.call = { callID, pc, stream, started: null, muted: false, held: false, state: "new" };
  return pc;
}

function gathered(pc) {
  if (pc.iceGatheringState === "complete") return Promise.resolve();
  return new Promise((resolve) => {
    pc.addEventListener("icegatheringstatechange", () => { if (pc.iceGatheringState === "complete") resolve(); });
    setTimeout(resolve, 3000);
  });
}

async function call() {
  const number = $("number").value.trim();
  if (!number || state.call) return;
  fail("");
  try {
    const pc = newPeer(crypto.randomUUID(), await microphone());
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    setCallState("calling " + number);
    controls(true);
    await state.client.call("verto.invite", {
      sdp: pc.localDescription.sdp,
      dialogParams: { callID: state.call.callID, destination_number: number, caller_id_name: state.login.login,
        caller_id_number: state.login.login.split("@")[0], remote_caller_id_number: number,
        useVideo: false, useStereo: false, screenShare: false },
    });
  } catch (error) {
    fail(error.message);
    ended();
  }
}

function serverRequest(method, params) {
  const call = state.call;
  switch (method) {
    case "verto.media":
    case "verto.answer":
      if (call && params.callID === call.callID) {
        if (params.sdp) call.pc.setRemoteDescription({ type: "answer", sdp: params.sdp }).catch((e) => fail(e.message));
        if (method === "verto.answer") { setCallState("active"); call.started = Date.now(); }
        else setCallState("early media");
      }
      return { method };
    case "verto.bye":
      if (call && params.callID === call.callID) ended(params.cause);
      return { method };
    case "verto.invite":
      incoming(params);
      return { method };
    case "verto.attach":
      reattach(params);
      return { method };
    case "verto.punt":
      state.wantConnected = false;
      fail("Logged in somewhere else.");
      return { method };
    case "verto.clientReady":
    case "verto.ping":
    default:
      return { method };
  }
}

function incoming(params) {
  if (state.call) { state.client.call("verto.bye", { dialogParams: { callID: params.callID }, cause: "USER_BUSY" }); return; }
  state.offer = params;
  $("caller").textContent = (params.caller_id_name || "") + " " + (params.caller_id_number || "");
  $("incoming").hidden = false;
  setCallState("ringing");
}

async function answer(method = "verto.answer", params = state.offer) {
  $("incoming").hidden = true;
  try {
    const pc = newPeer(params.callID, await microphone());
    await pc.setRemoteDescription({ type: "offer", sdp: params.sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    await state.client.call(method, { sdp: pc.localDescription.sdp, dialogParams: { callID: params.callID } });
    state.call.started = state.call.started || Date.now();
    setCallState("active");
    controls(true);
  } catch (error) {
    fail(error.message);
    ended();
  }
}

// The server offers a call we had before the socket dropped or the page reloaded: a new peer connection
// takes it over (the old one, if any, is dropped without a verto.bye).
function reattach(params) {
  const old = state.call;
  const started = old && old.callID === params.callID ? old.started : null;
  if (old) { state.call = null; old.pc.close(); old.stream.getTracks().forEach((t) => t.stop()); }
  answer("verto.attach", params).then(() => { if (state.call && started) state.call.started = started; });
}

function connected() {
  return Boolean(state.client && state.client.ws && state.client.ws.readyState === WebSocket.OPEN);
}

function decline() {
  $("incoming").hidden = true;
  if (state.offer) state.client.call("verto.bye", { dialogParams: { callID: state.offer.callID }, cause: "CALL_REJECTED" });
  state.offer = null;
  setCallState("idle");
}

function hangup() {
  if (!state.call) return;
  const callID = state.call.callID;
  ended();
  if (state.client) state.client.call("verto.bye", { dialogParams: { callID }, cause: "NORMAL_CLEARING" }).catch(() => {});
}

function ended(cause) {
  const call = state.call;
  state.call = null;
  if (call) { call.pc.close(); call.stream.getTracks().forEach((t) => t.stop()); }
  setCallState(cause ? "ended (" + cause + ")" : "idle");
  $("duration").textContent = "";
  controls(false);
}

function controls(inCall) {
  $("call").disabled = inCall;
  for (const id of ["hangup", "mute", "hold"]) $(id).disabled = !inCall;
}

function key(digit) {
  if (state.call) state.client.call("verto.info", { dtmf: digit, dialogParams: { callID: state.call.callID } }).catch(() => {});
  else $("number").value += digit;
}

function toggleMute() {
  const call = state.call;
  if (!call) return;
  call.muted = !call.muted;
  call.stream.getAudioTracks().forEach((t) => { t.enabled = !call.muted; });
  $("mute").setAttribute("aria-pressed", String(call.muted));
}

async function toggleHold() {
  const call = state.call;
  if (!call) return;
  const action = call.held ? "unhold" : "hold";
  try {
    await state.client.call("verto.modify", { action, dialogParams: { callID: call.callID } });
    call.held = !call.held;
    $("hold").setAttribute("aria-pressed", String(call.held));
    setCallState(call.held ? "held" : "active");
  } catch (error) { fail(error.message); }
}

function meter(stream) {
  const audio = new AudioContext();
  const analyser = audio.createAnalyser();
  analyser.fftSize = 2048;
  audio.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const frequencies = new Float32Array(analyser.frequencyBinCount);
  const tick = () => {
    analyser.getFloatTimeDomainData(samples);
    state.level = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
    analyser.getFloatFrequencyData(frequencies);
    let peak = 0;
    for (let i = 1; i < frequencies.length; i++) if (frequencies[i] > frequencies[peak]) peak = i;
    state.peakHz = peak * audio.sampleRate / analyser.fftSize;
    $("level").value = Math.min(1, state.level * 4);
    if (state.call && state.call.started) {
      const s = Math.floor((Date.now() - state.call.started) / 1000);
      $("duration").textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
    }
    requestAnimationFrame(tick);
  };
  tick();
}

$("login").addEventListener("submit", login);
$("call").addEventListener("click", call);
$("hangup").addEventListener("click", hangup);
$("answer").addEventListener("click", () => answer());
$("decline").addEventListener("click", decline);
$("mute").addEventListener("click", toggleMute);
$("hold").addEventListener("click", toggleHold);
$("logout").addEventListener("click", logout);
for (const button of document.querySelectorAll("#pad button")) {
  button.addEventListener("click", () => key(button.dataset.key));
}
// After a reload (same tab) log in again at once: the same sessid brings our calls back.
const remembered = sessionStorage.getItem("verto_login");
if (remembered) {
  try {
    state.login = JSON.parse(remembered);
    state.wantConnected = true;
    $("user").value = state.login.login;
    connect();
  } catch { sessionStorage.removeItem("verto_login"); }
}
