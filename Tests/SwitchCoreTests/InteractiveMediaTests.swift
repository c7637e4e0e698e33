import Synchronization
import Testing
@testable import SwitchCore

/// A media port with only the three base operations, so `startInteractive` is the default (polling) one.
final class PlainMediaPort: MediaPort {
    private let digits: Mutex<[Character]>
    private let played = Mutex<[String]>([])
    let blockPlayback: Bool

    init(digits: String, blockPlayback: Bool = false) {
        self.digits = Mutex(Array(digits))
        self.blockPlayback = blockPlayback
    }

    var sources: [String] { played.withLock { $0 } }

    func play(_ source: String, terminators: Set<Character>) async throws -> PlaybackResult {
        played.withLock { $0.append(source) }
        if blockPlayback { try await Task.sleep(for: .seconds(3600)) }   // until cancelled
        return source == "missing.wav" ? .notFound : .played
    }

    func record(_ path: String, limit: Duration?, terminators: Set<Character>) async throws -> RecordResult {
        RecordResult(duration: .zero)
    }

    func collectDigits(_ request: DigitCollection) async throws -> DigitCollectionResult {
        try Task.checkCancellation()
        await Task.yield()
        let digit = digits.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        return digit.map { DigitCollectionResult(digits: String($0)) } ?? DigitCollectionResult(digits: "", timedOut: true)
    }
}

@Suite struct InteractiveMediaTests {
    @Test func defaultImplementationReportsDigitsWhilePlaying() async throws {
        let port = PlainMediaPort(digits: "12", blockPlayback: true)
        let media = try await port.startInteractive(.play("ivr/welcome.wav"))
        #expect(try await media.nextEvent() == .dtmf("1", duration: 640))
        await media.apply(.continue)
        #expect(try await media.nextEvent() == .dtmf("2", duration: 640))
        await media.apply(.stop)
        #expect(try await media.nextEvent() == .ended)
    }

    @Test func defaultImplementationEndsWhenThePlaybackEnds() async throws {
        let port = PlainMediaPort(digits: "")
        let media = try await port.startInteractive(.play("ivr/welcome.wav"))
        #expect(try await media.nextEvent() == .ended)
        #expect(try await media.nextEvent() == .ended)
        #expect(await media.outcome().found)
        #expect(await !media.outcome().stopped)
        #expect(port.sources == ["ivr/welcome.wav"])
    }

    @Test func stopEndsABlockedPlaybackAndRestartPlaysAgain() async throws {
        let port = PlainMediaPort(digits: "34", blockPlayback: true)
        let media = try await port.startInteractive(.play("music/hold_loop.wav"))
        #expect(try await media.nextEvent() == .dtmf("3", duration: 640))
        await media.apply(.restart)
        #expect(try await media.nextEvent() == .dtmf("4", duration: 640))
        await media.apply(.stop)
        #expect(try await media.nextEvent() == .ended)
        #expect(await media.outcome().stopped)
        for _ in 0..<100 where port.sources.count < 2 { await Task.yield() }
        #expect(port.sources == ["music/hold_loop.wav", "music/hold_loop.wav"])
    }

    @Test func missingFileEndsAsNotFoundAndFlushDrainsDigits() async throws {
        let port = PlainMediaPort(digits: "")
        let media = try await port.startInteractive(.play("missing.wav"))
        #expect(try await media.nextEvent() == .ended)
        #expect(await !media.outcome().found)
        let buffered = PlainMediaPort(digits: "999")
        await buffered.flushDigits()
        #expect(try await buffered.collectDigits(DigitCollection(minimum: 1, maximum: 1, timeout: .zero)).digits == "")
    }

    @Test func sessionForwardsToItsMediaPort() async throws {
        let port = PlainMediaPort(digits: "7")
        let session = Session(
            uuid: "leg-1", direction: .inbound, profile: CallerProfile(uuid: "leg-1"), driver: RecordingDriver(),
            media: port, environment: SessionEnvironment(eventBus: EventBus(), coreUUID: "core", hostname: "test"))
        let media = try await session.startInteractive(.sleep(.milliseconds(1)))
        #expect(try await media.nextEvent() == .dtmf("7", duration: 640))
        await session.flushDigits()
        let bare = Session(
            uuid: "leg-2", direction: .inbound, profile: CallerProfile(uuid: "leg-2"), driver: RecordingDriver(),
            environment: SessionEnvironment(eventBus: EventBus(), coreUUID: "core", hostname: "test"))
        await #expect(throws: SessionError.self) { _ = try await bare.startInteractive(.play("x")) }
    }
}
