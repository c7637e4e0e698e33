"""Capture real aiortc SDP for Switchboard's SDP golden fixtures.

Writes aiortc-offer.sdp (audio-only offer with a sendrecv audio track), aiortc-answer.sdp (aiortc answering a
Chrome-style offer is not needed; this is aiortc answering an aiortc offer), and
aiortc-offer-audio-video.sdp (audio + video transceivers, so the server must reject the video m-line).
Host candidates are pinned to 127.0.0.1 (TESTING.md §4)."""
import asyncio, sys, os
import aioice.ice
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]
import aiortc
from aiortc import RTCPeerConnection, RTCConfiguration
from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack

out = sys.argv[1]

def write(name, sdp):
    with open(os.path.join(out, name), "w", newline="") as f:
        f.write(sdp)
    print("wrote", name, len(sdp))

async def main():
    cfg = RTCConfiguration(iceServers=[])
    a, b = RTCPeerConnection(cfg), RTCPeerConnection(cfg)
    a.addTrack(AudioStreamTrack())
    await a.setLocalDescription(await a.createOffer())
    write("aiortc-offer.sdp", a.localDescription.sdp)
    await b.setRemoteDescription(a.localDescription)
    b.addTrack(AudioStreamTrack())
    await b.setLocalDescription(await b.createAnswer())
    write("aiortc-answer.sdp", b.localDescription.sdp)
    await a.close(); await b.close()

    c = RTCPeerConnection(cfg)
    c.addTrack(AudioStreamTrack()); c.addTrack(VideoStreamTrack())
    await c.setLocalDescription(await c.createOffer())
    write("aiortc-offer-audio-video.sdp", c.localDescription.sdp)
    await c.close()
    print("aiortc", aiortc.__version__)

asyncio.run(main())

from switchboard_offer import offer as switchboard_offer
from aiortc import RTCSessionDescription

async def answer_ours():
    ours = switchboard_offer()
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    await pc.setRemoteDescription(RTCSessionDescription(sdp=ours, type="offer"))
    pc.addTrack(AudioStreamTrack())
    await pc.setLocalDescription(await pc.createAnswer())
    write("switchboard-offer-for-aiortc.sdp", ours)
    write("aiortc-answer-to-switchboard.sdp", pc.localDescription.sdp)
    await pc.close()

asyncio.run(answer_ours())
