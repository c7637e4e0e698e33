import Foundation
import GRDB
import SwitchCore

/// Mapping between `UserRecord` and a row of the `users` table. `variables` is stored as a JSON object (text).
enum UserRow {
    static let insertSQL = """
        INSERT INTO users (display_name, ha1_md5, ha1_sha256, verto_hash, voicemail_pin, cid_name, cid_number,
                           context, variables, id, domain)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let updateSQL = """
        UPDATE users SET display_name = ?, ha1_md5 = ?, ha1_sha256 = ?, verto_hash = ?, voicemail_pin = ?,
                         cid_name = ?, cid_number = ?, context = ?, variables = ?
        WHERE id = ? AND domain = ?
        """

    /// Arguments in the order both `insertSQL` and `updateSQL` expect.
    static func arguments(for user: UserRecord) throws -> StatementArguments {
        [
            user.displayName, user.ha1MD5, user.ha1SHA256, user.vertoHash, user.voicemailPIN,
            user.callerIDName, user.callerIDNumber, user.context, try encodeVariables(user.variables),
            user.id, user.domain,
        ]
    }

    static func record(from row: Row) throws -> UserRecord {
        UserRecord(
            id: row["id"], domain: row["domain"], displayName: row["display_name"], ha1MD5: row["ha1_md5"],
            ha1SHA256: row["ha1_sha256"], vertoHash: row["verto_hash"], voicemailPIN: row["voicemail_pin"],
            callerIDName: row["cid_name"], callerIDNumber: row["cid_number"], context: row["context"],
            variables: try decodeVariables(row["variables"]))
    }

    static func encodeVariables(_ variables: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(variables), as: UTF8.self)
    }

    static func decodeVariables(_ text: String) throws -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            throw DirectoryError(.invalidValue, "stored user variables are not a JSON object of strings: \(text)")
        }
    }
}
