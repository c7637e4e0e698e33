internal import CLua
import SwitchCore

/// `session:originate` on an empty `freeswitch.Session()` object and `session:waitForAnswer` (FreeSWITCH's
/// CoreSession, compat §4.3).
extension ScriptRun {
    func legMethods(_ session: any SessionContext, _ state: SessionScriptState) -> [(String, Binding)] {
        [
            ("originate", { L in self.originate(L, state) }),
            ("waitForAnswer", { L in self.waitForAnswer(L, session) }),
        ]
    }

    /// `freeswitch.Session()`: an object with no leg. `ready()` and `answered()` are false, `hangupCause()` is
    /// `NONE` and actions fail until `originate` fills it.
    func pushEmptySession(on L: OpaquePointer) -> Int32 {
        let state = SessionScriptState()
        state.empty = true
        extraSessions.append(state)
        pushSessionObject(UnansweredLeg(cause: .none), state)
        lua_pushnil(main)
        lua_setfield(main, -2, "uuid")
        lua_xmove(main, L, 1)
        return 1
    }

    /// `originate(a_leg_session_or_nil, dialstring [, timeout_s=60])`: places the call through the host's
    /// originate (as `freeswitch.Session(dialstring)` does) and fills this object with the new leg, or with the
    /// failure's cause. Returns FreeSWITCH's status: 0 once a leg answered, 1 otherwise (so scripts check
    /// `ready()`). Caller id not set in the dial string comes from the A leg, as FreeSWITCH's originate takes it.
    private func originate(_ L: OpaquePointer, _ state: SessionScriptState) -> Int32 {
        guard let dialString = LuaStack.string(L, 3), !dialString.isEmpty else {
            return LuaStack.fail(L, "originate: expected (a_leg_session_or_nil, dialstring [, timeout])")
        }
        guard state.empty else {
            log(.err, "\(chunkName): originate: this object is already in use")
            LuaStack.push(L, .integer(1))
            return 1
        }
        guard environment.originate != nil else {
            return LuaStack.fail(L, "originate: originate is not available in this host")
        }
        let seconds = LuaStack.int(L, 4) ?? 60
        let timeout = Duration.seconds(seconds > 0 ? seconds : 60)
        let aLeg = Self.uuidField(L, 2).flatMap { uuid in sessionStates.first { $0.context?.uuid == uuid }?.context }
        return wait(L, "originate", media: false) {
            var dial = dialString
            if let aLeg { dial = await Self.inheritingCallerID(dialString, from: aLeg) }
            guard let leg = await self.originateLeg(dial, timeout: timeout) else { return .values([.integer(1)]) }
            self.refill(state, with: leg)
            let answered = !(leg is UnansweredLeg)
            // A failed originate leaves the object empty (FreeSWITCH keeps no channel): it may originate again.
            state.empty = !answered
            state.autoHangup = answered
            return .values([.integer(answered ? 0 : 1)])
        }
    }

    /// Every session object of this run: the `session` global and those the script made.
    var sessionStates: [SessionScriptState] { [sessionState] + extraSessions }

    /// Places a call for a script: the answered leg, an ``UnansweredLeg`` with the cause, or nil without a host.
    func originateLeg(_ dialString: String, timeout: Duration) async -> (any SessionContext)? {
        guard let originate = environment.originate else { return nil }
        switch await originate(dialString, timeout) {
        case .answered(let leg):
            return leg
        case .failed(let cause):
            log(.info, "\(chunkName): originate \(dialString) failed: \(cause.name)")
            return UnansweredLeg(cause: cause)
        }
    }

    /// Replaces the methods and `uuid` of `state`'s table with those of `leg`.
    private func refill(_ state: SessionScriptState, with leg: any SessionContext) {
        guard let reference = state.tableReference else { return }
        lua_rawgeti(main, LuaStack.registryIndex, lua_Integer(reference))
        for (name, body) in sessionMethods(leg, state) {
            pushFunction(body)
            lua_setfield(main, -2, name)
        }
        LuaStack.push(main, leg.uuid)
        lua_setfield(main, -2, "uuid")
        lua_settop(main, -2)
    }

    /// Adds the A leg's caller id as `origination_caller_id_name`/`_number` unless the dial string sets them.
    static func inheritingCallerID(_ dialString: String, from aLeg: any SessionContext) async -> String {
        let profile = await aLeg.callerProfile()
        var added: [String] = []
        for (name, value) in [("origination_caller_id_name", profile.callerIDName),
                              ("origination_caller_id_number", profile.callerIDNumber)]
        where !value.isEmpty && !dialString.contains(name + "=") {
            added.append("\(name)=\(value)")
        }
        guard !added.isEmpty else { return dialString }
        let variables = added.joined(separator: ",")
        if dialString.hasPrefix("{") { return "{" + variables + "," + dialString.dropFirst() }
        return "{" + variables + "}" + dialString
    }

    /// `other:waitForAnswer(calling_session)`: waits until `other` (the object it is called on) is answered or
    /// hung up, at most the calling session's `call_timeout` (default 60 s), as FreeSWITCH's
    /// `switch_ivr_wait_for_answer(calling, other)` does. No ringback is played to the calling session.
    private func waitForAnswer(_ L: OpaquePointer, _ target: any SessionContext) -> Int32 {
        guard let callerUUID = Self.uuidField(L, 2) else {
            return LuaStack.fail(L, "waitForAnswer: expected the calling session object")
        }
        let caller = sessionStates.first { $0.context?.uuid == callerUUID }?.context
        let (bus, clock) = (environment.eventBus, environment.clock)
        return wait(L, "waitForAnswer") {
            let configured = Int(await caller?.variable("call_timeout") ?? "") ?? 0
            let limit = Duration.seconds(configured > 0 ? configured : 60)
            await AnswerWait(target: target, bus: bus, clock: clock).run(limit: limit)
            return .values([])
        }
    }
}

/// Waits for a leg's CHANNEL_ANSWER or CHANNEL_HANGUP on the event bus, or for a time limit.
struct AnswerWait {
    let target: any SessionContext
    let bus: EventBus
    let clock: any Clock<Duration>

    func isSettled() async -> Bool {
        if await target.isHungUp { return true }
        return await LegStatus(target).answered
    }

    func run(limit: Duration) async {
        // Subscribe before looking, so an answer between the look and the wait is not missed.
        let subscription = bus.subscribe(EventFilter(names: [.channelAnswer, .channelHangup]), bufferSize: 16)
        defer { subscription.cancel() }
        if await isSettled() { return }
        let uuid = target.uuid
        let clock = clock
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in subscription.events where event["Unique-ID"] == uuid { return }
            }
            group.addTask { try? await clock.sleep(for: limit) }
            await group.next()
            group.cancelAll()
            subscription.cancel()
        }
    }
}
