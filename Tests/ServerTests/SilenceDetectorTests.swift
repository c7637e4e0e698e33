import Testing

@testable import Server

@Suite("record silence detection")
struct SilenceDetectorTests {
    private func frames(_ count: Int, amplitude: Int16) -> [Int16] {
        (0..<(count * 160)).map { $0 % 2 == 0 ? amplitude : -amplitude }
    }

    @Test func stopsAfterTheConfiguredSecondsOfQuietFrames() {
        var detector = SilenceDetector(threshold: 200, seconds: 2)
        var heard: Bool
        heard = detector.heard(frames(50, amplitude: 3000))
        #expect(!heard)
        heard = detector.heard(frames(99, amplitude: 50))
        #expect(!heard)
        heard = detector.heard(frames(1, amplitude: 50))
        #expect(heard)
    }

    @Test func soundResetsTheCount() {
        var detector = SilenceDetector(threshold: 200, seconds: 1)
        var heard: Bool
        heard = detector.heard(frames(49, amplitude: 10))
        #expect(!heard)
        heard = detector.heard(frames(1, amplitude: 1000))
        #expect(!heard)
        heard = detector.heard(frames(49, amplitude: 10))
        #expect(!heard)
        heard = detector.heard(frames(1, amplitude: 10))
        #expect(heard)
    }

    @Test func partialFramesAreKeptUntilComplete() {
        var detector = SilenceDetector(threshold: 200, seconds: 1)
        var heard: Bool
        let quiet = frames(50, amplitude: 0)
        heard = detector.heard(Array(quiet[..<7999]))
        #expect(!heard)
        heard = detector.heard([0])
        #expect(heard)
    }
}
