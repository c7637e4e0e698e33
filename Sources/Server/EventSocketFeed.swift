import EventSocket
import Foundation
import SwitchCore

/// Connects the event socket to the core: each listening client gets its own `EventBus` subscription, with events
/// serialised once in both formats; `bgapi` runs the command and fires BACKGROUND_JOB with the output as body.
struct EventSocketFeed: Sendable {
    let environment: SessionEnvironment
    let api: APICommandRegistry

    func events() -> AsyncStream<EventSocketEvent> {
        let subscription = environment.eventBus.subscribe()
        let (stream, continuation) = AsyncStream.makeStream(of: EventSocketEvent.self, bufferingPolicy: .bufferingNewest(1000))
        let pump = Task {
            for await event in subscription.events {
                var subclass: String?
                if case .custom(let name) = event.name { subclass = name }
                continuation.yield(EventSocketEvent(
                    name: event.name.wireName, subclass: subclass, plain: event.plainText(), json: event.jsonText()))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in
            subscription.cancel()
            pump.cancel()
        }
        return stream
    }

    /// `sendevent`: an event with a `Unique-ID` of a live call is queued to that call (a Lua input callback
    /// gets it), any other is fired on the bus, as FreeSWITCH does. The client's headers follow ours.
    func fire(_ fired: EventSocketFiredEvent, sessions: SessionRegistry) async {
        let name: EventName
        if fired.name == "CUSTOM" {
            name = .custom(subclass: fired["Event-Subclass"] ?? "")
        } else if let known = EventName(wireName: fired.name) {
            name = known
        } else {
            return
        }
        let now = environment.clock.now()
        var event = SwitchEvent(name, headers: [
            EventHeader("Core-UUID", environment.coreUUID),
            EventHeader("FreeSWITCH-Hostname", environment.hostname),
            EventHeader("Event-Date-Timestamp", String(Int64(now.timeIntervalSince1970 * 1_000_000))),
            EventHeader("Event-UUID", fired.eventUUID),
        ], body: fired.body)
        for header in fired.headers where header.name.lowercased() != "event-subclass" {
            event.addHeader(header.name, header.value)
        }
        if let uuid = fired["Unique-ID"], await sessions.queueEvent(event, to: uuid) { return }
        environment.eventBus.publish(event)
    }

    func runBackgroundJob(_ job: String, _ line: String) async {
        let output = await api.execute(line)
        let trimmed = line.drop { $0 == " " }
        let command = String(trimmed.prefix { $0 != " " })
        let argument = trimmed.dropFirst(command.count).drop { $0 == " " }
        let now = environment.clock.now()
        let event = SwitchEvent(.backgroundJob, headers: [
            EventHeader("Core-UUID", environment.coreUUID),
            EventHeader("FreeSWITCH-Hostname", environment.hostname),
            EventHeader("Event-Date-Timestamp", String(Int64(now.timeIntervalSince1970 * 1_000_000))),
            EventHeader("Job-UUID", job),
            EventHeader("Job-Command", command),
            EventHeader("Job-Command-Arg", String(argument)),
        ], body: output)
        environment.eventBus.publish(event)
    }
}
