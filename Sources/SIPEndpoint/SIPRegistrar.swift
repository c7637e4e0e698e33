import Foundation
import Logging
import SIPMessage
import SIPStack
import SwitchCore
import Synchronization

/// The registrar (RFC 3261 §10.3) with digest authentication (§22): challenges every REGISTER, checks the
/// credentials against the directory's HA1 and applies the binding rules — all in memory (`DirectoryCache`,
/// `RegistrationCache`), so a REGISTER is answered on the event loop; `DirectorySync` persists the bindings behind it.
///
/// An unknown user is answered exactly like a wrong password (challenge, then 403), so the registrar
/// does not reveal which users exist. Sources that keep failing are blocked for a while and get no
/// answer at all; other sources are unaffected.
public final class SIPRegistrar: Sendable {
    public struct Configuration: Sendable {
        public var defaultDomain: String
        public var policy: RegistrarPolicy
        public var nonceLifetime: Int
        public var failureLimit: Int
        public var failureWindow: Int
        public var blockSeconds: Int
        /// Algorithms challenged with, one WWW-/Proxy-Authenticate each. MD5 alone by default, as FreeSWITCH
        /// does: some phones (libre/baresip 1.0) fail the whole challenge when they meet an algorithm they do
        /// not know instead of picking the one they support. Credentials with SHA-256 are verified either way.
        public var offeredAlgorithms: [DigestAlgorithm]

        public init(
            defaultDomain: String, policy: RegistrarPolicy = RegistrarPolicy(whenContactLimitReached: .dropSoonestExpiring), nonceLifetime: Int = 300,
            failureLimit: Int = 20, failureWindow: Int = 60, blockSeconds: Int = 60, offeredAlgorithms: [DigestAlgorithm] = [.md5]
        ) {
            self.offeredAlgorithms = offeredAlgorithms
            self.defaultDomain = defaultDomain
            self.policy = policy
            self.nonceLifetime = nonceLifetime
            self.failureLimit = failureLimit
            self.failureWindow = failureWindow
            self.blockSeconds = blockSeconds
        }
    }

    let configuration: Configuration
    let directory: DirectoryCache
    let registrations: RegistrationCache
    let issuer: DigestNonceIssuer
    let limiter: Mutex<AuthFailureLimiter>
    let logger: Logger

    /// `directory` and `registrations` are the registrar's whole state: it never uses storage itself
    /// (`DirectorySync` writes the bindings behind it and keeps `directory` current).
    public init(
        configuration: Configuration, directory: DirectoryCache, registrations: RegistrationCache, logger: Logger
    ) {
        self.configuration = configuration
        self.directory = directory
        self.registrations = registrations
        var secret = [UInt8](repeating: 0, count: 32)
        var rng = SystemRandomNumberGenerator()
        for i in secret.indices { secret[i] = rng.next() }
        self.issuer = DigestNonceIssuer(secret: secret, lifetime: Int64(configuration.nonceLifetime))
        self.limiter = Mutex(AuthFailureLimiter(configuration: .init(
            maxFailures: configuration.failureLimit, window: Int64(configuration.failureWindow),
            blockDuration: Int64(configuration.blockSeconds))))
        self.logger = logger
    }

    /// What to do with a REGISTER before its credentials are checked.
    public enum Screening: Sendable {
        /// The source is blocked: send nothing.
        case drop
        /// Answer at once (challenge, 400).
        case respond(SIPResponse)
        /// Credentials to check against the directory (`authenticate`).
        case authenticate(DigestCredentials, domain: String, aor: SIPNameAddress)
    }

    /// The part of a REGISTER before the credential check.
    public func screen(_ request: SIPRequest, from peer: SIPPeer) -> Screening {
        let now = Self.now()
        if case .blocked = limiter.withLock({ $0.decision(for: peer.host, now: now) }) { return .drop }
        guard let to = request.headers.to else {
            return .respond(SIPResponse(replyingTo: request, statusCode: 400, reasonPhrase: "Bad To Header"))
        }
        let domain = resolveDomain(to.uri.host)
        do {
            guard let credentials = try DigestCredentials.find(in: request.headers, realm: domain) else {
                return .respond(challenge(request, realm: domain, now: now, stale: false))
            }
            return .authenticate(credentials, domain: domain, aor: to)
        } catch {
            return .respond(SIPResponse(replyingTo: request, statusCode: 400, reasonPhrase: "Malformed Authorization"))
        }
    }

    /// Answers one REGISTER (both phases); `nil` means send nothing (the source is blocked).
    public func handle(_ request: SIPRequest, from peer: SIPPeer) -> SIPResponse? {
        switch screen(request, from: peer) {
        case .drop: return nil
        case .respond(let response): return response
        case .authenticate(let credentials, let domain, let aor):
            return authenticate(request, credentials: credentials, domain: domain, aor: aor, from: peer)
        }
    }

