import Directory
import Foundation
import SIPStack
import SwitchCore

/// The operations behind `switchboard user …`, on the same SQLite store the server uses.
public struct UserAdministration {
    public let store: SQLiteDirectory
    public let defaultDomain: String
    let passwords: SeededPasswords

    public init(_ loaded: (ServerConfiguration, DataDirectory)) throws {
        let (configuration, data) = loaded
        try data.create()
        self.store = try SQLiteDirectory(path: data.databasePath)
        self.defaultDomain = try ServerDomain.resolve(configuration: configuration, store: store)
        self.passwords = SeededPasswords(path: data.seededPasswordsPath)
    }

    /// Builds a user record holding only the password's digest hashes.
    public static func makeUser(id: String, password: String, domain: String, name: String?, context: String) -> UserRecord {
        UserRecord(
            id: id, domain: domain, displayName: name,
            ha1MD5: Digest.ha1(username: id, realm: domain, password: password, algorithm: .md5),
            ha1SHA256: Digest.ha1(username: id, realm: domain, password: password, algorithm: .sha256),
            vertoHash: Digest.ha1(username: id, realm: domain, password: password, algorithm: .sha256),
            callerIDName: name, callerIDNumber: id, context: context)
    }

    @discardableResult
    public func addUser(id: String, password: String, domain: String?, name: String?, context: String) throws -> UserRecord {
        try Self.validate(id: id)
        let domain = domain ?? defaultDomain
        if try !store.domains().contains(domain) { try store.addDomain(domain) }
        let user = Self.makeUser(id: id, password: password, domain: domain, name: name, context: context)
        try store.addUser(user)
        return user
    }

    public func removeUser(id: String, domain: String?) throws -> Bool {
        let domain = domain ?? defaultDomain
        let removed = try store.removeUser(id, domain: domain)
        if removed { try passwords.remove("\(id)@\(domain)") }
        return removed
    }

    public func setPassword(id: String, password: String, domain: String?) throws {
        let domain = domain ?? defaultDomain
        guard var user = try store.user(id, domain: domain) else {
            throw DirectoryError(.noSuchUser, "no such user: \(id)@\(domain)")
        }
        let fresh = Self.makeUser(id: id, password: password, domain: domain, name: user.displayName, context: user.context)
        user.ha1MD5 = fresh.ha1MD5
        user.ha1SHA256 = fresh.ha1SHA256
        user.vertoHash = fresh.vertoHash
        try store.updateUser(user)
        try passwords.remove("\(id)@\(domain)")
    }

    /// One line per user: id@domain, name, context, registrations; seeded passwords on request.
    public func listing(domain: String?, showPasswords: Bool) throws -> String {
        let now = Date()
        let seeded = showPasswords ? passwords.read() : [:]
        var out = ""
        for user in try store.users(domain: domain) {
            let key = "\(user.id)@\(user.domain)"
            var line = key
            if let name = user.displayName { line += "  name=\"\(name)\"" }
            line += "  context=\(user.context)"
            let registrations = try store.registrations(user: user.id, domain: user.domain, now: now)
            line += "  registrations=\(registrations.count)"
            if showPasswords { line += "  password=\(seeded[key] ?? "(changed; not stored)")" }
            out += line + "\n"
            for r in registrations {
                out += "    \(r.contact)  via \(r.transport) \(r.sourceHost):\(r.sourcePort)  expires in \(Int(r.expires.timeIntervalSince(now)))s\n"
            }
        }
        return out
    }

    static func validate(id: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.+"))
        guard !id.isEmpty, id.count <= 64, id.unicodeScalars.allSatisfy({ allowed.contains($0) && $0.isASCII }) else {
            throw DirectoryError(.invalidValue, "invalid user id '\(id)': use letters, digits and - _ . +")
        }
    }
}

/// The domain (and digest realm) the server serves when a request or command names none.
public enum ServerDomain {
    /// Configured `core.domain`, else the first stored domain, else the host address.
    public static func resolve(configuration: ServerConfiguration, store: DirectoryStore) throws -> String {
        if let configured = configuration.core.domain { return configured }
        if let stored = try store.domains().first { return stored }
        return HostAddress.defaultDomain(listenAddress: configuration.sip.listenIP)
    }
}
