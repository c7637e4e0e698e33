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
