/// How an application list ended.
public enum ExecutionOutcome: Sendable, Hashable {
    /// Every application ran. A leg still in CS_EXECUTE was then hung up with NORMAL_CLEARING (compat §2.4
    /// step 6); a parked or bridged leg is left as it is.
    case completed
    /// The leg hung up (or the task was cancelled) before the list ended.
    case hungUp
    /// `transfer` replaced the list; route the leg again.
    case transferred
}

extension Session {
    /// Runs the applications the dialplan produced, in order (CS_ROUTING → CS_EXECUTE). Each application's data
    /// is expanded just before it runs. An unknown application hangs the leg up with DESTINATION_OUT_OF_ORDER,
    /// as FreeSWITCH does ("Invalid Application"). When the list is exhausted and the leg is still executing, it
    /// is hung up with NORMAL_CLEARING.
    public func run(_ applications: [ApplicationInvocation], registry: ApplicationRegistry) async -> ExecutionOutcome {
        if channel.state == .new || channel.state == .initial {
            _ = apply(.route)
        }
        if channel.state == .routing {
            _ = apply(.execute)
        }
        let generation = routingGeneration
        for invocation in applications {
            if channel.state.isEnding || Task.isCancelled { return .hungUp }
            if routingGeneration != generation { return .transferred }
            guard let implementation = registry.application(named: invocation.name) else {
                variables.set("current_application_response", "Invalid Application")
                await hangup(.destinationOutOfOrder)
                return .hungUp
            }
            await execute(invocation, implementation)
        }
        if channel.state.isEnding || Task.isCancelled { return .hungUp }
        if routingGeneration != generation { return .transferred }
        if channel.state == .execute {
            await hangup(.normalClearing)
        }
        return .completed
    }

    /// Starts `run` in a task owned by the session, so `hangup` cancels it. Returns the task's outcome.
    public func startExecution(
        _ applications: [ApplicationInvocation], registry: ApplicationRegistry
    ) -> Task<ExecutionOutcome, Never> {
        let task = Task { await self.run(applications, registry: registry) }
        cancelExecution = { task.cancel() }
        return task
    }

    /// Runs `applications` in order on this leg as part of the current application (`execute_extension`): no
    /// routing state changes, and the leg is not hung up when the list ends. Stops early when the leg hangs up,
    /// is transferred or the task is cancelled; an unknown application is logged in `current_application_response`
    /// and skipped.
    public func runInline(_ applications: [ApplicationInvocation], registry: ApplicationRegistry) async {
        let generation = routingGeneration
        for invocation in applications {
            if channel.state.isEnding || Task.isCancelled || routingGeneration != generation { return }
            guard let implementation = registry.application(named: invocation.name) else {
                variables.set("current_application_response", "Invalid Application")
                continue
            }
            await execute(invocation, implementation)
        }
    }

    private func execute(_ invocation: ApplicationInvocation, _ implementation: Application) async {
        let expansion = VariableExpander(
            variables: variables, profile: profile, globals: environment.globals.snapshot()
        ).expand(invocation.data)
        let data = expansion.text
        application = invocation.name
        applicationData = data
        variables.set("current_application", invocation.name)
        variables.set("current_application_data", data)
        let headers: [(name: String, value: String)] = [("Application", invocation.name), ("Application-Data", data)]
        publish(.channelExecute, extra: headers)
        do {
            try await implementation(self, expansion)
        } catch {
            variables.set("last_app_error", String(describing: error))
        }
        let response = variables["current_application_response"] ?? "_none_"
        publish(.channelExecuteComplete, extra: headers + [("Application-Response", response)])
        application = nil
        applicationData = nil
    }
}
