/// How the load generator gets an answer for its offer: SIP over WebSocket (Switchboard) or Janus's
/// WebSocket API (EchoTest). Every method runs on the signalling thread.
protocol CallSignalling: AnyObject {
    /// Places call `index` with the SDP `offer`; returns the answer SDP.
    func call(index: Int, offer: String) throws -> String
    /// Keeps sessions alive and answers what the target sends meanwhile; returns within about `seconds`.
    func service(seconds: Double) throws
    /// Ends every call placed (best effort).
    func hangUpAll()
}

struct SignallingFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A SIP message split into its start line, headers (lower-case names, in order) and body.
struct SIPText {
    var startLine: String
    var headers: [(name: String, value: String)]
    var body: String

    init(_ text: String) {
        let parts = text.split(separator: "\r\n\r\n", maxSplits: 1, omittingEmptySubsequences: false)
        let lines = parts[0].split(separator: "\r\n", omittingEmptySubsequences: false)
        startLine = String(lines.first ?? "")
        headers = lines.dropFirst().compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (line[..<colon].trimmingSpaces.lowercased(), String(line[line.index(after: colon)...].trimmingSpaces))
        }
        body = parts.count > 1 ? String(parts[1]) : ""
    }

    var isResponse: Bool { startLine.hasPrefix("SIP/2.0 ") }
    var status: Int { isResponse ? Int(startLine.split(separator: " ")[1]) ?? 0 : 0 }

    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
    func all(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value) }

    /// The `tag` parameter of a From or To value.
    static func tag(of value: String) -> String? {
        value.split(separator: ";").dropFirst().lazy.map { $0.trimmingSpaces }
            .first { $0.hasPrefix("tag=") }.map { String($0.dropFirst(4)) }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
        while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}

/// A random token of `length` lower-case letters and digits.
func randomToken(_ length: Int) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    return String((0..<length).map { _ in alphabet.randomElement()! })
}
