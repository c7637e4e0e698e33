#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entries of one table of `switchboard.toml`, with the table's name for error messages.
struct ConfigurationTableReader {
    let table: TOMLDocument.Table
    let file: String

    var fields: [ConfigurationField] {
        table.entries.map { ConfigurationField(table: table.name, entry: $0, file: file) }
    }

    func unknownKey(_ entry: TOMLDocument.Entry) -> ConfigurationError {
        ConfigurationField(table: table.name, entry: entry, file: file).unknownKey()
    }

    /// An error about how several keys relate, placed at the last of them written in this table (or at the header).
    func relationError(keys: [String], _ message: String) -> ConfigurationError {
        let line = keys.compactMap { table.entry($0)?.line }.max() ?? table.line
        return ConfigurationError(file: file, line: line, message: message)
    }
}

/// One `key = value` of a known table, read as the type its key wants. Every error names `table.key` and the line.
struct ConfigurationField {
    let table: String
    let entry: TOMLDocument.Entry
    let file: String

    var key: String { entry.key }
    var name: String { table.isEmpty ? entry.key : "\(table).\(entry.key)" }

    func unknownKey() -> ConfigurationError {
        ConfigurationError(file: file, line: entry.line, message: "unknown key '\(name)'")
    }

    func error(_ expectation: String) -> ConfigurationError {
        ConfigurationError(file: file, line: entry.line, message: "\(name): \(expectation)")
    }

    func integer(in range: ClosedRange<Int>) throws -> Int {
        let expectation = "expected an integer \(range.lowerBound)–\(range.upperBound)"
        guard case .integer(let value) = entry.value else {
            throw error("\(expectation), found \(entry.value.typeName)")
        }
        guard range.contains(value) else {
            throw error("\(expectation), found \(value)")
        }
        return value
    }

    /// A TCP/UDP port; 0 disables the listener it configures.
    func port() throws -> Int {
        try integer(in: 0...65535)
    }

    func string() throws -> String {
        guard case .string(let value) = entry.value else {
            throw error("expected a string, found \(entry.value.typeName)")
        }
        return value
    }

    func nonEmptyString() throws -> String {
        let value = try string()
        guard !value.isEmpty else {
            throw error("expected a non-empty string")
        }
        return value
    }

    /// A host name or an IP address literal (no white space, not empty).
    func hostName() throws -> String {
        let value = try string()
        guard !value.isEmpty, !value.contains(where: { $0.isWhitespace || $0 == "/" }) else {
            throw error("expected a host name or IP address, found '\(value)'")
        }
        return value
    }

    /// An IPv4 or IPv6 address literal (IPv6 without brackets), as `inet_pton` accepts it.
    func ipAddress() throws -> String {
        let value = try string()
        var buffer = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET, value, &buffer) == 1 || inet_pton(AF_INET6, value, &buffer) == 1 else {
            throw error("expected an IPv4 or IPv6 address, found '\(value)'")
        }
        return value
    }

    /// One of the raw values of `T`.
    func choice<T: CaseIterable & RawRepresentable>(of type: T.Type) throws -> T where T.RawValue == String {
        let value = try string()
        guard let choice = T(rawValue: value) else {
            let names = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error("expected one of \(names), found '\(value)'")
        }
        return choice
    }

    /// A non-empty list of distinct codec names from `supported`, matched without regard to case and returned as
    /// spelled in `supported`.
    func codecList(supported: [String]) throws -> [String] {
        guard case .array(let elements) = entry.value else {
            throw error("expected an array of strings, found \(entry.value.typeName)")
        }
        var codecs: [String] = []
        for element in elements {
            guard case .string(let name) = element else {
                throw error("expected an array of strings, found an array holding \(element.typeName)")
            }
            guard let codec = supported.first(where: { $0.lowercased() == name.lowercased() }) else {
                throw error("unknown codec '\(name)' (supported: \(supported.joined(separator: ", ")))")
            }
            guard !codecs.contains(codec) else {
                throw error("codec '\(name)' is listed twice")
            }
            codecs.append(codec)
        }
        guard !codecs.isEmpty else {
            throw error("expected at least one codec")
        }
        return codecs
    }
}
