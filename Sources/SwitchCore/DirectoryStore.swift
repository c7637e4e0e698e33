import struct Foundation.Date

/// A user of the directory: who may register and call, and the per-user settings the dialplan reads.
/// Passwords are never stored: only the digest hashes that SIP (HA1, RFC 7616 §3.4.2) and Verto need.
public struct UserRecord: Sendable, Equatable {
    public var id: String
    public var domain: String
    public var displayName: String?
    /// MD5(id:realm:password), hex.
    public var ha1MD5: String
    /// SHA-256(id:realm:password), hex.
    public var ha1SHA256: String
    /// Hash a Verto login is checked against (same construction as `ha1SHA256`).
    public var vertoHash: String
    public var voicemailPIN: String?
    public var callerIDName: String?
    public var callerIDNumber: String?
    /// Dialplan context this user's calls are routed in (FreeSWITCH `user_context`).
    public var context: String
    /// Free-form variables, set on the channel of each call the user makes.
    public var variables: [String: String]

    public init(
        id: String, domain: String, displayName: String? = nil, ha1MD5: String, ha1SHA256: String,
        vertoHash: String, voicemailPIN: String? = nil, callerIDName: String? = nil, callerIDNumber: String? = nil,
        context: String = "default", variables: [String: String] = [:]
    ) {
        self.id = id
        self.domain = domain
        self.displayName = displayName
        self.ha1MD5 = ha1MD5
        self.ha1SHA256 = ha1SHA256
        self.vertoHash = vertoHash
        self.voicemailPIN = voicemailPIN
        self.callerIDName = callerIDName
        self.callerIDNumber = callerIDNumber
        self.context = context
        self.variables = variables
    }
}

/// One registered contact of a user (a SIP binding, RFC 3261 §10, or a Verto login).
public struct Registration: Sendable, Equatable {
    public var user: String
    public var domain: String
    /// The Contact URI as the device sent it.
    public var contact: String
    public var expires: Date
    public var callID: String
    public var cseq: UInt32
    /// Transport the binding arrived on (`udp`, `tcp`, `tls`, `ws`, `wss`, `verto`).
    public var transport: String
    /// Source address of the REGISTER: the flow the device is reachable through behind NAT.
    public var sourceHost: String
    public var sourcePort: Int
    public var userAgent: String?
    public var qValue: Double?
    public var registeredAt: Date

    public init(
        user: String, domain: String, contact: String, expires: Date, callID: String, cseq: UInt32,
        transport: String, sourceHost: String, sourcePort: Int, userAgent: String? = nil, qValue: Double? = nil,
        registeredAt: Date
    ) {
        self.user = user
        self.domain = domain
        self.contact = contact
        self.expires = expires
        self.callID = callID
        self.cseq = cseq
        self.transport = transport
        self.sourceHost = sourceHost
        self.sourcePort = sourcePort
        self.userAgent = userAgent
        self.qValue = qValue
        self.registeredAt = registeredAt
    }
}

/// Persistent directory of domains, users and registrations. `Directory` implements it over SQLite.
/// Calls may block briefly on storage; callers keep them off event loops.
public protocol DirectoryStore: Sendable {
    func domains() throws -> [String]
    func addDomain(_ name: String) throws

    func user(_ id: String, domain: String) throws -> UserRecord?
    func users(domain: String?) throws -> [UserRecord]
    /// Inserts a user; throws `DirectoryError.userExists` when it is there already.
    func addUser(_ user: UserRecord) throws
    /// Replaces a user's record; throws `DirectoryError.noSuchUser` when absent.
    func updateUser(_ user: UserRecord) throws
    /// Removes the user and its registrations; returns false when there was no such user.
    func removeUser(_ id: String, domain: String) throws -> Bool

    /// Unexpired registrations of a user at `now`.
    func registrations(user: String, domain: String, now: Date) throws -> [Registration]
    /// All unexpired registrations at `now`, ordered by user.
    func allRegistrations(now: Date) throws -> [Registration]
    /// Atomically replaces every binding of a user with `registrations` (the registrar computes the new set).
    func replaceRegistrations(user: String, domain: String, with registrations: [Registration]) throws
    /// In one write transaction: reads the user's record (nil when unknown) and live bindings at `now`, lets
    /// `update` decide the new binding set (`nil`: change nothing) and stores it, so that a credential check and a
    /// binding update see one consistent state. (The SIP registrar works in memory and writes behind with
    /// `storeRegistrations` instead.) `update` must be quick and must not use the store.
    func updateRegistrations(
        user: String, domain: String, now: Date, _ update: (UserRecord?, [Registration]) throws -> [Registration]?
    ) throws
    /// Deletes registrations that expired before `now`; returns how many.
    func purgeExpiredRegistrations(now: Date) throws -> Int

    /// Write-behind of a registration cache: in one write transaction, replaces the bindings of every address of
    /// record in `batch` with the given set (an empty set deletes them). Sets of users that no longer exist are not
    /// stored (their bindings are deleted), so a flush cannot bring back the registrations of a removed user.
    func storeRegistrations(_ batch: [AddressOfRecord: [Registration]]) throws

    /// A value that changes whenever users or domains may have changed through another connection or process (or
    /// through this store's own user and domain methods); a cache of users compares it to know when to reload.
    /// Registration writes of this store do not change it. Cheap: meant to be polled every few milliseconds.
    func changeToken() throws -> Int64

    /// Appends call detail records (one transaction); a record whose uuid is already stored is skipped.
    func insertCallDetailRecords(_ records: [CDRRecord]) throws
}

/// A user's address of record (`user@domain`): the key of a binding set.
public struct AddressOfRecord: Hashable, Sendable, CustomStringConvertible {
    public var user: String
    public var domain: String

    public init(user: String, domain: String) {
        self.user = user
        self.domain = domain
    }

    public var description: String { "\(user)@\(domain)" }
}

public struct DirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case userExists
        case noSuchUser
        case noSuchDomain
        case invalidValue
    }

    public let code: Code
    public let detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }
}
