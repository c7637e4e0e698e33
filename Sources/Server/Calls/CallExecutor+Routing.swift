import Foundation
import SIPEndpoint
import SwitchCore

extension CallExecutor {
    /// At most this many transfers per leg, so `transfer` loops in a dialplan end (FreeSWITCH caps them too).
    static let maximumTransfers = 32

    /// Runs `applications` on `session`, hunting the dialplan again after each `transfer`
    /// (compat §2.6: the new destination is routed in the new context), until the list ends or the leg hangs up.
    func execute(_ session: Session, _ applications: [ApplicationInvocation]) async -> ExecutionOutcome {
        let registry = self.registry.withLock { $0 }
        var outcome = await session.startExecution(applications, registry: registry).value
        var transfers = 0
        while outcome == .transferred, !(await session.isHungUp) {
            transfers += 1
            guard transfers <= Self.maximumTransfers else {
                logger.warning("too many transfers", metadata: ["uuid": "\(session.uuid)"])
                await session.hangup(.exchangeRoutingError)
                return .hungUp
            }
            guard let next = await reroute(session) else { return .hungUp }
            outcome = await session.startExecution(next, registry: registry).value
        }
        return outcome
    }

    /// The dialplan's applications for the leg's current destination and context, or nil after hanging the leg
    /// up with the routing failure's cause (NO_ROUTE_DESTINATION when nothing matched).
    func reroute(_ session: Session) async -> [ApplicationInvocation]? {
        let snapshot = await session.snapshot()
        var variables: [String: String] = [:]
        for name in snapshot.variables.names {
            variables[name] = snapshot.variables[name]
        }
        let routing = hunt?(snapshot.profile, variables) ?? .reject(.destinationOutOfOrder)
        switch routing {
        case .execute(let applications):
            return applications
        case .reject(let cause):
            await session.hangup(cause)
            return nil
        }
    }
}
