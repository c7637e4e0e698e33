import Foundation

/// One header of an event. Order matters for the wire format, so events keep a list, not a dictionary.
public struct EventHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An event as the event socket delivers it: `Event-Name` first, then headers in insertion order, then an
/// optional body.
public struct SwitchEvent: Sendable, Hashable {
    public let name: EventName
    public private(set) var headers: [EventHeader]
    public var body: String?

    public init(_ name: EventName, headers: [EventHeader] = [], body: String? = nil) {
        self.name = name
        var all = [EventHeader("Event-Name", name.wireName)]
        if case .custom(let subclass) = name {
            all.append(EventHeader("Event-Subclass", subclass))
        }
        self.headers = all + headers
        self.body = body
    }

    /// The first header with this name (case-insensitive, as event-socket filters compare them).
    public subscript(header: String) -> String? {
        if let exact = headers.first(where: { $0.name == header }) { return exact.value }
        return headers.first { Self.namesMatch($0.name, header) }?.value
    }

    /// ASCII case-insensitive equality of header names, byte by byte: no Foundation bridging or allocation (this
    /// runs for every header of every event a subscriber filters).
    static func namesMatch(_ a: String, _ b: String) -> Bool {
        var left = a.utf8.makeIterator()
        var right = b.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return true
            case (let x?, let y?):
                if x == y { continue }
                guard x | 0x20 == y | 0x20, (0x61...0x7A).contains(x | 0x20) else { return false }
            default: return false
            }
        }
    }

    public mutating func addHeader(_ name: String, _ value: String) {
        headers.append(EventHeader(name, value))
    }

    public mutating func addHeaders(_ more: [(name: String, value: String)]) {
        headers.append(contentsOf: more.map { EventHeader($0.name, $0.value) })
    }

    /// The `text/event-plain` form (mod_event_socket, `switch_event_serialize`): `Name: url-encoded value`
    /// lines; with a body, a `Content-Length` header, a blank line and the body. Without a body the text ends
    /// with a blank line.
    public func plainText() -> String {
        var text = ""
        for header in headers {
            text += header.name + ": " + Self.urlEncode(header.value) + "\n"
        }
        if let body, !body.isEmpty {
            text += "Content-Length: \(body.utf8.count)\n\n" + body
        } else {
            text += "\n"
        }
        return text
    }

    /// Percent-encodes as `switch_url_encode` does: control bytes, bytes ≥ 0x7F, space and
    /// `"#%&+:;<=>?@[\]^`{|}` become `%XX`; everything else is kept.
    public static func urlEncode(_ value: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            if byte < 0x20 || byte >= 0x7F || unsafeBytes.contains(byte) {
                encoded += "%" + String(byte >> 4, radix: 16, uppercase: true)
                    + String(byte & 0x0F, radix: 16, uppercase: true)
            } else {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return encoded
    }

    private static let unsafeBytes: Set<UInt8> = Set(" \"#%&+:;<=>?@[\\]^`{|}".utf8)
}
