import Testing
@testable import SIPStack

@Suite struct AuthFailureLimiterTests {
    static let t0 = UnixTime(seconds: 1_700_000_000)

    @Test func defaults() {
        let c = AuthFailureLimiter.Configuration()
        #expect(c.maxFailures == 20)
        #expect(c.window == 60)
        #expect(c.blockDuration == 60)
        #expect(c.maxTrackedSources == 10_000)
    }

    @Test func blocksAfterNFailuresInTheWindowForTheCoolDown() {
        var limiter = AuthFailureLimiter()
        for i in 0..<19 {
            #expect(limiter.recordFailure(from: "203.0.113.7", now: Self.t0 + Int64(i)) == .allowed)
        }
        #expect(limiter.decision(for: "203.0.113.7", now: Self.t0 + 19) == .allowed)
        #expect(limiter.recordFailure(from: "203.0.113.7", now: Self.t0 + 19) == .blocked(until: Self.t0 + 79))
        #expect(limiter.decision(for: "203.0.113.7", now: Self.t0 + 20) == .blocked(until: Self.t0 + 79))
        #expect(limiter.decision(for: "203.0.113.7", now: Self.t0 + 78) == .blocked(until: Self.t0 + 79))
        #expect(limiter.decision(for: "203.0.113.7", now: Self.t0 + 79) == .allowed)
    }

    @Test func otherSourcesAreUnaffected() {
        var limiter = AuthFailureLimiter(configuration: .init(maxFailures: 3))
        for _ in 0..<3 { limiter.recordFailure(from: "198.51.100.1", now: Self.t0) }
        #expect(limiter.decision(for: "198.51.100.1", now: Self.t0) != .allowed)
        #expect(limiter.decision(for: "198.51.100.2", now: Self.t0) == .allowed)
        #expect(limiter.recordFailure(from: "198.51.100.2", now: Self.t0) == .allowed)
    }

    @Test func failuresOutsideTheSlidingWindowDoNotCount() {
        var limiter = AuthFailureLimiter(configuration: .init(maxFailures: 3, window: 60))
        limiter.recordFailure(from: "a", now: Self.t0)
        limiter.recordFailure(from: "a", now: Self.t0 + 30)
        // The first failure left the window at t0+60; only two remain in it.
        #expect(limiter.recordFailure(from: "a", now: Self.t0 + 60) == .allowed)
        // t0+30, t0+60, t0+61 are within 60 s of each other.
        #expect(limiter.recordFailure(from: "a", now: Self.t0 + 61) == .blocked(until: Self.t0 + 121))
    }

    @Test func failuresWhileBlockedNeitherCountNorExtend() {
        var limiter = AuthFailureLimiter(configuration: .init(maxFailures: 2, blockDuration: 100))
        limiter.recordFailure(from: "a", now: Self.t0)
        #expect(limiter.recordFailure(from: "a", now: Self.t0 + 1) == .blocked(until: Self.t0 + 101))
        for i in 2..<100 {
            #expect(limiter.recordFailure(from: "a", now: Self.t0 + Int64(i)) == .blocked(until: Self.t0 + 101))
        }
        // After the block the count starts from zero.
        #expect(limiter.recordFailure(from: "a", now: Self.t0 + 101) == .allowed)
        #expect(limiter.recordFailure(from: "a", now: Self.t0 + 102) == .blocked(until: Self.t0 + 202))
    }

    @Test func resetUnblocks() {
        var limiter = AuthFailureLimiter(configuration: .init(maxFailures: 1))
        #expect(limiter.recordFailure(from: "a", now: Self.t0) == .blocked(until: Self.t0 + 60))
        limiter.reset("a")
        #expect(limiter.decision(for: "a", now: Self.t0) == .allowed)
        #expect(limiter.trackedSourceCount == 0)
    }

    @Test func pruningForgetsQuietSourcesButKeepsBlockedOnes() {
        var limiter = AuthFailureLimiter(configuration: .init(maxFailures: 2, window: 60, blockDuration: 600))
        limiter.recordFailure(from: "quiet", now: Self.t0)
        limiter.recordFailure(from: "blocked", now: Self.t0)
        limiter.recordFailure(from: "blocked", now: Self.t0)
        #expect(limiter.trackedSourceCount == 2)
        limiter.prune(now: Self.t0 + 61)
        #expect(limiter.trackedSourceCount == 1)
        #expect(limiter.decision(for: "blocked", now: Self.t0 + 61) == .blocked(until: Self.t0 + 600))
        limiter.prune(now: Self.t0 + 600)
        #expect(limiter.trackedSourceCount == 0)
    }

    /// Automatic pruning: a later failure from anyone sweeps out sources whose window has passed.
    @Test func recordFailurePrunesPeriodically() {
        var limiter = AuthFailureLimiter(configuration: .init(maxFailures: 5, window: 60))
        for i in 0..<100 { limiter.recordFailure(from: "10.0.0.\(i)", now: Self.t0) }
        #expect(limiter.trackedSourceCount == 100)
        limiter.recordFailure(from: "late", now: Self.t0 + 120)
        #expect(limiter.trackedSourceCount == 1)
    }

    @Test func tableSizeIsCappedAndBlockedSourcesSurviveAFlood() {
        var limiter = AuthFailureLimiter(configuration: .init(maxFailures: 3, window: 60, blockDuration: 60, maxTrackedSources: 100))
        for _ in 0..<3 { limiter.recordFailure(from: "attacker", now: Self.t0) }
        #expect(limiter.decision(for: "attacker", now: Self.t0) == .blocked(until: Self.t0 + 60))
        limiter.recordFailure(from: "suspect", now: Self.t0)
        limiter.recordFailure(from: "suspect", now: Self.t0)
        // A flood of one-off spoofed sources within the window.
        for i in 0..<5000 {
            limiter.recordFailure(from: "spoofed-\(i)", now: Self.t0 + 1)
            #expect(limiter.trackedSourceCount <= 100)
        }
        #expect(limiter.decision(for: "attacker", now: Self.t0 + 1) == .blocked(until: Self.t0 + 60))
        // The two-failure suspect outranks the one-failure sources and is still counted: one more blocks it.
        #expect(limiter.recordFailure(from: "suspect", now: Self.t0 + 2) == .blocked(until: Self.t0 + 62))
    }
}
