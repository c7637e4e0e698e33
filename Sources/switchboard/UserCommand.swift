import ArgumentParser
import Foundation
import Server
import SwitchCore

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage directory users (works while the server runs).",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "User id, e.g. 1000.") var id: String
        @Option(help: "SIP and Verto password.") var password: String
        @Option(help: "Domain (default: the server's).") var domain: String?
        @Option(help: "Display name / caller-id name.") var name: String?
        @Option(help: "Dialplan context for the user's calls.") var context: String = "default"

        func run() throws {
            let admin = try UserAdministration(common.load())
            let user = try admin.addUser(id: id, password: password, domain: domain, name: name, context: context)
            print("added \(user.id)@\(user.domain)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users and their registrations.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Only this domain.") var domain: String?
        @Flag(name: .customLong("show-passwords"), help: "Show seeded initial passwords (local machine only).")
        var showPasswords = false

        func run() throws {
            let admin = try UserAdministration(common.load())
            print(try admin.listing(domain: domain, showPasswords: showPasswords), terminator: "")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a user and its registrations.")
        @OptionGroup var common: CommonOptions
        @Argument var id: String
        @Option var domain: String?

        func run() throws {
            let admin = try UserAdministration(common.load())
            guard try admin.removeUser(id: id, domain: domain) else {
                throw ValidationError("no such user: \(id)")
            }
            print("removed \(id)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password.")
        @OptionGroup var common: CommonOptions
        @Argument var id: String
        @Option(help: "New password (default: a random one, printed).") var password: String?
        @Option var domain: String?

        func run() throws {
            let admin = try UserAdministration(common.load())
            let newPassword = password ?? SeededPasswords.generatePassword()
            try admin.setPassword(id: id, password: newPassword, domain: domain)
            print(password == nil ? "password for \(id): \(newPassword)" : "password changed for \(id)")
        }
    }
}
