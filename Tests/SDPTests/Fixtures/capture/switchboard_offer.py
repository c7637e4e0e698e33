"""The WebRTC offer Switchboard's SDPNegotiator.makeOffer(profile: .webRTC) writes (hand-written to match it),
with a real DTLS certificate fingerprint from aiortc so answerers accept it."""
from aiortc.rtcdtlstransport import RTCCertificate
def offer():
    fp = RTCCertificate.generateCertificate().getFingerprints()[0]
    lines = ["v=0", "o=Switchboard 1700000000 1700000000 IN IP4 127.0.0.1", "s=Switchboard",
             "c=IN IP4 127.0.0.1", "t=0 0", "a=ice-lite", "a=group:BUNDLE 0",
             "m=audio 40000 UDP/TLS/RTP/SAVPF 111 0 8 110 101",
             "a=mid:0", "a=ice-ufrag:Sb3xKq9Z", "a=ice-pwd:9fQmV2a7Lw0pXrT4yN8sB1cE",
             f"a=fingerprint:{fp.algorithm} {fp.value}", "a=setup:actpass", "a=rtcp-mux",
             "a=rtpmap:111 opus/48000/2", "a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000",
             "a=rtpmap:110 telephone-event/48000", "a=rtpmap:101 telephone-event/8000",
             "a=fmtp:111 minptime=10;useinbandfec=1", "a=fmtp:110 0-16", "a=fmtp:101 0-16",
             "a=ptime:20", "a=sendrecv",
             "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host", "a=end-of-candidates"]
    return "\r\n".join(lines) + "\r\n"
if __name__ == "__main__":
    print(offer(), end="")
