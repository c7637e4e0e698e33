import Directory
import Logging
import SIPMessage
import SIPStack
import SwitchCore
import Synchronization

@testable import SIPEndpoint

/// Collects what the endpoint sends, in order.
final class RecordingSink: SIPMessageSink {
    let sent = Mutex<[([UInt8], SIPPeer)]>([])

    func send(_ bytes: [UInt8], to peer: SIPPeer) {
        sent.withLock { $0.append((bytes, peer)) }
    }

    func responses() -> [SIPResponse] {
        sent.withLock { $0 }.compactMap {
            if case .response(let r) = try? SIPParser().parse($0.0) { return r }
            return nil
        }
    }
}

/// A scheduler whose time only moves when the test says so.
final class ManualScheduler: SIPTimerScheduler {
    let state = Mutex<(now: SIPInstant, timers: [SIPTimerID: (SIPInstant, @Sendable () -> Void)])>((SIPInstant(nanoseconds: 1_000_000_000), [:]))

    var now: SIPInstant { state.withLock { $0.now } }

    func schedule(_ id: SIPTimerID, at deadline: SIPInstant, _ fire: @escaping @Sendable () -> Void) {
        state.withLock { $0.timers[id] = (deadline, fire) }
    }

    func cancel(_ id: SIPTimerID) {
        _ = state.withLock { $0.timers.removeValue(forKey: id) }
    }

    var pendingCount: Int { state.withLock { $0.timers.count } }

    /// Moves the clock and fires every timer that became due, in deadline order.
    func advance(by duration: Duration) {
        let target = state.withLock { s -> SIPInstant in
            s.now = s.now + duration
            return s.now
        }
        while true {
            let due = state.withLock { s -> (@Sendable () -> Void)? in
                guard let next = s.timers.filter({ $0.value.0 <= target }).min(by: { $0.value.0 < $1.value.0 }) else { return nil }
                s.timers.removeValue(forKey: next.key)
                return next.value.1
            }
            guard let due else { return }
            due()
        }
    }
}

struct EndpointFixture {
    let store: SQLiteDirectory
    let sink = RecordingSink()
    let timers = ManualScheduler()
    let registrations = RegistrationCache()
    let directory: DirectoryCache
    let sync: DirectorySync
    let registrar: SIPRegistrar
    let endpoint: SIPEndpoint
    static let domain = "example.test"

    init(failureLimit: Int = 20) throws {
        store = try SQLiteDirectory(inMemory: ())
        try store.addDomain(Self.domain)
        for (id, password) in [("1000", "secret"), ("1001", "other")] {
            try store.addUser(UserRecord(
                id: id, domain: Self.domain,
                ha1MD5: Digest.ha1(username: id, realm: Self.domain, password: password, algorithm: .md5),
                ha1SHA256: Digest.ha1(username: id, realm: Self.domain, password: password, algorithm: .sha256),
                vertoHash: ""))
        }
        directory = try DirectoryCache(store: store)
        sync = DirectorySync(
            store: store, registrations: registrations, directory: directory, logger: Logger(label: "test"))
        registrar = SIPRegistrar(
            configuration: .init(defaultDomain: Self.domain, failureLimit: failureLimit, offeredAlgorithms: [.md5, .sha256]),
            directory: directory,
            registrations: registrations, logger: Logger(label: "test"))
        endpoint = SIPEndpoint(
            configuration: .init(), registrar: registrar, sink: sink, timers: timers, logger: Logger(label: "test"))
    }

    static let phone = SIPPeer(transport: .udp, host: "192.0.2.10", port: 5062)

    static func register(
        user: String = "1000", cseq: Int, callID: String = "reg-1", contact: String? = "<sip:1000@192.0.2.10:5062>",
        expires: Int? = 300, authorization: String? = nil, branch: String = "z9hG4bK\(Int.random(in: 0..<1_000_000_000))"
    ) -> [UInt8] {
        var lines = [
            "REGISTER sip:\(domain) SIP/2.0",
            "Via: SIP/2.0/UDP 10.0.0.5:5062;branch=\(branch);rport",
            "From: <sip:\(user)@\(domain)>;tag=abc",
            "To: <sip:\(user)@\(domain)>",
            "Call-ID: \(callID)",
            "CSeq: \(cseq) REGISTER",
            "Max-Forwards: 70",
        ]
        if let contact { lines.append("Contact: \(contact)") }
        if let expires { lines.append("Expires: \(expires)") }
        if let authorization { lines.append("Authorization: \(authorization)") }
        lines.append("Content-Length: 0")
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }
}
