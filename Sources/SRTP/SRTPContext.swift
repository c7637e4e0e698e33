internal import CSRTP
#if canImport(Glibc)
import Glibc
#endif

/// SRTP/SRTCP protection for one call leg (RFC 3711), backed by libsrtp2.
///
/// Holds two libsrtp sessions: one for what we send (`ssrc_any_outbound`) and one for what we
/// receive (`ssrc_any_inbound`). A single `srtp_t` may hold only one wildcard policy, so the two
/// directions cannot share a session.
///
/// Not thread-safe: libsrtp keeps per-stream state (rollover counter, replay window), so use a
/// context from one thread (one event loop) at a time.
public final class SRTPContext {
    public let profile: SRTPProfile
    private let sendSession: srtp_t
    private let receiveSession: srtp_t

    /// `srtp_init` runs once per process, the first time a context is created. Swift initializes
    /// static stored properties exactly once, thread-safely.
    static let libraryInitialization: UInt32 = srtp_init().rawValue

    /// The crypto libsrtp2 runs for AES-CM, AES-GCM and HMAC-SHA1: OpenSSL's (``SRTPCryptoKernel``) unless one of
    /// its types failed the kernel's self-test, or the environment says `SWITCHBOARD_SRTP_CRYPTO=library` (to
    /// compare the two in one build). Decided once, before the first session.
    public static let cryptoImplementation: SRTPCryptoImplementation = {
        guard libraryInitialization == srtp_err_status_ok.rawValue else { return .library }
        if let wanted = getenv("SWITCHBOARD_SRTP_CRYPTO"), String(cString: wanted) == "library" { return .library }
        return SRTPCryptoKernel.installOpenSSL()
    }()

    /// - Parameters:
    ///   - send: the keys protecting packets we send (our write keys).
    ///   - receive: the keys of the peer's packets (the peer's write keys).
    ///   - replayWindowSize: SRTP replay window in packets (RFC 3711 §3.3.2; libsrtp allows 64...32767).
    public init(
        profile: SRTPProfile, send: SRTPKeyingMaterial, receive: SRTPKeyingMaterial, replayWindowSize: Int = 1024
    ) throws(SRTPError) {
        let status = Self.libraryInitialization
        guard status == srtp_err_status_ok.rawValue else { throw SRTPError(.initializationFailed, status: status) }
        _ = Self.cryptoImplementation
        for keys in [send, receive] {
            guard keys.masterKey.count == profile.masterKeyLength, keys.masterSalt.count == profile.masterSaltLength
            else { throw SRTPError(.badParameter, status: srtp_err_status_bad_param.rawValue) }
        }
        self.profile = profile
        sendSession = try Self.makeSession(profile, send, ssrc_any_outbound, window: replayWindowSize)
        do {
            receiveSession = try Self.makeSession(profile, receive, ssrc_any_inbound, window: replayWindowSize)
        } catch {
            srtp_dealloc(sendSession)
            throw error
        }
    }

    deinit {
        srtp_dealloc(sendSession)
        srtp_dealloc(receiveSession)
    }

    /// Encrypts and authenticates an RTP packet (RFC 3711 §3.3), returning the SRTP packet.
    public func protect(_ rtp: [UInt8]) throws(SRTPError) -> [UInt8] {
        guard rtp.count >= 12 else { throw SRTPError(.malformedPacket, status: 0) }
        return try transform(rtp, extra: Int(shim_srtp_max_trailer_len())) { buffer, length in
            srtp_protect(sendSession, buffer, length)
        }
    }

    /// Octets an SRTP packet grows by at most without MKI (the 16-octet GCM tag; HMAC-SHA1-80 adds 10), and 4
    /// more for SRTCP's index word. A buffer with this much spare capacity is protected without allocating.
    public static let tagRoom = 16
    public static let rtcpTagRoom = 20

    /// In place: the RTP packet in `packet` becomes its SRTP form. With ``tagRoom`` octets of spare capacity
    /// (`RTPPacket.serialize()` leaves them) nothing is allocated.
    public func protect(_ packet: inout [UInt8]) throws(SRTPError) {
        guard packet.count >= 12 else { throw SRTPError(.malformedPacket, status: 0) }
        try transform(&packet, extra: Self.tagRoom) { buffer, length in srtp_protect(sendSession, buffer, length) }
    }

    /// In place: the SRTP packet in `packet` becomes the plain RTP packet (no allocation).
    public func unprotect(_ packet: inout [UInt8]) throws(SRTPError) {
        guard packet.count >= 12 else { throw SRTPError(.malformedPacket, status: 0) }
        try transform(&packet, extra: 0) { buffer, length in srtp_unprotect(receiveSession, buffer, length) }
    }

