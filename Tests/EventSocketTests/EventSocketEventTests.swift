import Testing

@testable import EventSocket

@Suite struct EventSocketEventTests {
    private func authenticated() -> EventSocketSession {
        var s = EventSocketSession(password: "pw", makeJobUUID: { "job-1" })
        _ = s.received(Array("auth pw\n\n".utf8))
        return s
    }

    private static func reply(_ text: String) -> EventSocketSession.Action {
        .send("Content-Type: command/reply\nReply-Text: \(text)\n\n")
    }

    private let answer = EventSocketEvent(name: "CHANNEL_ANSWER", plain: "Event-Name: CHANNEL_ANSWER\n\n", json: "{}")
    private let custom = EventSocketEvent(name: "CUSTOM", subclass: "conference::maintenance", plain: "p\n\n", json: "{\"a\":1}")

    @Test func subscribingStartsTheFeedOnceAndFramesPlainEvents() {
        var s = authenticated()
        #expect(s.received(Array("event plain CHANNEL_ANSWER\n\n".utf8)) == [Self.reply("+OK event listener enabled plain"), .startEvents])
        #expect(s.received(Array("event plain DTMF\n\n".utf8)) == [Self.reply("+OK event listener enabled plain")])
        #expect(s.deliver(answer) == "Content-Length: 28\nContent-Type: text/event-plain\n\nEvent-Name: CHANNEL_ANSWER\n\n")
        #expect(s.deliver(custom) == nil)
    }

    @Test func customSubclassesAndJSON() {
        var s = authenticated()
        _ = s.received(Array("event json CUSTOM conference::maintenance\n\n".utf8))
        #expect(s.deliver(custom) == "Content-Length: 7\nContent-Type: text/event-json\n\n{\"a\":1}")
        #expect(s.deliver(answer) == nil)
    }

    @Test func allThenNixAndNoEvents() {
        var s = authenticated()
        _ = s.received(Array("event plain ALL\n\n".utf8))
        #expect(s.deliver(custom) != nil)
        #expect(s.received(Array("nixevent ALL\n\n".utf8)) == [Self.reply("+OK events nixed")])
        #expect(s.deliver(answer) == nil)
        #expect(s.received(Array("noevents\n\n".utf8)) == [Self.reply("+OK no longer listening for events"), .stopEvents])
        #expect(s.received(Array("noevents\n\n".utf8)) == [Self.reply("-ERR not listening for events")])
    }

    @Test func badSubscriptions() {
        var s = authenticated()
        #expect(s.received(Array("event plain\n\n".utf8)) == [Self.reply("-ERR no keywords supplied")])
        #expect(s.received(Array("event xml ALL\n\n".utf8)) == [Self.reply("-ERR xml events are not supported; use plain or json")])
        #expect(s.subscription == nil)
    }

    @Test func bgapiRepliesWithTheJobAndRunsInTheBackground() {
        var s = authenticated()
        #expect(s.received(Array("bgapi status\n\n".utf8)) == [
            .send("Content-Type: command/reply\nReply-Text: +OK Job-UUID: job-1\nJob-UUID: job-1\n\n"),
            .runBackgroundAPI(jobUUID: "job-1", line: "status"),
        ])
    }

    @Test func eventsBeforeAuthAreNotDelivered() {
        var s = EventSocketSession(password: "pw")
        _ = s.received(Array("event plain ALL\n\n".utf8))
        #expect(s.deliver(answer) == nil)
        #expect(EventSocketSession.randomJobUUID().count == 36)
    }
}
