import Testing

@testable import EventSocket

@Suite struct EventSocketSessionTests {
    @Test func authThenAPIThenExit() {
        var s = EventSocketSession(password: "ClueCon")
        #expect(s.received(Array("auth ClueCon\n\n".utf8)) == [.send("Content-Type: command/reply\nReply-Text: +OK accepted\n\n")])
        // Drip-fed and with CRs, as some clients send.
        var actions: [EventSocketSession.Action] = []
        for byte in Array("api show channels\r\n\r\n".utf8) { actions += s.received([byte]) }
        #expect(actions == [.runAPI("show channels")])
        #expect(s.received(Array("exit\n\n".utf8)) == [.send("Content-Type: command/reply\nReply-Text: +OK bye\n\n"), .close])
        #expect(s.received(Array("api status\n\n".utf8)).isEmpty)
    }

    @Test func wrongPasswordCloses() {
        var s = EventSocketSession(password: "ClueCon")
        #expect(s.received(Array("auth nope\n\n".utf8)) == [.send("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n"), .close])
    }

    @Test func commandsBeforeAuthAreRefused() {
        var s = EventSocketSession(password: "ClueCon")
        #expect(s.received(Array("api status\n\n".utf8)) == [.send("Content-Type: command/reply\nReply-Text: -ERR command not found\n\n")])
    }

    @Test func apiResponseCarriesContentLength() {
        #expect(EventSocketSession.apiResponse("0 total.\n") == "Content-Type: api/response\nContent-Length: 9\n\n0 total.\n")
    }

    @Test func endlessCommandIsCutOff() {
        var s = EventSocketSession(password: "x")
        let actions = s.received([UInt8](repeating: 65, count: EventSocketSession.maxCommandSize + 1))
        #expect(actions == [.close])
    }
}

@Suite struct EventSocketSendEventTests {
    private func session() -> EventSocketSession {
        var s = EventSocketSession(password: "ClueCon", knownEventNames: ["CHANNEL_ANSWER"], makeJobUUID: { "ev-1" })
        _ = s.received(Array("auth ClueCon\n\n".utf8))
        return s
    }

    @Test func aCustomEventWithHeadersAndABodyIsRepliedToThenFired() {
        var s = session()
        let text = "sendevent CUSTOM\nEvent-Subclass: ivr::poke\nUnique-ID: leg-a\nAction: wake up\n"
            + "Content-Length: 5\n\nhello"
        var actions: [EventSocketSession.Action] = []
        for byte in Array(text.utf8) { actions += s.received([byte]) }  // the body arrives after the empty line
        let fired = EventSocketFiredEvent(
            name: "CUSTOM", eventUUID: "ev-1",
            headers: [.init(name: "Event-Subclass", value: "ivr::poke"), .init(name: "Unique-ID", value: "leg-a"),
                      .init(name: "Action", value: "wake up")],
            body: "hello")
        #expect(actions == [.send("Content-Type: command/reply\nReply-Text: +OK ev-1\n\n"), .fireEvent(fired)])
        #expect(fired["unique-id"] == "leg-a")
        // The next command is read after the body, not from it.
        #expect(s.received(Array("api status\n\n".utf8)) == [.runAPI("status")])
    }

    @Test func unknownNamesAndCustomWithoutSubclassAreRefused() {
        var s = session()
        let invalid = EventSocketSession.Action.send("Content-Type: command/reply\nReply-Text: -ERR invalid event\n\n")
        #expect(s.received(Array("sendevent NOT_AN_EVENT\nA: b\n\n".utf8)) == [invalid])
        #expect(s.received(Array("sendevent CUSTOM\nA: b\n\n".utf8)) == [invalid])
        #expect(s.received(Array("sendevent\n\n".utf8)) == [invalid])
        let answer = s.received(Array("sendevent channel_answer\n\n".utf8))
        #expect(answer.last == .fireEvent(EventSocketFiredEvent(name: "CHANNEL_ANSWER", eventUUID: "ev-1", headers: [])))
    }

    @Test func sendeventBeforeAuthIsRefused() {
        var s = EventSocketSession(password: "ClueCon")
        #expect(s.received(Array("sendevent CUSTOM\nEvent-Subclass: a::b\n\n".utf8))
            == [.send("Content-Type: command/reply\nReply-Text: -ERR command not found\n\n")])
    }
}
