import Testing
@testable import SDP

/// RFC 7587 §6.1 sample-rate hints (`maxplaybackrate`, `sprop-maxcapturerate`) on an Opus answer before it is sent:
/// ``SDPNegotiator/limitingOpusAudio(of:toSampleRate:)``, which a bridge to a G.711 phone uses.
@Suite struct RFC7587Tests {
    private func answered(_ fixture: String, codecs: [SDPCodec] = [.opus, .pcmu, .pcma]) throws -> (SDPNegotiator, SDPAnswer) {
        var negotiator = SDPNegotiator(configuration: .init(
            localAddress: "203.0.113.5", sessionID: "1700000000", webRTCCodecs: codecs))
        let answer = try negotiator.answer(
            toOffer: CapturedSDP.parsed(fixture), localPort: 40000, webRTC: CapturedSDP.transport())
        return (negotiator, answer)
    }

    private func opusFormatParameters(_ answer: SDPAnswer) -> String? {
        answer.description.media.first?.formatParameters(for: answer.media.payloadType)
    }

    @Test("the Opus fmtp keeps its parameters and gains both rates; the session version does not move")
    func narrowsTheOpusAnswer() throws {
        var (negotiator, answer) = try answered(CapturedSDP.chromiumOffer)
        let limited = negotiator.limitingOpusAudio(of: answer, toSampleRate: 8000)
        #expect(opusFormatParameters(limited) == "minptime=10;useinbandfec=1;maxplaybackrate=8000;sprop-maxcapturerate=8000")
        #expect(limited.description.origin.sessionVersion == answer.description.origin.sessionVersion)
        #expect(limited.media == answer.media)
        #expect(negotiator.localDescription == limited.description)
        // Only the fmtp line differs from the answer as made.
        let before = answer.description.serialize().split(separator: "\r\n")
        let after = limited.description.serialize().split(separator: "\r\n")
        #expect(zip(before, after).filter { $0 != $1 }.map { String($0.1) }
            == ["a=fmtp:111 minptime=10;useinbandfec=1;maxplaybackrate=8000;sprop-maxcapturerate=8000"])
        answer = limited
        // Applying it again changes nothing (the rates are replaced, not repeated).
        #expect(negotiator.limitingOpusAudio(of: answer, toSampleRate: 8000) == limited)
    }

    @Test("aiortc's Opus (PT 96) comes without fmtp in our answer's source: one is added after the rtpmaps")
    func addsAnFMTPWhenThereIsNone() throws {
        var media = MediaDescription(
            media: "audio", port: 9, proto: "UDP/TLS/RTP/SAVPF", formats: ["96"],
            attributes: [SDPAttribute("rtpmap", "96 opus/48000/2"), SDPAttribute("ptime", "20")])
        SDPNegotiator.setOpusRates(in: &media, payloadType: "96", sampleRate: 16000)
        #expect(media.attributes.map(\.name) == ["rtpmap", "fmtp", "ptime"])
        #expect(media.formatParameters(for: 96) == "maxplaybackrate=16000;sprop-maxcapturerate=16000")
    }

    @Test("an earlier maxplaybackrate is replaced, with spaces after the semicolons tolerated")
    func replacesEarlierRates() {
        var media = MediaDescription(
            media: "audio", port: 9, proto: "UDP/TLS/RTP/SAVPF", formats: ["111"],
            attributes: [SDPAttribute("fmtp", "111 maxplaybackrate=48000; stereo=0; sprop-maxcapturerate=48000")])
        SDPNegotiator.setOpusRates(in: &media, payloadType: "111", sampleRate: 8000)
        #expect(media.formatParameters(for: 111) == "stereo=0;maxplaybackrate=8000;sprop-maxcapturerate=8000")
    }

    @Test("a G.711 answer is left as it is")
    func leavesG711Alone() throws {
        var (negotiator, answer) = try answered(CapturedSDP.chromiumOffer, codecs: [.pcmu, .pcma])
        #expect(answer.media.encodingName == "PCMU")
        #expect(negotiator.limitingOpusAudio(of: answer, toSampleRate: 8000) == answer)
    }

    @Test("an answer that is no longer our last description is not rewritten")
    func leavesASupersededAnswerAlone() throws {
        var (negotiator, answer) = try answered(CapturedSDP.chromiumOffer)
        _ = try negotiator.answer(
            toOffer: CapturedSDP.parsed(CapturedSDP.chromiumOffer), localPort: 40002, webRTC: CapturedSDP.transport())
        #expect(negotiator.limitingOpusAudio(of: answer, toSampleRate: 8000) == answer)
    }

    @Test("an Opus codec to offer gains both rates after its own parameters; G.711 is unchanged")
    func limitsAnOpusCodecToOffer() {
        let limited = SDPCodec.opus.limitingOpusAudio(toSampleRate: 8000)
        #expect(limited.formatParameters == "minptime=10;useinbandfec=1;maxplaybackrate=8000;sprop-maxcapturerate=8000")
        #expect(limited.payloadType == SDPCodec.opus.payloadType && limited.encodingName == "opus")
        #expect(SDPCodec.pcmu.limitingOpusAudio(toSampleRate: 8000) == .pcmu)
        var negotiator = SDPNegotiator(configuration: .init(
            localAddress: "203.0.113.5", sessionID: "1", webRTCCodecs: [limited, .pcmu]))
        let offer = negotiator.makeOffer(localPort: 40000, webRTC: CapturedSDP.transport())
        #expect(offer.media.first?.formatParameters(for: 111) == limited.formatParameters)
    }
}
