// Calls `destination` over Verto (web/verto.js) with a fresh RTCPeerConnection and measures the audio that comes
// back against the microphone's own tone.
"use strict";

async function run() {
  const q = params();
  const seconds = Number(q.get("seconds") || 4);
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  const local = await measure(meter(stream), 1500);
  await report("local", local);

  const pc = new RTCPeerConnection({ iceServers: [] });
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  const remote = new Promise((resolve) => { pc.ontrack = (event) => resolve(event.streams[0]); });
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  await report("offer", { sdp: pc.localDescription.sdp, userAgent: navigator.userAgent });
  if (q.get("offerOnly")) { pc.close(); return; }

  const callID = crypto.randomUUID();
  let answered;
  const answer = new Promise((resolve) => { answered = resolve; });
  const client = new VertoClient(q.get("verto"), {
    onRequest(method, p) {
      if ((method === "verto.answer" || method === "verto.media") && p.callID === callID && p.sdp) answered(p.sdp);
      if (method === "verto.bye") log("verto.bye " + JSON.stringify(p));
      return { method };
    },
  });
  await client.open();
  const user = q.get("user") || "1000";
  await client.call("login", { login: user + "@127.0.0.1", passwd: q.get("password") || "secret",
    loginParams: {}, userVariables: {} });
  const destination = q.get("destination") || "9196";
  await client.call("verto.invite", { sdp: pc.localDescription.sdp, dialogParams: { callID,
    destination_number: destination, caller_id_name: user, caller_id_number: user,
    remote_caller_id_number: destination, useVideo: false, useStereo: false, screenShare: false } });
  const sdp = await answer;
  await pc.setRemoteDescription({ type: "answer", sdp });
  const stream2 = await remote;
  play(stream2);
  const echoMeter = meter(stream2);
  await sleep(1000);
  const echo = await measure(echoMeter, seconds * 1000);
  const stats = {};
  (await pc.getStats()).forEach((s) => {
    if (s.type === "inbound-rtp" && s.kind === "audio") stats.packetsReceived = s.packetsReceived;
    if (s.type === "outbound-rtp" && s.kind === "audio") {
      // What the browser's Opus encoder was set up for (the answer's maxplaybackrate reaches it in Chromium).
      Object.assign(stats, { packetsSent: s.packetsSent, bytesSent: s.bytesSent, targetBitrate: s.targetBitrate });
    }
  });
  echo.iceConnectionState = pc.iceConnectionState;
  echo.connectionState = pc.connectionState;
  echo.stats = stats;
  echo.answer = sdp;
  await client.call("verto.bye", { dialogParams: { callID }, cause: "NORMAL_CLEARING" });
  pc.close();
  client.close();
  await report("echo", echo);
}

run().catch((error) => report("error", { message: String(error && error.stack || error) }));
