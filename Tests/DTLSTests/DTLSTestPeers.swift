import DTLS

/// Two associations wired back to back in memory, with a deterministic loss pattern (like aiortc's
/// `DummyConnection` pairs). Time is a manual clock: `now` only moves when a test moves it.
final class DTLSTestPeer {
    let association: DTLSAssociation
    /// Datagrams on their way to this peer.
    var inbox: [[UInt8]] = []
    /// Everything this peer transmitted, delivered or not.
    var sent: [[UInt8]] = []
    /// `.connected`, `.failed` and `.closed`, in order.
    var outcomes: [DTLSAssociation.Action] = []
    var deadline: ContinuousClock.Instant?

    init(_ association: DTLSAssociation) { self.association = association }

    var keys: DTLSSRTPKeys? {
        for case .connected(let keys) in outcomes { return keys }
        return nil
    }

    var failure: DTLSFailure? {
        for case .failed(let failure) in outcomes { return failure }
        return nil
    }
}

struct DTLSTestLink {
    let client: DTLSTestPeer
    let server: DTLSTestPeer
    var now = ContinuousClock.now
    /// Decides whether a datagram is lost: (sender, index of the datagram among that sender's) → drop?
    var drop: (DTLSTestPeer, Int) -> Bool = { _, _ in false }

    init(client: DTLSAssociation, server: DTLSAssociation) {
        self.client = DTLSTestPeer(client)
        self.server = DTLSTestPeer(server)
    }

    func peer(of sender: DTLSTestPeer) -> DTLSTestPeer { sender === client ? server : client }

    func apply(_ actions: [DTLSAssociation.Action], from sender: DTLSTestPeer) {
        for action in actions {
            switch action {
            case .transmit(let datagram):
                let index = sender.sent.count
                sender.sent.append(datagram)
                if !drop(sender, index) { peer(of: sender).inbox.append(datagram) }
            case .scheduleTimeout(let deadline):
                sender.deadline = deadline
            case .connected, .failed, .closed:
                sender.outcomes.append(action)
            }
        }
    }

    /// Starts both sides and delivers datagrams until neither has any waiting.
    func startAndRun() {
        apply(server.association.start(now: now), from: server)
        apply(client.association.start(now: now), from: client)
        deliverAll()
    }

    func deliverAll() {
        var rounds = 0
        while !(client.inbox.isEmpty && server.inbox.isEmpty), rounds < 1000 {
            rounds += 1
            for peer in [server, client] where !peer.inbox.isEmpty {
                let datagram = peer.inbox.removeFirst()
                apply(peer.association.receive(datagram, now: now), from: peer)
            }
        }
    }
}

enum TestCertificates {
    static func make(_ name: String) throws -> SelfSignedCertificate {
        try SelfSignedCertificate.generate(commonName: name, validDays: 30)
    }

    static func fingerprint(_ certificate: SelfSignedCertificate) -> DTLSFingerprint {
        DTLSFingerprint(attributeValue: certificate.sdpFingerprint)!
    }
}
