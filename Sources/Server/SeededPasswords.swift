import Foundation

/// The file of seeded users' initial passwords: one `user@domain password` per line, mode 0600.
public struct SeededPasswords: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public func read() -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }

    public func write(_ entries: [String: String]) throws {
        let text = entries.keys.sorted().map { "\($0) \(entries[$0]!)\n" }.joined()
        let created = FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        if !created { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// Forgets one user's initial password (after it was changed or the user removed).
    public func remove(_ key: String) throws {
        var entries = read()
        guard entries.removeValue(forKey: key) != nil else { return }
        try write(entries)
    }

    /// A random password of `length` characters from an alphabet without look-alikes.
    public static func generatePassword(length: Int = 12) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(rng.next(upperBound: UInt64(alphabet.count)))] })
    }
}
