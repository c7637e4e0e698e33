internal import COpenSSL

/// Why a DTLS association failed, or could not be created.
public struct DTLSFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure: callers tear the media session down in every case, but log and count them apart.
    public enum Kind: String, Sendable, Hashable {
        /// The peer certificate does not match the SDP `a=fingerprint` (RFC 5763 §5, RFC 8122 §5).
        case fingerprintMismatch
        /// The handshake completed without a `use_srtp` profile we support (RFC 5764 §4.1.1).
        case noSRTPProfile
        /// OpenSSL rejected the handshake or a record, or the peer sent a fatal alert.
        case handshake
        /// Keying material export failed (RFC 5705).
        case keyExport
        /// The certificate, key or OpenSSL context could not be set up.
        case configuration
    }

    public let kind: Kind
    /// Human-readable detail, e.g. OpenSSL's error-queue text (`ERR_error_string_n`).
    public let reason: String

    public init(_ kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "DTLSFailure(\(kind.rawValue)): \(reason)" }

    /// Drains the thread's OpenSSL error queue into one line and clears it; `fallback` if it was empty.
    static func openSSLErrors(_ fallback: String) -> String {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons.isEmpty ? fallback : reasons.joined(separator: "; ")
    }
}
