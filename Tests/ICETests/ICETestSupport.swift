import ICE
import STUN

/// SplitMix64, so generated credentials are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A manual monotonic clock in seconds.
func at(_ seconds: Double) -> ICEInstant {
    ICEInstant(nanoseconds: Int64(seconds * 1_000_000_000))
}

/// What a browser (the controlling full agent) sends: a Binding request per RFC 8445 §7.1.
struct CheckBuilder {
    var username: String
    /// The receiver's (our) password: requests are signed with it (RFC 8445 §7.2.2).
    var password: String
    var priority: UInt32 = 1_853_824_767
    var useCandidate = false
    var controlling = true
    var controlled = false
    var extra: [STUNAttribute] = []
    var transactionID = STUNTransactionID(octets: Array(repeating: 7, count: 12))!
    var fingerprint = true
    var integrity = true

    init(local: ICECredentials, remoteUfrag: String = "peer") {
        username = "\(local.ufrag):\(remoteUfrag)"
        password = local.pwd
    }

    var bytes: [UInt8] {
        var attributes: [STUNAttribute] = [.username(username), .priority(priority)]
        if controlling { attributes.append(.iceControlling(tieBreaker: 0x1122_3344_5566_7788)) }
        if controlled { attributes.append(.iceControlled(tieBreaker: 0x1122_3344_5566_7788)) }
        if useCandidate { attributes.append(.useCandidate) }
        attributes += extra
        let message = STUNMessage(type: .bindingRequest, transactionID: transactionID, attributes: attributes)
        return message.serialize(messageIntegrityKey: integrity ? Array(password.utf8) : nil, fingerprint: fingerprint)
    }
}

extension [ICEAction] {
    /// The STUN messages in `.send` actions, with their destinations.
    var sent: [(STUNMessage, [UInt8], TransportAddress)] {
        compactMap { action in
            guard case .send(let bytes, let to) = action, let message = try? STUNMessage(parsing: bytes) else {
                return nil
            }
            return (message, bytes, to)
        }
    }

    var selections: [TransportAddress] {
        compactMap { action in
            if case .selected(let address) = action { address } else { nil }
        }
    }
}
