import Foundation
internal import CLua
import SwitchCore

/// The leg's event queue from Lua (compat §4.3): `sendEvent(event)` queues a copy to the leg, where an input
/// callback receives it (input type `"event"`) during `streamFile`, `sleep`, `recordFile` or `collectDigits`;
/// `flushEvents()` discards what is queued; `setEventData(event)` adds the channel's headers to an event.
extension ScriptRun {
    func eventMethods(_ session: any SessionContext) -> [(String, Binding)] {
        [
            ("sendEvent", { L in
                guard let box = self.eventBox(L, 2) else { return LuaStack.fail(L, "sendEvent: expected an Event") }
                guard let queue = session.eventQueue else {
                    self.log(.err, "\(self.chunkName): sendEvent: channel \(session.uuid) has no event queue")
                    LuaStack.push(L, .integer(0))
                    return 1
                }
                queue.append(box.event)
                LuaStack.push(L, .integer(0))   // CoreSession::sendEvent returns 0
                return 1
            }),
            ("flushEvents", { L in
                session.eventQueue?.removeAll()
                LuaStack.push(L, .integer(0))   // SWITCH_STATUS_SUCCESS
                return 1
            }),
            ("insertFile", { L in self.insertFile(L, session) }),
            ("getXMLCDR", { L in
                self.wait(L, "getXMLCDR", media: false) {
                    guard let source = session as? any LegSnapshotSource, let snapshot = await source.legSnapshot() else {
                        return .values([.string("")])
                    }
                    return .values([.string(XMLCDR(snapshot: snapshot).text)])
                }
            }),
            ("setEventData", { L in
                guard let box = self.eventBox(L, 2) else { return LuaStack.fail(L, "setEventData: expected an Event") }
                return self.wait(L, "setEventData", media: false) {
                    box.event.addHeaders(await Self.channelHeaders(session))
                    return .values([])
                }
            }),
        ]
    }

    /// The headers `switch_channel_event_set_data` adds: the channel's state, `Unique-ID`, caller profile
    /// (`Caller-*`) and every variable as `variable_<name>`.
    static func channelHeaders(_ session: any SessionContext) async -> [(name: String, value: String)] {
        guard let source = session as? any LegSnapshotSource, let snapshot = await source.legSnapshot() else {
            return [("Unique-ID", session.uuid)]
        }
        let skipped: Set<String> = ["Event-Name", "Event-Subclass", "Core-UUID", "FreeSWITCH-Hostname",
                                    "Event-Date-Timestamp"]
        let template = SwitchEvent.channel(
            .custom(subclass: "lua::set_event_data"), snapshot: snapshot, at: Date(), coreUUID: "", hostname: "",
            includeVariables: true)
        return template.headers.filter { !skipped.contains($0.name) }.map { ($0.name, $0.value) }
    }
}