    /// Verifies and decrypts an SRTP packet from the peer, returning the RTP packet.
    /// - Throws: ``SRTPError`` `.authenticationFailed` for a forged or corrupted packet, `.replayed`
    ///   for a duplicate; drop the packet in both cases.
    public func unprotect(_ srtp: [UInt8]) throws(SRTPError) -> [UInt8] {
        guard srtp.count >= 12 else { throw SRTPError(.malformedPacket, status: 0) }
        return try transform(srtp, extra: 0) { buffer, length in
            srtp_unprotect(receiveSession, buffer, length)
        }
    }

    /// Encrypts and authenticates a (compound) RTCP packet (RFC 3711 §3.4), appending the
    /// E-flag/SRTCP index word and the tag.
    public func protectRTCP(_ rtcp: [UInt8]) throws(SRTPError) -> [UInt8] {
        guard rtcp.count >= 8 else { throw SRTPError(.malformedPacket, status: 0) }
        return try transform(rtcp, extra: Int(shim_srtp_max_srtcp_trailer_len())) { buffer, length in
            srtp_protect_rtcp(sendSession, buffer, length)
        }
    }

    /// Verifies and decrypts an SRTCP packet from the peer.
    public func unprotectRTCP(_ srtcp: [UInt8]) throws(SRTPError) -> [UInt8] {
        guard srtcp.count >= 8 else { throw SRTPError(.malformedPacket, status: 0) }
        return try transform(srtcp, extra: 0) { buffer, length in
            srtp_unprotect_rtcp(receiveSession, buffer, length)
        }
    }

    // MARK: - Private

    /// Runs libsrtp on `packet` itself, grown by `extra` octets for the trailer and cut to the length libsrtp
    /// reports; on failure `packet` is left as it was in length (its octets may have been transformed).
    private func transform(
        _ packet: inout [UInt8], extra: Int,
        _ body: (UnsafeMutableRawPointer, UnsafeMutablePointer<Int32>) -> srtp_err_status_t
    ) throws(SRTPError) {
        let count = packet.count
        // Room for the trailer, appended from zeros on the stack: one copy, no allocation, no reference counting (a
        // generic `repeatElement` append cost as much as AES-GCM itself, a shared zero array ~20 ns of retain/release).
        if extra > 0 {
            var zeros: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeBytes(of: &zeros) { raw in
                packet.append(contentsOf: UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[..<extra]))
            }
        }
        var length = Int32(count)
        let status = packet.withUnsafeMutableBytes { raw in body(raw.baseAddress!, &length) }
        guard status == srtp_err_status_ok else {
            packet.removeLast(packet.count - count)
            throw SRTPError(status: status.rawValue)
        }
        packet.removeLast(packet.count - Int(length))
    }

    /// Runs libsrtp on a copy of `packet` made in one allocation with room for `extra` trailer octets, and
    /// returns exactly the octets libsrtp reports (no zero-fill, no append, no trim).
    private func transform(
        _ packet: [UInt8], extra: Int, _ body: (UnsafeMutableRawPointer, UnsafeMutablePointer<Int32>) -> srtp_err_status_t
    ) throws(SRTPError) -> [UInt8] {
        var status = srtp_err_status_ok
        let result = [UInt8](unsafeUninitializedCapacity: packet.count + extra) { buffer, initialized in
            let base = buffer.baseAddress!
            packet.withUnsafeBufferPointer { source in
                base.initialize(from: source.baseAddress!, count: source.count)
            }
            var length = Int32(packet.count)
            status = body(UnsafeMutableRawPointer(base), &length)
            initialized = status == srtp_err_status_ok ? Int(length) : 0
        }
        guard status == srtp_err_status_ok else { throw SRTPError(status: status.rawValue) }
        return result
    }

    private static func makeSession(
        _ profile: SRTPProfile, _ keys: SRTPKeyingMaterial, _ direction: srtp_ssrc_type_t, window: Int
    ) throws(SRTPError) -> srtp_t {
        var policy = srtp_policy_t()
        switch profile {
        case .aesCM128HMACSHA1_80:
            // srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80 is a macro for this.
            srtp_crypto_policy_set_rtp_default(&policy.rtp)
            srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
        case .aeadAES128GCM:
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
            srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp)
        }
        policy.ssrc.type = direction
        policy.window_size = UInt(window)
        policy.allow_repeat_tx = 0
        var key = keys.masterKey + keys.masterSalt   // libsrtp expects key || salt and copies it
        defer { for i in key.indices { key[i] = 0 } }
        var session: srtp_t?
        let status = key.withUnsafeMutableBufferPointer { buffer in
            policy.key = buffer.baseAddress
            return srtp_create(&session, &policy)
        }
        guard status == srtp_err_status_ok, let session else {
            throw SRTPError(status: status == srtp_err_status_ok ? srtp_err_status_alloc_fail.rawValue : status.rawValue)
        }
        return session
    }
}
