import Foundation
import SwitchCore

/// `session:getXMLCDR()`: the leg as FreeSWITCH's XML CDR (`switch_ivr_generate_xml_cdr`) so far:
/// `channel_data`, `variables` (values URL-encoded, as mod_xml_cdr writes them) and a `callflow` with the
/// caller profile and the times (microseconds since the epoch, 0 when not reached yet).
struct XMLCDR {
    let snapshot: ChannelSnapshot

    var text: String {
        var lines = ["<?xml version=\"1.0\"?>", "<cdr>", "  <channel_data>"]
        lines.append(Self.element("state", snapshot.channelState.name, indent: 4))
        lines.append(Self.element("direction", snapshot.direction.rawValue, indent: 4))
        lines.append(Self.element("state_number", String(snapshot.channelState.number), indent: 4))
        lines += ["  </channel_data>", "  <variables>"]
        for name in snapshot.variables.names where Self.isElementName(name) {
            lines.append(Self.element(name, SwitchEvent.urlEncode(snapshot.variables[name] ?? ""), indent: 4))
        }
        lines += ["  </variables>", "  <callflow>", "    <caller_profile>"]
        for (name, value) in snapshot.profile.variables {
            lines.append(Self.element(name, value, indent: 6))
        }
        lines += ["    </caller_profile>", "    <times>"]
        let times: [(String, Date?)] = [
            ("created_time", snapshot.createdAt), ("progress_time", snapshot.progressAt),
            ("progress_media_time", snapshot.progressMediaAt), ("answered_time", snapshot.answeredAt),
            ("hangup_time", snapshot.hungupAt),
        ]
        for (name, date) in times {
            let microseconds = date.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded(.down)) } ?? 0
            lines.append(Self.element(name, String(microseconds), indent: 6))
        }
        lines += ["    </times>", "  </callflow>", "</cdr>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func element(_ name: String, _ value: String, indent: Int) -> String {
        String(repeating: " ", count: indent) + "<\(name)>\(escape(value))</\(name)>"
    }

    /// Variable names that are valid XML element names (others are left out rather than break the document).
    private static func isElementName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, CharacterSet.letters.contains(first) || first == "_" else {
            return false
        }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "_-."))
        return name.unicodeScalars.allSatisfy { allowed.contains($0) }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
