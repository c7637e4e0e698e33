import Foundation
import SIPEndpoint
import SwitchCore

/// `park`, `execute_extension` and the `uuid_transfer` API: the applications that need the leg's `Session` and the
/// dialplan, which `SessionContext` does not offer.
extension CallExecutor {
    func registerRoutingApplications() {
        registry.withLock { r in
            r.register("park") { [weak self] context, _ in await self?.park(context) }
            r.register("execute_extension") { [weak self] context, data in
                await self?.executeExtension(context, data.text)
            }
            r.register("send_dtmf") { [weak self] context, data in
                guard let self else { return }
                let reply = await self.sendDTMF(uuid: context.uuid, data.text)
                if !reply.hasPrefix("+OK") { self.logger.warning("send_dtmf: \(reply)", metadata: ["uuid": "\(context.uuid)"]) }
            }
        }
    }

    /// `park`: the leg stays up in CS_PARK, doing nothing, until it is transferred (`uuid_transfer`) or hung up.
    func park(_ context: any SessionContext) async {
        guard let session = await sessions.session(context.uuid), await session.park() else { return }
        while await session.channelState == .park {
            do { try await Task.sleep(for: .milliseconds(100)) } catch { return }
        }
    }

    /// `execute_extension <ext> [<dialplan>] [<context>]`: hunts `ext` (in the given or current context) and runs
    /// its applications inline, then the dialplan goes on with the next action (compat §5).
    func executeExtension(_ context: any SessionContext, _ data: String) async {
        let words = data.split(separator: " ").map(String.init)
        guard let destination = words.first, let session = await sessions.session(context.uuid) else {
            logger.error("execute_extension: usage: <extension> [<dialplan>] [<context>]", metadata: ["uuid": "\(context.uuid)"])
            return
        }
        let snapshot = await session.snapshot()
        var profile = snapshot.profile
        profile.destinationNumber = destination
        if words.count > 2 { profile.context = words[2] }
        var variables: [String: String] = [:]
        for name in snapshot.variables.names { variables[name] = snapshot.variables[name] }
        guard case .execute(let applications) = hunt?(profile, variables) ?? .reject(.noRouteDestination)
        else {
            logger.warning("execute_extension: no route for \(destination) in \(profile.context)", metadata: ["uuid": "\(context.uuid)"])
            return
        }
        await session.runInline(applications, registry: registry.withLock { $0 })
    }

    /// `uuid_transfer <uuid> [-bleg|-both] <dest> [<dialplan>] [<context>]`: routes the leg again; a parked leg
    /// leaves the park at once, a leg running another application when that application ends.
    func uuidTransfer(_ arguments: String) async -> String {
        var words = arguments.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 2 else { return "-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n" }
        guard let session = await sessions.session(words.removeFirst()) else { return "-ERR No such channel!\n" }
        var targets = [session]
        if let flag = words.first, flag.hasPrefix("-") {
            words.removeFirst()
            let partner = await session.snapshot().bridgedTo
            let other = await partner.asyncMap { await sessions.session($0) } ?? nil
            switch flag {
            case "-bleg": targets = other.map { [$0] } ?? []
            case "-both": targets = [session] + (other.map { [$0] } ?? [])
            default: return "-ERR unknown flag \(flag)\n"
            }
        }
        guard let destination = words.first, !targets.isEmpty else { return "-ERR No such channel!\n" }
        for target in targets {
            let moved = await target.transfer(
                to: destination, dialplan: words.count > 1 ? words[1] : nil, context: words.count > 2 ? words[2] : nil)
            if !moved { return "-ERR channel cannot be transferred now\n" }
        }
        return "+OK\n"
    }
}

extension CallExecutor {
    /// `send_dtmf <digits>[@<tone_duration_ms>]` on a leg; also `uuid_send_dtmf <uuid> <digits>[@<ms>]`.
    func sendDTMF(uuid: String, _ data: String) async -> String {
        let text = data.trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: "@", maxSplits: 1)
        guard let digits = parts.first, !digits.isEmpty,
            digits.allSatisfy({ "0123456789*#ABCDabcdwW".contains($0) })
        else { return "-USAGE: <digits>[@<tone_duration_ms>]\n" }
        var duration = Duration.milliseconds(250)
        if parts.count == 2 {
            guard let ms = Int(parts[1]), (40...5000).contains(ms) else { return "-ERR bad tone duration \(parts[1])\n" }
            duration = .milliseconds(ms)
        }
        guard let leg = media.withLock({ $0[uuid] }) else { return "-ERR No such channel!\n" }
        let normalized = String(digits.map { "abcd".contains($0) ? Character($0.uppercased()) : $0 })
        let sent = (try? await leg.sendDTMF(normalized, duration: duration)) ?? false
        return sent ? "+OK\n" : "-ERR the peer did not negotiate telephone-event\n"
    }

    func uuidSendDTMF(_ arguments: String) async -> String {
        let words = arguments.split(separator: " ", maxSplits: 1).map(String.init)
        guard words.count == 2 else { return "-USAGE: <uuid> <dtmf_data>\n" }
        return await sendDTMF(uuid: words[0], words[1])
    }
}

extension Optional {
    fileprivate func asyncMap<T>(_ transform: (Wrapped) async -> T) async -> T? {
        guard let value = self else { return nil }
        return await transform(value)
    }
}
