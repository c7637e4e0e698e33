import Testing
@testable import SIPMessage

/// The registrar's budget is 8,000 REGISTER/s (release build). Debug builds run this much slower, so the
/// bound here only catches super-linear regressions; the measured rate is printed for comparison.
@Suite("Performance")
struct SIPParserPerformanceTests {
    @Test("8,000 REGISTERs parse, validate and serialize within a debug-build budget")
    func registerThroughput() throws {
        let messages = (0..<8_000).map { SampleMessages.registerBytes(callID: "perf-\($0)@198.51.100.7") }
        let parser = SIPParser()
        var parsed = 0
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for bytes in messages {
                let message = try parser.parse(bytes)
                if case .request(let request) = message, request.headers.contacts.count == 1, request.cseq != nil {
                    _ = message.serialized()
                    parsed += 1
                }
            }
        }
        #expect(parsed == 8_000)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("SIPParser: 8,000 REGISTERs in \(elapsed) (\(Int(8_000 / max(seconds, 1e-9))) per second, this build)")
        #expect(elapsed < .seconds(60))
    }
}
