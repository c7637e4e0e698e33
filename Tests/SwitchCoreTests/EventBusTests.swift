import Testing
@testable import SwitchCore

struct EventBusTests {
    static func dtmf(_ digit: String) -> SwitchEvent {
        SwitchEvent(.dtmf, headers: [EventHeader("DTMF-Digit", digit)])
    }

    static func drain(_ subscription: EventSubscription) async -> [SwitchEvent] {
        subscription.cancel()
        var events: [SwitchEvent] = []
        for await event in subscription.events {
            events.append(event)
        }
        return events
    }

    @Test func slowSubscriberLosesOldestAndCountsDrops() async {
        let bus = EventBus()
        let slow = bus.subscribe(bufferSize: 3, policy: .dropOldest)
        for digit in 0..<10 {
            bus.publish(Self.dtmf(String(digit)))  // returns at once: nobody is reading
        }
        #expect(slow.droppedCount == 7)
        #expect(bus.droppedCount == 7)
        let received = await Self.drain(slow)
        #expect(received.map { $0["DTMF-Digit"] } == ["7", "8", "9"])
    }

    @Test func dropNewestKeepsWhatIsBuffered() async {
        let bus = EventBus()
        let slow = bus.subscribe(bufferSize: 2, policy: .dropNewest)
        for digit in 0..<5 {
            bus.publish(Self.dtmf(String(digit)))
        }
        #expect(slow.droppedCount == 3)
        #expect(await Self.drain(slow).map { $0["DTMF-Digit"] } == ["0", "1"])
    }

    @Test func slowSubscriberDoesNotAffectAFastOne() async {
        let bus = EventBus()
        let slow = bus.subscribe(bufferSize: 1)
        let roomy = bus.subscribe(bufferSize: 100)
        for digit in 0..<50 {
            bus.publish(Self.dtmf(String(digit)))
        }
        #expect(slow.droppedCount == 49)
        #expect(roomy.droppedCount == 0)
        #expect(await Self.drain(roomy).count == 50)
    }

    @Test func consumerReceivesWhilePublishing() async {
        let bus = EventBus()
        let subscription = bus.subscribe(bufferSize: 16)
        let reader = Task {
            var digits: [String] = []
            for await event in subscription.events {
                digits.append(event["DTMF-Digit"] ?? "?")
                if digits.count == 5 { break }
            }
            return digits
        }
        for digit in 0..<5 {
            bus.publish(Self.dtmf(String(digit)))
        }
        #expect(await reader.value == ["0", "1", "2", "3", "4"])
    }

    @Test func concurrentPublishersAccountForEveryEvent() async {
        let bus = EventBus()
        let small = bus.subscribe(bufferSize: 7)
        let large = bus.subscribe(bufferSize: 1_000)
        await withTaskGroup(of: Void.self) { group in
            for publisher in 0..<8 {
                group.addTask {
                    for index in 0..<50 {
                        bus.publish(Self.dtmf("\(publisher)-\(index)"))
                    }
                }
            }
        }
        let smallReceived = await Self.drain(small).count
        #expect(smallReceived == 7)
        #expect(smallReceived + small.droppedCount == 400)
        #expect(await Self.drain(large).count == 400)
        #expect(large.droppedCount == 0)
        #expect(bus.droppedCount == 393)
    }

    @Test func filterSelectsNamesAndCustomSubclasses() async {
        let bus = EventBus()
        let filter = EventFilter(names: [.channelAnswer], customSubclasses: ["conference::maintenance"])
        let subscription = bus.subscribe(filter)
        bus.publish(SwitchEvent(.channelCreate))
        bus.publish(SwitchEvent(.channelAnswer))
        bus.publish(SwitchEvent(.custom(subclass: "sofia::register")))
        bus.publish(SwitchEvent(.custom(subclass: "conference::maintenance")))
        let names = await Self.drain(subscription).map { $0["Event-Subclass"] ?? $0.name.wireName }
        #expect(names == ["CHANNEL_ANSWER", "conference::maintenance"])
    }

    @Test func presenceOnlyFilterTakesOnlyEventsWithAPresenceID() async {
        let bus = EventBus()
        let subscription = bus.subscribe(EventFilter(names: [.channelCallState], presenceOnly: true))
        #expect(!bus.wants(.channelCallState, presence: false))
        #expect(bus.wants(.channelCallState, presence: true))
        var withPresence = SwitchEvent(.channelCallState)
        withPresence.addHeader("Channel-Presence-ID", "1000@example.com")
        bus.publish(SwitchEvent(.channelCallState))
        bus.publish(withPresence)
        let received = await Self.drain(subscription)
        #expect(received.map { $0["Channel-Presence-ID"] } == ["1000@example.com"])
    }

    @Test func cancelledSubscriptionIsRemoved() async {
        let bus = EventBus()
        let first = bus.subscribe()
        let second = bus.subscribe()
        #expect(bus.subscriberCount == 2)
        first.cancel()
        #expect(bus.subscriberCount == 1)
        bus.publish(SwitchEvent(.heartbeat))
        #expect(await Self.drain(first).isEmpty)
        #expect(await Self.drain(second).count == 1)
        #expect(bus.subscriberCount == 0)
    }

    @Test func plainTextSerialisation() {
        var event = SwitchEvent(.custom(subclass: "conference::maintenance"))
        event.addHeader("Caller-Caller-ID-Name", "Alice Smith")
        event.addHeader("Channel-Name", "sofia/internal/1000@example.com")
        event.addHeader("variable_note", "a+b=c&d;e:f 100%\n")
        #expect(event.plainText() == """
            Event-Name: CUSTOM
            Event-Subclass: conference%3A%3Amaintenance
            Caller-Caller-ID-Name: Alice%20Smith
            Channel-Name: sofia/internal/1000%40example.com
            variable_note: a%2Bb%3Dc%26d%3Be%3Af%20100%25%0A


            """)
    }

    @Test func plainTextWithBody() {
        let event = SwitchEvent(.backgroundJob, headers: [EventHeader("Job-UUID", "j-1")], body: "+OK done\n")
        #expect(event.plainText() == "Event-Name: BACKGROUND_JOB\nJob-UUID: j-1\nContent-Length: 9\n\n+OK done\n")
    }

    @Test func urlEncodingOfNonASCII() {
        #expect(SwitchEvent.urlEncode("Zoë") == "Zo%C3%AB")
        #expect(SwitchEvent.urlEncode("a-b_c.d~e/f,g(h)") == "a-b_c.d~e/f,g(h)")
    }

    @Test func headerLookupIsCaseInsensitive() {
        let event = SwitchEvent(.channelHangup, headers: [EventHeader("Hangup-Cause", "USER_BUSY")])
        #expect(event["hangup-cause"] == "USER_BUSY")
        #expect(event["Event-Name"] == "CHANNEL_HANGUP")
    }

    @Test(arguments: ["CHANNEL_CREATE", "channel_answer", "DTMF", "CHANNEL_HANGUP_COMPLETE", "BACKGROUND_JOB"])
    func eventNamesRoundTrip(_ name: String) throws {
        let parsed = try #require(EventName(wireName: name))
        #expect(parsed.wireName == name.uppercased())
    }

    @Test func customNeedsASubclass() {
        #expect(EventName(wireName: "CUSTOM") == nil)
        #expect(EventName(wireName: "NOT_AN_EVENT") == nil)
    }
}
