/// A libsrtp failure (`srtp_err_status_t`).
public struct SRTPError: Error, Hashable, CustomStringConvertible {
    /// What went wrong, grouped for callers: authentication and replay failures are expected on
    /// the wire (drop the packet); the rest are configuration errors.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: Sendable, Hashable { case auth, replay, badParameter, malformed, initialization, other }
        private let code: Code

        /// The authentication tag did not verify (`srtp_err_status_auth_fail`, RFC 3711 §3.3 step 5).
        public static let authenticationFailed = Kind(code: .auth)
        /// The packet index was seen before or is behind the replay window (RFC 3711 §3.3.2).
        public static let replayed = Kind(code: .replay)
        /// Wrong key/salt length or unsupported policy (`srtp_err_status_bad_param`).
        public static let badParameter = Kind(code: .badParameter)
        /// The packet is too short or does not parse as RTP/RTCP.
        public static let malformedPacket = Kind(code: .malformed)
        /// `srtp_init` failed.
        public static let initializationFailed = Kind(code: .initialization)
        /// Any other libsrtp status; see ``SRTPError/status``.
        public static let other = Kind(code: .other)

        public var description: String {
            switch code {
            case .auth: "authenticationFailed"
            case .replay: "replayed"
            case .badParameter: "badParameter"
            case .malformed: "malformedPacket"
            case .initialization: "initializationFailed"
            case .other: "other"
            }
        }
    }

    public let kind: Kind
    /// The raw `srtp_err_status_t` value (0 when the error was detected before calling libsrtp).
    public let status: UInt32

    public init(_ kind: Kind, status: UInt32) {
        self.kind = kind
        self.status = status
    }

    /// Maps a libsrtp status code (see `srtp_err_status_t` in `srtp2/srtp.h`).
    init(status: UInt32) {
        switch status {
        case 7: self.init(.authenticationFailed, status: status)
        case 9, 10: self.init(.replayed, status: status)
        case 2: self.init(.badParameter, status: status)
        case 21: self.init(.malformedPacket, status: status)
        case 5: self.init(.initializationFailed, status: status)
        default: self.init(.other, status: status)
        }
    }

    public var description: String { "SRTPError(\(kind), status \(status))" }
}
