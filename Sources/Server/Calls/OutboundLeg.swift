import Foundation
import SIPEndpoint
import SwitchCore

/// One outgoing leg (`bridge`, `originate`): a `Session` (so it is a channel like any other: listed, evented,
/// with a CDR) over the SIP UAC call that rings one registered contact.
struct OutboundLeg: Sendable {
    let session: Session
    let call: any OutboundCall
}

/// The signalling of an outgoing leg, whatever the endpoint: a SIP UAC call (`SIPClientCall`) or a call offered to a
/// browser over Verto (`VertoBrowserCall`). Progress comes as ringing, answered (with the negotiated media) or failed.
protocol OutboundCall: AnyObject, Sendable {
    var progress: AsyncStream<SIPClientCall.Progress> { get }
    var media: any SIPMediaLeg { get }
    func hangup(_ cause: HangupCause) async
    func onRemoteHangup(_ handler: @escaping @Sendable (HangupCause) -> Void)
    func onHoldChange(_ handler: @escaping @Sendable (Bool) -> Void)
}

extension SIPClientCall: OutboundCall {}

/// The `ChannelDriver` of an outgoing leg. The far end rings and answers; the session only records what the
/// call reported, so those signals send nothing. Hangup ends the call (SIP: CANCEL before the answer, BYE after).
struct SIPClientCallDriver: ChannelDriver {
    let call: any OutboundCall

    func ringReady() async throws {}
    func preAnswer() async throws {}
    func answer() async throws {}
    func hangup(_ cause: HangupCause) async { await call.hangup(cause) }
}

/// What one dial string asks for: groups tried one after the other (`|`), each ringing its targets at once
/// (`,`). `{k=v,…}` at the front sets variables on every leg, `[k=v,…]` before a target on that target's legs
/// (compat §5 `bridge`).
struct DialString: Equatable {
    struct Target: Equatable {
        var endpoint: String
        var variables: [String: String]
    }

    var groups: [[Target]]

    init(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var global: [String: String] = [:]
        if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}") {
            global = Self.assignments(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
        }
        groups = Self.split(rest, on: "|").map { group in
            Self.split(group, on: ",").compactMap { item -> Target? in
                var item = Substring(item.trimmingCharacters(in: .whitespaces))
                var variables = global
                if item.hasPrefix("["), let close = item.firstIndex(of: "]") {
                    variables.merge(Self.assignments(item[item.index(after: item.startIndex)..<close])) { _, new in new }
                    item = item[item.index(after: close)...]
                }
                let endpoint = item.trimmingCharacters(in: .whitespaces)
                return endpoint.isEmpty ? nil : Target(endpoint: endpoint, variables: variables)
            }
        }.filter { !$0.isEmpty }
    }

    /// `user/1000@domain` → ("1000", "domain"); nil for other endpoint types.
    static func userTarget(_ endpoint: String, defaultDomain: String?) -> (user: String, domain: String)? {
        guard endpoint.hasPrefix("user/") else { return nil }
        let parts = endpoint.dropFirst(5).split(separator: "@", maxSplits: 1)
        guard let user = parts.first, !user.isEmpty else { return nil }
        return (String(user), parts.count == 2 ? String(parts[1]) : (defaultDomain ?? ""))
    }

    /// `a=b,c='d,e'` → [a: b, c: d,e] (single quotes keep commas, as FreeSWITCH).
    private static func assignments(_ text: Substring) -> [String: String] {
        var result: [String: String] = [:]
        for pair in split(text, on: ",") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
            var value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") { value = String(value.dropFirst().dropLast()) }
            if !name.isEmpty { result[name] = value }
        }
        return result
    }

    /// Splits on `separator` outside `{}`, `[]` and single quotes.
    private static func split(_ text: Substring, on separator: Character) -> [Substring] {
        var parts: [Substring] = []
        var depth = 0
        var quoted = false
        var start = text.startIndex
        for index in text.indices {
            switch text[index] {
            case "'": quoted.toggle()
            case "{", "[": if !quoted { depth += 1 }
            case "}", "]": if !quoted { depth = max(0, depth - 1) }
            case separator where depth == 0 && !quoted:
                parts.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        parts.append(text[start...])
        return parts
    }
}

/// Places calls to a user's browsers (Verto connections); one `OutboundCall` per connection.
protocol BrowserDialer: Sendable {
    /// `opusSampleRate`: the band the browser is asked to send Opus in (RFC 7587 `maxplaybackrate`), when the
    /// caller's audio is narrower anyway; nil for full band.
    func dial(
        user: String, domain: String, callerName: String, callerNumber: String, opusSampleRate: Int?
    ) async -> [any OutboundCall]
}
