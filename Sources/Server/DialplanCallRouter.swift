import Dialplan
import Foundation
import SIPEndpoint
import SwitchCore
import Synchronization

/// Routes incoming calls with the XML dialplan. The compiled plan is swapped atomically on reload; a broken
/// file is rejected with file:line and the old plan keeps serving.
final class DialplanCallRouter: SIPCallRouter {
    private let directory: String
    private let plan: Mutex<DialplanPlan>
    private let globals: [String: String]
    let executor: CallExecutor

    init(directory: String, globals: [String: String], executor: CallExecutor) throws(DialplanLoadError) {
        self.directory = directory
        self.globals = globals
        self.executor = executor
        self.plan = Mutex(try DialplanLoader().load(directory: directory))
        executor.hunter.withLock { $0 = .init { [weak self] profile, variables in
            self?.hunt(profile, variables: variables) ?? .reject(.destinationOutOfOrder)
        } }
    }

    /// Re-reads the dialplan folder; on error the running plan is kept and the error returned.
    func reload() -> DialplanLoadError? {
        do {
            let fresh = try DialplanLoader().load(directory: directory)
            plan.withLock { $0 = fresh }
            return nil
        } catch {
            return error
        }
    }

    func route(_ call: IncomingCall) async -> CallRouting {
        hunt(call.profile, variables: call.variables)
    }

    /// Hunts the current plan in `profile.context` for `profile.destinationNumber`.
    func hunt(_ p: CallerProfile, variables: [String: String]) -> CallRouting {
        let current = plan.withLock { $0 }
        let input = DialplanInput(
            callerProfile: [
                "destination_number": p.destinationNumber, "caller_id_name": p.callerIDName,
                "caller_id_number": p.callerIDNumber, "ani": p.ani, "rdnis": p.rdnis, "network_addr": p.networkAddress,
                "context": p.context, "dialplan": p.dialplan, "username": p.username, "source": p.source,
                "chan_name": p.channelName,
            ],
            variables: globals.merging(variables) { _, new in new })
        let result = current.hunt(context: p.context, channel: input, clock: { DialplanTime.local(Date()) })
        if result.isNoRoute { return .reject(.noRouteDestination) }
        return .execute(result.actions.map { action in
            ApplicationInvocation(action.application, data: ApplicationData(segments: action.data.segments.map {
                switch $0 {
                case .template(let text): .template(text)
                case .literal(let text): .literal(text)
                }
            }))
        })
    }

    func run(_ call: IncomingCall, applications: [ApplicationInvocation], driver: SIPServerCall, media: any SIPMediaLeg) async {
        await executor.run(call, applications: applications, driver: driver, media: media)
    }

}

extension DialplanTime {
    /// Broken-down local time of `date` for time conditions (the engine itself never reads a clock).
    public static func local(_ date: Date, calendar: Calendar = .current) -> DialplanTime {
        let c = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute, .second], from: date)
        return DialplanTime(
            year: c.year ?? 1970, month: c.month ?? 1, mday: c.day ?? 1, wday: c.weekday ?? 1, hour: c.hour ?? 0,
            minute: c.minute ?? 0, second: c.second ?? 0, yday: calendar.ordinality(of: .day, in: .year, for: date) ?? 1)
    }
}
