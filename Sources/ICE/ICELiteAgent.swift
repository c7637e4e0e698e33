import STUN

/// An ICE-lite agent (RFC 8445 §2.5, §8.2) for one media stream with one component (rtcp-mux), as a
/// sans-IO value: datagrams and time go in, ``ICEAction``s come out.
///
/// A lite agent has only host (and configured server-reflexive) candidates, sends no checks and is
/// always controlled (§6.1.1): the SDP it describes must carry `a=ice-lite`. It answers the peer's
/// Binding requests (§7.3) and takes the pair the peer nominates with USE-CANDIDATE (§7.3.1.5, §8.2.1).
/// The peer's address is learnt from its checks, so mDNS-only browser candidates need no resolution.
///
/// Consent freshness (RFC 7675): the peer's checks double as consent. When no valid check has arrived
/// from the selected address (before a selection: from anywhere, counting from creation) for
/// ``Configuration/consentTimeout``, the agent reports ``ICEAction/consentExpired``. The shell calls
/// ``handleTimer(now:)`` at ``nextDeadline``.
///
/// ICE restart (RFC 8445 §9): new remote credentials from SDP replace the local ones too
/// (``setRemoteCredentials(_:using:)``). The selected address and consent survive, and checks made
/// with the previous credentials are still answered until the first check with the new ones.
public struct ICELiteAgent: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// RFC 7675 §5.1: consent is lost 30 s after the last proof of it.
        public var consentTimeout: Duration
        /// SOFTWARE in our responses (RFC 8489 §14.14), `nil` to leave it out.
        public var software: String?
        /// Our host candidate's priority, for the pair priority of nominations (RFC 8445 §6.1.2.3).
        public var localPriority: UInt32
        /// Addresses remembered as validated (those that sent a valid check); older ones are forgotten.
        public var maximumValidatedAddresses: Int
        /// A nomination of a lower-priority pair still moves the selection when the selected address has
        /// sent no valid check for this long (the peer moved: NAT rebinding, network change).
        public var staleSelectionAfter: Duration

        public init(
            consentTimeout: Duration = .seconds(30), software: String? = nil,
            localPriority: UInt32 = ICECandidate.priority(type: .host), maximumValidatedAddresses: Int = 8,
            staleSelectionAfter: Duration = .seconds(5)
        ) {
            self.consentTimeout = consentTimeout
            self.software = software
            self.localPriority = localPriority
            self.maximumValidatedAddresses = maximumValidatedAddresses
            self.staleSelectionAfter = staleSelectionAfter
        }
    }

    /// The pair the peer nominated: its address, the PRIORITY its check carried, and when the last valid
    /// check from it arrived.
    struct Nomination: Hashable, Sendable {
        var address: TransportAddress
        var remotePriority: UInt32
        var lastCheck: ICEInstant
    }

    public let configuration: Configuration
    /// Ours, for `a=ice-ufrag` / `a=ice-pwd` in the SDP we send.
    public private(set) var localCredentials: ICECredentials
    /// The peer's, from its SDP; `nil` until known (checks are still answered: a lite agent needs only
    /// its own password to verify and sign, and checks only the first half of USERNAME).
    public private(set) var remoteCredentials: ICECredentials?
    /// The previous generation's credentials, accepted until the first check with the current ones.
    var previousCredentials: (local: ICECredentials, remote: ICECredentials?)?
    /// Set by ``restart(using:)``: the next remote credentials answer our restart instead of starting one.
    private var awaitingRemoteRestart = false

    var nomination: Nomination?
    /// Addresses that sent a valid check, most recent last.
    public private(set) var validatedAddresses: [TransportAddress] = []
    /// When consent runs out; `nil` once it has expired and nothing is selected.
    private var consentDeadline: ICEInstant?

    /// - Parameters:
    ///   - localCredentials: normally ``ICECredentials/generate()``.
    ///   - remoteCredentials: from the offer, when we answer.
    ///   - now: starts the consent clock: no valid check within the timeout reports expiry.
    public init(
        configuration: Configuration = Configuration(), localCredentials: ICECredentials,
        remoteCredentials: ICECredentials? = nil, now: ICEInstant
    ) {
        self.configuration = configuration
        self.localCredentials = localCredentials
        self.remoteCredentials = remoteCredentials
        self.consentDeadline = now + configuration.consentTimeout
    }

    /// The nominated address media goes to, if any.
    public var selectedAddress: TransportAddress? { nomination?.address }

    /// Whether `address` has sent a valid check (media from elsewhere can be dropped).
    public func isValidated(_ address: TransportAddress) -> Bool { validatedAddresses.contains(address) }

    /// When the shell must call ``handleTimer(now:)``; `nil` when nothing is pending.
    public var nextDeadline: ICEInstant? { consentDeadline }

    /// Consent check (RFC 7675 §5.1). Harmless to call early or late.
    public mutating func handleTimer(now: ICEInstant) -> [ICEAction] {
        guard let deadline = consentDeadline, now >= deadline else { return [] }
        consentDeadline = nil
        nomination = nil
        return [.consentExpired]
    }

    /// Takes the peer's credentials from its SDP. Different credentials from ones already known are an
    /// ICE restart (RFC 8445 §9): we take new local credentials too, and return `true` so that the
    /// answer carries them. After ``restart(using:)`` the peer's new credentials just complete it.
    @discardableResult
    public mutating func setRemoteCredentials(
        _ remote: ICECredentials, using generator: inout some RandomNumberGenerator
    ) -> Bool {
        guard remote != remoteCredentials else { return false }
        defer { remoteCredentials = remote }
        guard let current = remoteCredentials else { return false }
        if awaitingRemoteRestart {
            awaitingRemoteRestart = false
            previousCredentials = previousCredentials.map { ($0.local, current) }
            return false
        }
        previousCredentials = (localCredentials, current)
        localCredentials = .generate(using: &generator)
        return true
    }

    /// ``setRemoteCredentials(_:using:)`` with the system generator.
    @discardableResult
    public mutating func setRemoteCredentials(_ remote: ICECredentials) -> Bool {
        var generator = SystemRandomNumberGenerator()
        return setRemoteCredentials(remote, using: &generator)
    }

    /// Restarts ICE from our side (we send a new offer, RFC 8445 §9): new local credentials now; the
    /// peer's new ones arrive with its answer through ``setRemoteCredentials(_:using:)``.
    public mutating func restart(using generator: inout some RandomNumberGenerator) {
        previousCredentials = (localCredentials, remoteCredentials)
        localCredentials = .generate(using: &generator)
        awaitingRemoteRestart = remoteCredentials != nil
    }

    /// Records a valid check from `address` at `now`: it is validated, and refreshes consent when it comes
    /// from the selected address (or when nothing is selected yet).
    mutating func recordValidCheck(from address: TransportAddress, now: ICEInstant) {
        validatedAddresses.removeAll { $0 == address }
        validatedAddresses.append(address)
        if validatedAddresses.count > max(configuration.maximumValidatedAddresses, 1) {
            validatedAddresses.removeFirst()
        }
        if nomination?.address == address {
            nomination?.lastCheck = now
            consentDeadline = now + configuration.consentTimeout
        } else if nomination == nil && consentDeadline != nil {
            consentDeadline = now + configuration.consentTimeout
        }
    }

    /// RFC 8445 §7.3.1.5 / §8.2.1 for a lite (controlled) agent: the first nomination selects. A later one
    /// for another address moves the selection when its pair priority is at least the current one's
    /// (RFC 5245 §8.1.1.2: with aggressive nomination the highest-priority nominated pair wins), or when the
    /// selected address has gone quiet for ``Configuration/staleSelectionAfter`` (the peer moved).
    mutating func nominate(_ address: TransportAddress, remotePriority: UInt32, now: ICEInstant) -> [ICEAction] {
        if let current = nomination {
            if current.address == address { return [] }
            let better = pairPriority(remote: remotePriority) >= pairPriority(remote: current.remotePriority)
            guard better || now - current.lastCheck >= configuration.staleSelectionAfter else { return [] }
        }
        nomination = Nomination(address: address, remotePriority: remotePriority, lastCheck: now)
        consentDeadline = now + configuration.consentTimeout
        return [.selected(address)]
    }

    /// RFC 8445 §6.1.2.3: `2^32·MIN(G,D) + 2·MAX(G,D) + (G>D ? 1 : 0)`, G the controlling (peer's) priority.
    func pairPriority(remote: UInt32) -> UInt64 {
        let g = UInt64(remote)
        let d = UInt64(configuration.localPriority)
        return (min(g, d) << 32) + 2 * max(g, d) + (g > d ? 1 : 0)
    }
}