    /// Checks the credentials against the cached directory and applies the registration to the cached bindings
    /// (memory only: cheap enough for the event loop).
    public func authenticate(
        _ request: SIPRequest, credentials: DigestCredentials, domain: String, aor to: SIPNameAddress, from peer: SIPPeer
    ) -> SIPResponse? {
        let now = Self.now()
        let user = directory.user(credentials.username, domain: domain)
        switch verify(request, credentials: credentials, domain: domain, aor: to, user: user, now: now) {
        case .refuse(let reason):
            return forbidden(request, peer: peer, now: now, reason: reason)
        case .respond(let response):
            return response
        case .accept(let user):
            switch register(request, user: user, from: peer, now: now) {
            case .failure(let error):
                return error.response(replyingTo: request, toTag: SIPTag.random())
            case .success(let update):
                logger.debug("registered", metadata: [
                    "user": "\(user.id)@\(user.domain)", "contacts": "\(update.bindings.count)", "source": "\(peer)",
                    "call-id": "\(request.callID ?? "")"])
                return RegistrarRules.okResponse(replyingTo: request, update: update, now: now, toTag: SIPTag.random())
            }
        }
    }

    enum Verification {
        case refuse(String)
        case respond(SIPResponse)
        case accept(UserRecord)
    }

    /// Digest verification (RFC 7616 §3.4) and the AOR check (RFC 3261 §10.3 step 4). Pure.
    func verify(
        _ request: SIPRequest, credentials: DigestCredentials, domain: String, aor to: SIPNameAddress,
        user: UserRecord?, now: UnixTime
    ) -> Verification {
        let verifier = DigestVerifier(realm: domain, issuer: issuer)
        let storedHA1 = user.map { credentials.algorithm == .sha256 ? $0.ha1SHA256 : $0.ha1MD5 }
        // Unknown users go through the same digest computation against a dummy HA1: same answer, similar time.
        switch verifier.verify(
            credentials, request: request, storedHA1: storedHA1 ?? Self.dummyHA1(credentials.algorithm), now: now)
        {
        case .stale:
            return .respond(challenge(request, realm: domain, now: now, stale: true))
        case .invalid(let failure):
            return .refuse("\(failure)")
        case .valid:
            guard let user else { return .refuse("unknown user") }
            guard to.uri.user == user.id else { return .refuse("To user is not the authenticated user") }
            return .accept(user)
        }
    }

    /// The binding rules (RFC 3261 §10.3 steps 6–7) applied under the AOR's lock of the cache: read, decide and
    /// write are one step, so concurrent REGISTERs of one user cannot lose bindings. A contact-less REGISTER (a
    /// query) changes nothing.
    func register(_ request: SIPRequest, user: UserRecord, from peer: SIPPeer, now: UnixTime) -> Result<RegistrarUpdate, RegistrarError> {
        let aor = AddressOfRecord(user: user.id, domain: user.domain)
        let policy = configuration.policy
        let isQuery = request.headers.elements("Contact").isEmpty
        let userAgent = request.headers["User-Agent"]
        let registeredAt = Self.date(now)
        var outcome = Result<RegistrarUpdate, RegistrarError>.failure(RegistrarError(.notRegister, "no decision"))
        registrations.update(aor, now: registeredAt) { stored in
            do throws(RegistrarError) {
                let update = try RegistrarRules.apply(
                    register: request, currentBindings: stored.map { Self.binding(from: $0) }, now: now,
                    policy: policy, source: peer)
                outcome = .success(update)
                guard !isQuery else { return nil }
                return update.bindings.map {
                    Self.registration(from: $0, user: user, userAgent: userAgent, registeredAt: registeredAt)
                }
            } catch {
                outcome = .failure(error)
                return nil
            }
        }
        return outcome
    }

    static func date(_ time: UnixTime) -> Date {
        Date(timeIntervalSince1970: TimeInterval(time.seconds))
    }

    static func now() -> UnixTime {
        UnixTime(seconds: Int64(Date().timeIntervalSince1970))
    }

    /// One nonce, offered with each algorithm (one HMAC per challenge, not one per algorithm): 401 for
    /// REGISTER, 407 with `proxy` for calls (RFC 3261 §22.1).
    func challenge(_ request: SIPRequest, realm: String, now: UnixTime, stale: Bool, proxy: Bool = false) -> SIPResponse {
        let nonce = issuer.makeNonce(realm: realm, now: now)
        let challenges = configuration.offeredAlgorithms.map {
            DigestChallenge(realm: realm, nonce: nonce, algorithm: $0, qopOptions: [.auth], stale: stale)
        }
        return DigestChallenge.challengeResponse(
            replyingTo: request, challenges: challenges, proxy: proxy, toTag: SIPTag.random())
    }

    func forbidden(_ request: SIPRequest, peer: SIPPeer, now: UnixTime, reason: String) -> SIPResponse {
        let decision = limiter.withLock { $0.recordFailure(from: peer.host, now: now) }
        logger.notice("registration refused", metadata: [
            "source": "\(peer)", "reason": "\(reason)", "call-id": "\(request.callID ?? "")",
            "decision": "\(decision)"])
        return SIPResponse(replyingTo: request, statusCode: 403, reasonPhrase: "Forbidden", toTag: SIPTag.random())
    }

    func resolveDomain(_ host: String) -> String {
        let host = host.lowercased()
        return directory.hasDomain(host) ? host : configuration.defaultDomain
    }

    static func dummyHA1(_ algorithm: DigestAlgorithm) -> String {
        String(repeating: "0", count: algorithm.hexDigestLength)
    }
}
