// Real-world-shaped SDP bodies used by the SDP tests. They were written by hand in the shape each
// client emits (baresip 1.x/2.x, SIPp's default uac scenario, Chrome 120+ audio-only offer); ids,
// keys, fingerprints and addresses are replaced with made-up values in private/documentation ranges.

enum SDPFixtures {
    /// baresip-style INVITE offer (PCMU first, telephone-event 101), LF line endings.
    static let baresipOffer = """
        v=0
        o=- 1839126378 4134267262 IN IP4 192.168.1.20
        s=-
        c=IN IP4 192.168.1.20
        t=0 0
        m=audio 10008 RTP/AVP 0 8 101
        b=AS:64
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=sendrecv
        a=label:1
        a=ssrc:2738124963 cname:f1e2d3c4-aaaa-bbbb-cccc-0123456789ab
        a=rtcp-rsize

        """

    /// SIPp `uac_pcap` style offer: PCMA only with telephone-event, CRLF endings, no rtpmap for 8.
    static let sippOffer = "v=0\r\no=user1 53655765 2353687637 IN IP4 10.0.0.5\r\ns=-\r\n"
        + "c=IN IP4 10.0.0.5\r\nt=0 0\r\nm=audio 6000 RTP/AVP 8 101\r\n"
        + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-11,16\r\n"

    /// Chrome-like WebRTC audio offer: many attributes that must round-trip verbatim.
    static let chromeOffer = """
        v=0\r
        o=- 4611731400430051336 2 IN IP4 127.0.0.1\r
        s=-\r
        t=0 0\r
        a=group:BUNDLE 0\r
        a=extmap-allow-mixed\r
        a=msid-semantic: WMS 3f9e4c1e-8d0a-4e1b-9c5e-2a7b6f0e1d2c\r
        m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r
        c=IN IP4 0.0.0.0\r
        a=rtcp:9 IN IP4 0.0.0.0\r
        a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 network-id 1\r
        a=ice-ufrag:F7gI\r
        a=ice-pwd:x9cml/YzichV2+XlhiMu8g6V\r
        a=ice-options:trickle\r
        a=fingerprint:sha-256 49:66:12:17:0D:1C:91:AE:57:4C:C6:98:55:23:87:4B:6F:2B:04:A8:1D:E4:D9:9F:2B:0B:2A:A2:2E:3B:8C:55\r
        a=setup:actpass\r
        a=mid:0\r
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r
        a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r
        a=sendrecv\r
        a=msid:3f9e4c1e-8d0a-4e1b-9c5e-2a7b6f0e1d2c 9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4\r
        a=rtcp-mux\r
        a=rtcp-rsize\r
        a=rtpmap:111 opus/48000/2\r
        a=rtcp-fb:111 transport-cc\r
        a=fmtp:111 minptime=10;useinbandfec=1\r
        a=rtpmap:63 red/48000/2\r
        a=fmtp:63 111/111\r
        a=rtpmap:9 G722/8000\r
        a=rtpmap:0 PCMU/8000\r
        a=rtpmap:8 PCMA/8000\r
        a=rtpmap:13 CN/8000\r
        a=rtpmap:110 telephone-event/48000\r
        a=rtpmap:126 telephone-event/8000\r
        a=ssrc:3735928559 cname:Yq3Kp1+1kq7oXb2n\r
        a=ssrc:3735928559 msid:3f9e4c1e-8d0a-4e1b-9c5e-2a7b6f0e1d2c 9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4\r

        """
}
