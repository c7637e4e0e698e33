/// RFC 7587 §6.1 sample-rate hints on an Opus answer not yet sent.
extension SDPNegotiator {
    /// Narrows our Opus answer to audio of `sampleRate` (8000 for a leg whose audio goes to and comes from
    /// G.711): `maxplaybackrate` asks the peer's encoder for no wider audio (a browser then encodes narrowband,
    /// RFC 7587 §3.1.1, which costs it and us a fraction of the full-band decode) and `sprop-maxcapturerate`
    /// says ours carries none. This is FreeSWITCH's `opus@8000h`, chosen per call.
    ///
    /// Only for an answer that has not been sent (RFC 3264 §8: the session version stays). Returns `answer`
    /// unchanged when its codec is not Opus or it is no longer our last description.
    public mutating func limitingOpusAudio(of answer: SDPAnswer, toSampleRate sampleRate: Int) -> SDPAnswer {
        guard answer.media.encodingName.lowercased() == "opus", localDescription == answer.description else {
            return answer
        }
        var limited = answer
        let payloadType = String(answer.media.payloadType)
        for index in limited.description.media.indices
        where limited.description.media[index].formats.contains(payloadType) && limited.description.media[index].port != 0 {
            Self.setOpusRates(in: &limited.description.media[index], payloadType: payloadType, sampleRate: sampleRate)
        }
        localDescription = limited.description
        return limited
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// Rewrites (or adds) the `a=fmtp` of `payloadType` with both rates, keeping every other parameter.
    static func setOpusRates(in media: inout MediaDescription, payloadType: String, sampleRate: Int) {
        let prefix = payloadType + " "
        if let index = media.attributes.firstIndex(where: { $0.name == "fmtp" && ($0.value ?? "").hasPrefix(prefix) }) {
            let parameters = (media.attributes[index].value ?? "").dropFirst(prefix.count)
            media.attributes[index].value = prefix + opusParameters(parameters, sampleRate: sampleRate)
        } else {
            let value = prefix + opusParameters(nil, sampleRate: sampleRate)
            let after = media.attributes.lastIndex { $0.name == "rtpmap" }.map { $0 + 1 } ?? media.attributes.endIndex
            media.attributes.insert(SDPAttribute("fmtp", value), at: after)
        }
    }

    /// `parameters` (an fmtp's `k=v;…`) with `maxplaybackrate` and `sprop-maxcapturerate` set to `sampleRate`.
    static func opusParameters(_ parameters: Substring?, sampleRate: Int) -> String {
        let rates = [("maxplaybackrate", String(sampleRate)), ("sprop-maxcapturerate", String(sampleRate))]
        var kept = (parameters ?? "").split(separator: ";").map(Self.trimmed)
            .filter { item in !item.isEmpty && !rates.contains { item.lowercased().hasPrefix($0.0 + "=") } }
        kept += rates.map { "\($0.0)=\($0.1)" }
        return kept.joined(separator: ";")
    }
}

extension SDPCodec {
    /// This codec offered for audio no wider than `sampleRate` (RFC 7587 §6.1 `maxplaybackrate` and
    /// `sprop-maxcapturerate`), when it is Opus; other codecs are returned as they are. For an offer to a browser
    /// whose audio will be transcoded to G.711.
    public func limitingOpusAudio(toSampleRate sampleRate: Int) -> SDPCodec {
        guard encodingName.lowercased() == "opus" else { return self }
        var limited = self
        limited.formatParameters = SDPNegotiator.opusParameters(formatParameters?[...], sampleRate: sampleRate)
        return limited
    }
}
