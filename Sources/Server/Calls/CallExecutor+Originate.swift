import Foundation
import SDP
import SIPEndpoint
import SwitchCore

/// The `originate` API command (compat §8.4):
/// `originate <dialstring> <exten>|&<app>(<args>) [<dialplan>] [<context>] [<cid_name>] [<cid_num>] [<timeout_s>]`.
/// Rings the dial string; when a leg answers it runs the application, or is routed to the extension through the
/// dialplan, and the command replies `+OK <uuid>` at once. A failure replies `-ERR <CAUSE>`.
extension CallExecutor {
    struct OriginateRequest: Equatable {
        enum Destination: Equatable {
            case application(name: String, arguments: String)
            case extensionNumber(String)
        }

        var dialString: String
        var destination: Destination
        var dialplan = "XML"
        var context = "default"
        var callerIDName = "FreeSWITCH"
        var callerIDNumber = "0000000000"
        var timeout = 60

        static let usage = "-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] "
            + "[<cid_name>] [<cid_num>] [<timeout_sec>]\n"

        /// Nil when the arguments do not have the command's shape.
        init?(parsing arguments: String) {
            let words = Self.words(arguments)
            guard words.count >= 2 else { return nil }
            dialString = words[0]
            let target = words[1]
            if target.hasPrefix("&") {
                let body = target.dropFirst()
                if let open = body.firstIndex(of: "("), body.hasSuffix(")") {
                    destination = .application(
                        name: String(body[..<open]), arguments: String(body[body.index(after: open)..<body.index(before: body.endIndex)]))
                } else {
                    destination = .application(name: String(body), arguments: "")
                }
                if case .application(let name, _) = destination, name.isEmpty { return nil }
            } else {
                destination = .extensionNumber(target)
            }
            if words.count > 2, words[2] != "undef" { dialplan = words[2] }
            if words.count > 3, words[3] != "undef" { context = words[3] }
            if words.count > 4, words[4] != "undef" { callerIDName = words[4] }
            if words.count > 5, words[5] != "undef" { callerIDNumber = words[5] }
            if words.count > 6 {
                guard let seconds = Int(words[6]), seconds > 0 else { return nil }
                timeout = seconds
            }
        }

        /// Space-separated words; spaces inside `{}`, `[]`, `()` or single quotes do not split.
        static func words(_ text: String) -> [String] {
            var words: [String] = []
            var current = ""
            var depth = 0
            var quoted = false
            for character in text {
                switch character {
                case "'": quoted.toggle()
                case "{", "[", "(": if !quoted { depth += 1 }
                case "}", "]", ")": if !quoted { depth = max(0, depth - 1) }
                default: break
                }
                if (character == " " || character == "\t"), depth == 0, !quoted {
                    if !current.isEmpty { words.append(current) }
                    current = ""
                } else {
                    current.append(character)
                }
            }
            if !current.isEmpty { words.append(current) }
            return words
        }
    }

    /// Runs the `originate` command.
    func originate(_ arguments: String) async -> String {
        guard let request = OriginateRequest(parsing: arguments) else { return OriginateRequest.usage }
        let caller = Caller(
            name: request.callerIDName, number: request.callerIDNumber, context: request.context,
            domain: environment.globals["domain"], codecs: [.pcmu, .pcma], tainted: false)
        var cause = HangupCause.userNotRegistered
        for group in DialString(request.dialString).groups {
            let legs = await ring(group, as: caller)
            guard !legs.isEmpty else { continue }
            switch await firstAnswer(legs, timeout: .seconds(request.timeout), onRinging: {}, abandoned: { false }) {
            case .answered(let leg):
                start(request.destination, on: leg.session, dialplan: request.dialplan, context: request.context)
                return "+OK \(leg.session.uuid)\n"
            case .failed(let c):
                cause = c
            }
        }
        return "-ERR \(cause.name)\n"
    }

    /// Runs the originated leg's application, or routes it to the extension, in the background.
    private func start(_ destination: OriginateRequest.Destination, on session: Session, dialplan: String, context: String) {
        Task { [weak self] in
            guard let self else { return }
            let applications: [ApplicationInvocation]
            switch destination {
            case .application(let name, let arguments):
                applications = [ApplicationInvocation(name, arguments)]
            case .extensionNumber(let number):
                await session.updateCallerProfile { profile in
                    profile.destinationNumber = number
                    profile.dialplan = dialplan
                    profile.context = context
                }
                guard let routed = await reroute(session) else { return }
                applications = routed
            }
            let outcome = await execute(session, applications)
            if !(await session.isHungUp) { await session.hangup(.normalClearing) }
            logger.info("originated call ended", metadata: ["uuid": "\(session.uuid)", "outcome": "\(outcome)"])
        }
    }
}
