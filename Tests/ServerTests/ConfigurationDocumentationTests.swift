import Foundation
import Server
import Testing

/// Keeps `docs/configuration.md` true: every documented key exists, its documented default is the real one, and
/// the example file parses.
@Suite("docs/configuration.md")
struct ConfigurationDocumentationTests {
    private static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/configuration.md")

    private static func document() throws -> String {
        try String(contentsOf: documentURL, encoding: .utf8)
    }

    /// (table, key, default column) of every row of the key tables, in document order.
    private static func documentedKeys(in text: String) -> [(table: String, key: String, defaultValue: String)] {
        var table = ""
        var rows: [(String, String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## `[") {
                table = String(line.dropFirst(5).prefix { $0 != "]" })
            } else if line.hasPrefix("| `"), !table.isEmpty {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                rows.append((table, cells[0].trimmingCharacters(in: ["`"]), cells[2]))
            }
        }
        return rows
    }

    @Test func everyDocumentedKeyExistsWithItsDocumentedDefault() throws {
        let rows = Self.documentedKeys(in: try Self.document())
        #expect(rows.count == 35)  // core 8, sip 10, registrar 7, rtp 3, media 1, verto 3, event_socket 3
        for row in rows {
            if row.defaultValue == "*(unset)*" {
                continue
            }
            let literal = row.defaultValue.trimmingCharacters(in: ["`"])
            let text = "[\(row.table)]\n\(row.key) = \(literal)\n"
            let parsed = try ServerConfiguration(toml: text, file: "docs")
            #expect(parsed == ServerConfiguration(), "\(row.table).\(row.key) = \(literal)")
        }
    }

    @Test func unsetDefaultsAreNil() throws {
        let unset = Self.documentedKeys(in: try Self.document()).filter { $0.defaultValue == "*(unset)*" }
        #expect(unset.map { "\($0.table).\($0.key)" }.sorted() == [
            "core.domain", "rtp.ext_rtp_ip", "sip.ext_sip_ip", "sip.tls_certificate", "sip.tls_private_key",
        ])
        let defaults = ServerConfiguration()
        #expect(defaults.core.domain == nil && defaults.rtp.extRTPIP == nil && defaults.sip.extSIPIP == nil)
        #expect(defaults.sip.tlsCertificate == nil && defaults.sip.tlsPrivateKey == nil)
    }

    @Test func exampleFileParses() throws {
        let text = try Self.document()
        let start = try #require(text.range(of: "```toml\n"))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let example = try ServerConfiguration(toml: String(text[start.upperBound..<end.lowerBound]), file: "example")
        #expect(example.core.domain == "pbx.example.com")
        #expect(example.media.codecs == ["opus", "PCMU", "PCMA"])
        #expect(example.rtp.portMax == 29999)
    }
}
