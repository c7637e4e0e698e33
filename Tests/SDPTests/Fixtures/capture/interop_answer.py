"""Feed Switchboard's answers (scratch sdpanswer binary) to Chromium and aiortc: setRemoteDescription must accept them."""
import asyncio, json, subprocess, sys
from playwright.sync_api import sync_playwright
BIN = "/work/scratch-sdp/.build/debug/sdpanswer"
FP = "sha-256 " + ":".join(["AB"] * 32)
def answer(offer, msid=False):
    out = subprocess.run([BIN, FP] + (["msid"] if msid else []), input=offer, capture_output=True, text=True).stdout
    assert not out.startswith("ERROR"), out
    return out
JS = r"""
async ([mode, step, answerSdp]) => {
  if (step === 'offer') {
    const pc = new RTCPeerConnection({iceServers: [], bundlePolicy: mode === 'max-bundle' ? 'max-bundle' : 'balanced'});
    window.pc = pc; window.tracks = [];
    pc.ontrack = e => window.tracks.push({kind: e.track.kind, streams: e.streams.map(s => s.id)});
    const s = await navigator.mediaDevices.getUserMedia({audio: true});
    s.getTracks().forEach(t => pc.addTrack(t, s));
    if (mode === 'max-bundle') { pc.addTransceiver('video', {direction: 'recvonly'}); pc.createDataChannel('x'); }
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise(r => { if (pc.iceGatheringState === 'complete') r(); pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && r(); });
    return pc.localDescription.sdp;
  }
  try { await window.pc.setRemoteDescription({type: 'answer', sdp: answerSdp}); }
  catch (e) { return {ok: false, error: String(e)}; }
  const tr = window.pc.getTransceivers().map(t => ({mid: t.mid, kind: t.receiver.track.kind, current: t.currentDirection}));
  return {ok: true, signaling: window.pc.signalingState, transceivers: tr, tracks: window.tracks,
          codecs: window.pc.getTransceivers()[0].sender.getParameters().codecs.map(c => c.mimeType + '/' + c.payloadType)};
}"""
args = ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        "--use-file-for-fake-audio-capture=" + sys.argv[1], "--allow-loopback-in-peer-connection"]
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
    for mode in ("balanced", "max-bundle"):
        for msid in (False, True):
            page = b.new_context().new_page(); page.goto("http://127.0.0.1:8093/")
            offer = page.evaluate(JS, [mode, "offer", ""])
            print("chromium", mode, "msid" if msid else "", json.dumps(page.evaluate(JS, [mode, "answer", answer(offer, msid)])))
    b.close()

import aioice.ice
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]
from aiortc import RTCPeerConnection, RTCConfiguration, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack
async def aiortc_check():
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTrack(AudioStreamTrack())
    await pc.setLocalDescription(await pc.createOffer())
    await pc.setRemoteDescription(RTCSessionDescription(sdp=answer(pc.localDescription.sdp), type="answer"))
    print("aiortc", pc.signalingState, [(t.mid, t.currentDirection) for t in pc.getTransceivers()])
    await pc.close()
asyncio.run(aiortc_check())
