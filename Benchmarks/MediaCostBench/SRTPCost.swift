import CSRTP
import SRTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let masterKey: [UInt8] = (0..<16).map { UInt8($0 &* 7 &+ 1) }
let masterSalt: [UInt8] = (0..<14).map { UInt8($0 &* 11 &+ 3) }

/// A raw libsrtp2 session, set up as `SRTPContext` sets up its own (same policy, window 1024).
func makeRawSession(_ profile: SRTPProfile, outbound: Bool) -> srtp_t {
    var policy = srtp_policy_t()
    switch profile {
    case .aesCM128HMACSHA1_80:
        srtp_crypto_policy_set_rtp_default(&policy.rtp)
        srtp_crypto_policy_set_rtcp_default(&policy.rtcp)
    case .aeadAES128GCM:
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp)
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp)
    }
    policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound
    policy.window_size = 1024
    var key = profile == .aeadAES128GCM ? masterKey + masterSalt.prefix(12) : masterKey + masterSalt
    var session: srtp_t?
    let status = key.withUnsafeMutableBufferPointer { buffer in
        policy.key = buffer.baseAddress
        return srtp_create(&session, &policy)
    }
    guard status == srtp_err_status_ok, let session else { fatalError("srtp_create: \(status)") }
    return session
}

func makeWrappedContext(_ profile: SRTPProfile) -> SRTPContext {
    let keys = SRTPKeyingMaterial(masterKey: masterKey, masterSalt: Array(masterSalt.prefix(profile.masterSaltLength)))
    do { return try SRTPContext(profile: profile, send: keys, receive: keys) } catch { fatalError("SRTPContext: \(error)") }
}

/// `count` RTP packets (PT 111, sequence 0..<count, 960-sample timestamp steps) around the given payloads.
func rtpPackets(_ payloads: [[UInt8]], count: Int) -> [[UInt8]] {
    (0..<count).map { index in
        let sequence = UInt16(truncatingIfNeeded: index), timestamp = UInt32(truncatingIfNeeded: index * 960)
        var packet: [UInt8] = [0x80, 111, UInt8(sequence >> 8), UInt8(sequence & 0xFF)]
        packet += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: timestamp >> $0) }
        packet += [0x12, 0x34, 0x56, 0x78]
        return packet + payloads[index % payloads.count]
    }
}

/// What a C server does per packet: copy the packet into its buffer and transform it in place.
@inline(__always)
func rawTransform(_ packet: [UInt8], _ buffer: UnsafeMutableRawPointer, _ body: (UnsafeMutablePointer<Int32>) -> srtp_err_status_t) -> Int {
    _ = packet.withUnsafeBytes { memcpy(buffer, $0.baseAddress!, $0.count) }
    var length = Int32(packet.count)
    guard body(&length) == srtp_err_status_ok else { fatalError("srtp transform failed") }
    return Int(length)
}

/// Protect and unprotect, raw against wrapped; every round uses fresh sessions (SRTP refuses a repeated index).
func srtpRows(profile: SRTPProfile, payloads: [[UInt8]], count: Int) -> [Row] {
    _ = makeWrappedContext(profile)   // SRTPContext runs srtp_init once per process (a second call fails)
    let plain = rtpPackets(payloads, count: count)
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: 2048, alignment: 16)
    defer { buffer.deallocate() }
    var sink = 0
    var times: [[Double]] = [[], [], [], []]
    for _ in 0..<rounds {
        let sender = makeRawSession(profile, outbound: true), receiver = makeRawSession(profile, outbound: false)
        times[0].append(timed(count) {
            for packet in plain { sink &+= rawTransform(packet, buffer) { srtp_protect(sender, buffer, $0) } }
        })
        let wrapped = makeWrappedContext(profile)
        // As the server sends: the packet (serialized with room for the tag) protected in place.
        var reused: [UInt8] = []
        reused.reserveCapacity(2048)
        times[1].append(timed(count) {
            for packet in plain {
                reused.removeAll(keepingCapacity: true)
                reused.append(contentsOf: packet)
                if (try? wrapped.protect(&reused)) != nil { sink &+= reused.count }
            }
        })
        let encrypted = protectAll(plain, profile)
        times[2].append(timed(count) {
            for packet in encrypted { sink &+= rawTransform(packet, buffer) { srtp_unprotect(receiver, buffer, $0) } }
        })
        // As the server receives: the datagram it owns, decrypted in place.
        times[3].append(timed(count) {
            for packet in encrypted {
                reused.removeAll(keepingCapacity: true)
                reused.append(contentsOf: packet)
                if (try? wrapped.unprotect(&reused)) != nil { sink &+= reused.count }
            }
        })
        srtp_dealloc(sender)
        srtp_dealloc(receiver)
    }
    guard sink > 0 else { fatalError("nothing transformed") }
    let name = profile == .aeadAES128GCM ? "AEAD_AES_128_GCM" : "AES_CM_128_HMAC_SHA1_80"
    return [Row(name: "SRTP protect \(name)", raw: middle(times[0]), wrapped: middle(times[1])),
            Row(name: "SRTP unprotect \(name)", raw: middle(times[2]), wrapped: middle(times[3]))]
}

/// The SRTP packets of `plain` under the benchmark key, from a sender of their own.
private func protectAll(_ plain: [[UInt8]], _ profile: SRTPProfile) -> [[UInt8]] {
    let context = makeWrappedContext(profile)
    return plain.map { packet in
        do { return try context.protect(packet) } catch { fatalError("protect: \(error)") }
    }
}
