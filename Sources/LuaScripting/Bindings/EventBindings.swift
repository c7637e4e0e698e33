import Foundation
import Synchronization
internal import CLua
import SwitchCore

/// `freeswitch.Event(type [, subclass])` and `freeswitch.EventConsumer([name [, subclass]])` over the core's
/// `EventBus` (compat §4.2).
final class EventBox {
    var event: SwitchEvent
    init(_ event: SwitchEvent) { self.event = event }
}

/// Events a consumer received and the script has not popped yet. The bus feeds it from a task.
final class EventQueue: Sendable {
    private let events = Mutex<[SwitchEvent]>([])
    func append(_ event: SwitchEvent) { events.withLock { $0.append(event) } }
    func pop() -> SwitchEvent? { events.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
}

final class EventConsumerBox {
    var filter = EventFilter()
    var subscription: EventSubscription?
    var pump: Task<Void, Never>?
    let queue = EventQueue()

    /// (Re)subscribes with the current filter.
    func subscribe(_ bus: EventBus) {
        subscription?.cancel()
        pump?.cancel()
        let subscription = bus.subscribe(filter, bufferSize: 5000)
        let queue = queue
        pump = Task {
            for await event in subscription.events { queue.append(event) }
        }
        self.subscription = subscription
    }

    func cleanup() {
        subscription?.cancel()
        pump?.cancel()
        subscription = nil
        pump = nil
    }

    deinit { cleanup() }
}

extension ScriptRun {
    func eventConstructors() -> [(String, Binding)] {
        [
            ("Event", { L in
                guard let type = LuaStack.string(L, 1), let name = Self.eventName(type, LuaStack.string(L, 2)) else {
                    return LuaStack.fail(L, "Event: unknown event type")
                }
                self.pushEvent(on: L, EventBox(SwitchEvent(name)))
                return 1
            }),
            ("EventConsumer", { L in
                let consumer = EventConsumerBox()
                if let type = LuaStack.string(L, 1) { Self.bind(consumer, type, LuaStack.string(L, 2)) }
                consumer.subscribe(self.environment.eventBus)
                self.consumers.append(consumer)
                self.pushObject(on: L, self.consumerMethods(consumer))
                return 1
            }),
        ]
    }

    static func eventName(_ type: String, _ subclass: String?) -> EventName? {
        if type.uppercased() == "CUSTOM" { return subclass.map { .custom(subclass: $0) } }
        return EventName(wireName: type)
    }

    static func bind(_ consumer: EventConsumerBox, _ type: String, _ subclass: String?) {
        if type.uppercased() == "ALL" {
            consumer.filter.all = true
        } else if type.uppercased() == "CUSTOM", let subclass {
            consumer.filter.customSubclasses.insert(subclass)
        } else if let name = EventName(wireName: type) {
            consumer.filter.names.insert(name)
        }
    }

    private func consumerMethods(_ consumer: EventConsumerBox) -> [(String, Binding)] {
        [
            ("bind", { L in
                guard let type = LuaStack.string(L, 2) else { return LuaStack.fail(L, "bind: expected an event name") }
                Self.bind(consumer, type, LuaStack.string(L, 3))
                consumer.subscribe(self.environment.eventBus)
                lua_pushboolean(L, 1)
                return 1
            }),
            ("pop", { L in self.pop(L, consumer) }),
            ("cleanup", { _ in consumer.cleanup(); return 0 }),
        ]
    }

    /// `pop([block [, timeout_ms]])`: an Event or nil. Blocking pops wait (yield), checking every 5 ms of real
    /// time: events come from other tasks, so this wait is real even in a simulated call.
    private func pop(_ L: OpaquePointer, _ consumer: EventConsumerBox) -> Int32 {
        if let event = consumer.queue.pop() {
            pushEvent(on: L, EventBox(event))
            return 1
        }
        guard LuaStack.bool(L, 2) else { lua_pushnil(L); return 1 }
        let timeout = Duration.milliseconds(max(LuaStack.int(L, 3) ?? 0, 0))
        return wait(L, "pop") {
            let clock = ContinuousClock()
            let deadline = clock.now + timeout
            while timeout == .zero || clock.now < deadline {
                if let event = consumer.queue.pop() {
                    return .push { co in self.pushEvent(on: co, EventBox(event)); return 1 }
                }
                do { try await Task.sleep(for: .milliseconds(5)) } catch { break }
            }
            return .values([.nil])
        }
    }

    func pushEvent(on L: OpaquePointer, _ box: EventBox) {
        pushObject(on: L, [
            ("addHeader", { L in
                guard let name = LuaStack.string(L, 2) else { return LuaStack.fail(L, "addHeader: expected a name") }
                box.event.addHeader(name, LuaStack.string(L, 3) ?? "")
                return 0
            }),
            ("getHeader", { L in
                LuaStack.push(L, LuaStack.string(L, 2).flatMap { box.event[$0] }.map(LuaValue.string) ?? .nil)
                return 1
            }),
            ("delHeader", { L in
                guard let name = LuaStack.string(L, 2) else { return 0 }
                box.event = Self.removing(name, from: box.event)
                return 0
            }),
            ("addBody", { L in box.event.body = (box.event.body ?? "") + (LuaStack.string(L, 2) ?? ""); return 0 }),
            ("getBody", { L in LuaStack.push(L, box.event.body.map(LuaValue.string) ?? .nil); return 1 }),
            ("getType", { L in LuaStack.push(L, box.event.name.wireName); return 1 }),
            ("serialize", { L in
                LuaStack.push(L, Self.serialize(box.event, format: LuaStack.string(L, 2) ?? "plain"))
                return 1
            }),
            ("fire", { L in self.environment.eventBus.publish(box.event); lua_pushboolean(L, 1); return 1 }),
        ])
        if let table = lua_topointer(L, -1) { eventObjects[table] = box }
    }

    /// The event of the Event object at `index`, or nil when it is not one.
    func eventBox(_ L: OpaquePointer, _ index: Int32) -> EventBox? {
        guard lua_type(L, index) == LUA_TTABLE, let table = lua_topointer(L, index) else { return nil }
        return eventObjects[table]
    }

    static func removing(_ name: String, from event: SwitchEvent) -> SwitchEvent {
        let kept = event.headers.dropFirst(event.name.wireName == "CUSTOM" ? 2 : 1)
            .filter { $0.name.caseInsensitiveCompare(name) != .orderedSame }
        return SwitchEvent(event.name, headers: Array(kept), body: event.body)
    }

    /// `plain` (`text/event-plain`) or `json` (headers as an object, body as `_body`).
    static func serialize(_ event: SwitchEvent, format: String) -> String {
        guard format.lowercased() == "json" else { return event.plainText() }
        var object: [String: LuaTree] = [:]
        for header in event.headers where object[header.name] == nil { object[header.name] = .string(header.value) }
        if let body = event.body { object["_body"] = .string(body) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(LuaTree.object(object))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
