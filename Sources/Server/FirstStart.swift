import Directory
import Foundation
import SwitchCore

/// On first start with an empty store: the domain, and users 1000–1019 with random passwords, printed
/// once and kept (mode 0600) for `switchboard user list --show-passwords`. Never FreeSWITCH's `1234`.
enum FirstStart {
    static let seededUsers = (1000...1019).map(String.init)

    static func seedIfEmpty(store: DirectoryStore, domain: String, passwords: SeededPasswords) throws {
        if try !store.domains().contains(domain) { try store.addDomain(domain) }
        guard try store.users(domain: nil).isEmpty else { return }
        var created: [String: String] = [:]
        for id in seededUsers {
            let password = SeededPasswords.generatePassword()
            try store.addUser(UserAdministration.makeUser(id: id, password: password, domain: domain, name: nil, context: "default"))
            created["\(id)@\(domain)"] = password
        }
        try passwords.write(created)
        var text = "First start: created users 1000-1019 in domain \(domain). Their passwords (shown once; again with\n"
        text += "`switchboard user list --show-passwords`):\n"
        for key in created.keys.sorted() { text += "  \(key)  \(created[key]!)\n" }
        // Written straight to the file descriptor: stdout may be a pipe, and print() would buffer it.
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
