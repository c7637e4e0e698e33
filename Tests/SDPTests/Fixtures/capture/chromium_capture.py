"""Capture real Chromium SDP (offers and an answer to Switchboard's offer) with pip playwright driving
Debian's /usr/bin/chromium (TESTING.md §3). Usage: python chromium_capture.py OUTDIR WAV"""
import json, os, sys
from playwright.sync_api import sync_playwright
from switchboard_offer import offer
out, wav = sys.argv[1], sys.argv[2]
args = ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}", "--autoplay-policy=no-user-gesture-required",
        "--allow-loopback-in-peer-connection"]
JS = r"""
async ([mode, remoteOffer]) => {
  const gathered = pc => new Promise(r => { if (pc.iceGatheringState === 'complete') r();
      pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && r(); });
  const pc = new RTCPeerConnection({iceServers: [], bundlePolicy: mode === 'max-bundle' ? 'max-bundle' : 'balanced'});
  if (mode === 'mdns') { pc.addTransceiver('audio', {direction: 'sendrecv'}); }
  else {
    const s = await navigator.mediaDevices.getUserMedia({audio: true});
    s.getTracks().forEach(t => pc.addTrack(t, s));
    if (mode === 'max-bundle') pc.addTransceiver('video', {direction: 'recvonly'});
  }
  if (mode === 'answer') {
    await pc.setRemoteDescription({type: 'offer', sdp: remoteOffer});
    await pc.setLocalDescription(await pc.createAnswer());
  } else {
    await pc.setLocalDescription(await pc.createOffer());
  }
  await gathered(pc);
  return pc.localDescription.sdp;
}"""
with sync_playwright() as p:
    b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
    ours = offer()
    for mode, name in (("gum", "chromium-offer.sdp"), ("mdns", "chromium-offer-mdns.sdp"),
                       ("max-bundle", "chromium-offer-max-bundle-video.sdp"), ("answer", "chromium-answer.sdp")):
        page = b.new_context().new_page()   # fresh context: no getUserMedia grant → mDNS host candidates
        page.goto("http://127.0.0.1:%s/" % os.environ.get("PORT", "8093"))
        sdp = page.evaluate(JS, [mode, ours])
        with open(os.path.join(out, name), "w", newline="") as f: f.write(sdp)
        print("wrote", name, len(sdp))
    with open(os.path.join(out, "switchboard-offer-for-chromium.sdp"), "w", newline="") as f: f.write(ours)
    print("browser", b.version)
    b.close()
