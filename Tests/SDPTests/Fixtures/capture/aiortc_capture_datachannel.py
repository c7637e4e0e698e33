"""Capture an aiortc offer with an audio track and a data channel (m=application must be rejected).
Usage: python aiortc_capture_datachannel.py OUTDIR"""
import asyncio, os, sys
import aioice.ice
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]
from aiortc import RTCPeerConnection, RTCConfiguration
from aiortc.mediastreams import AudioStreamTrack

async def main(out):
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTrack(AudioStreamTrack())
    pc.createDataChannel("chat")
    await pc.setLocalDescription(await pc.createOffer())
    with open(os.path.join(out, "aiortc-offer-audio-datachannel.sdp"), "w", newline="") as f:
        f.write(pc.localDescription.sdp)
    await pc.close()

asyncio.run(main(sys.argv[1]))
