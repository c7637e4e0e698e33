import Foundation
@testable import SDP

/// Real SDP captured from real clients on this project's test machine (see `Fixtures/README.md`).
enum CapturedSDP {
    static let chromiumOffer = "chromium-offer"
    static let chromiumOfferMaxBundleVideo = "chromium-offer-max-bundle-video"
    static let chromiumAnswer = "chromium-answer"
    static let aiortcOffer = "aiortc-offer"
    static let aiortcOfferAudioVideo = "aiortc-offer-audio-video"
    static let aiortcOfferAudioDataChannel = "aiortc-offer-audio-datachannel"
    static let aiortcAnswer = "aiortc-answer"
    static let aiortcAnswerToSwitchboard = "aiortc-answer-to-switchboard"
    static let switchboardOfferForChromium = "switchboard-offer-for-chromium"
    static let switchboardOfferForAiortc = "switchboard-offer-for-aiortc"
    static let firefoxOffer = "firefox-offer"
    static let chromiumOfferVertoPage = "chromium-offer-verto-page"
    static let baresipOfferDTLSSRTP = "baresip-offer-dtls-srtp"
    static let baresipOfferDTLSSRTPICE = "baresip-offer-dtls-srtp-ice"

    /// Every captured browser/aiortc offer.
    static let offers = [chromiumOffer, chromiumOfferMaxBundleVideo, aiortcOffer, aiortcOfferAudioVideo,
                         aiortcOfferAudioDataChannel, firefoxOffer, chromiumOfferVertoPage]
    static let all = offers + [baresipOfferDTLSSRTP, baresipOfferDTLSSRTPICE, chromiumAnswer, aiortcAnswer, aiortcAnswerToSwitchboard,
                               switchboardOfferForChromium, switchboardOfferForAiortc]

    /// The file's text, byte for byte.
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "sdp", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func parsed(_ name: String) throws -> SessionDescription {
        try SessionDescription(parsing: text(name))
    }

    /// Our side of the WebRTC tests: the credentials and fingerprint in the Switchboard offers.
    static let ourFingerprint = SDPFingerprint(attributeValue:
        "sha-256 D7:72:57:1F:FC:9B:03:FB:89:00:DC:D3:98:A8:8C:30:A5:19:D0:7E:3E:F6:75:C8:84:F2:B9:06:17:3F:30:55")!
    static func transport(
        address: String = "203.0.113.5", port: UInt16 = 40000, fingerprint: SDPFingerprint = ourFingerprint
    ) -> SDPWebRTCTransport {
        SDPWebRTCTransport(
            iceUfrag: "Sb3xKq9Z", icePwd: "9fQmV2a7Lw0pXrT4yN8sB1cE",
            candidates: ["1 1 udp 2130706431 \(address) \(port) typ host"], fingerprints: [fingerprint])
    }
}
