import Foundation

/// Where the loader reads dialplan files from; injectable so tests can use fixtures or in-memory files.
public protocol DialplanFileReader: Sendable {
    /// Names (not paths) of the entries in `directory`.
    func fileNames(inDirectory directory: String) throws -> [String]
    /// The bytes of the file at `path`.
    func contents(ofFile path: String) throws -> Data
}

/// Reads the real file system.
public struct DialplanFileSystemReader: DialplanFileReader {
    public init() {}

    public func fileNames(inDirectory directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
    }

    public func contents(ofFile path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }
}

/// Files held in memory, keyed by path (`"/dp/default.xml"`).
public struct DialplanInMemoryReader: DialplanFileReader {
    public var files: [String: String]

    public init(files: [String: String]) {
        self.files = files
    }

    public func fileNames(inDirectory directory: String) throws -> [String] {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return files.keys.compactMap { path in
            guard path.hasPrefix(prefix) else { return nil }
            let rest = path.dropFirst(prefix.count)
            return rest.contains("/") ? nil : String(rest)
        }
    }

    public func contents(ofFile path: String) throws -> Data {
        guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
        return Data(text.utf8)
    }
}
