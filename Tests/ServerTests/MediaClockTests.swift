import NIOCore
import NIOEmbedded
import Synchronization
import Testing

@testable import Server

@Suite("Per-loop media clock")
struct MediaClockTests {
    final class Counter: Sendable {
        let value = Mutex(0)
        func bump() -> Int { value.withLock { $0 += 1; return $0 } }
        var count: Int { value.withLock { $0 } }
    }

    @Test func sourcesAreSteppedOncePerTickAtAbsoluteDeadlines() {
        let loop = EmbeddedEventLoop()
        let clock = MediaClock(loop: loop)
        let a = Counter(), b = Counter()
        clock.add { _ = a.bump(); return true }
        clock.add { b.bump() < 3 }
        loop.advanceTime(by: .milliseconds(19))
        #expect(a.count == 0)
        loop.advanceTime(by: .milliseconds(1))
        #expect(a.count == 1 && b.count == 1)
        loop.advanceTime(by: .milliseconds(100))
        #expect(a.count == 6)
        #expect(b.count == 3, "a source that returns false is not stepped again")
        #expect(clock.activeSources == 1)
    }

    @Test func theClockStopsWhenEmptyAndRestartsWithTheNextSource() {
        let loop = EmbeddedEventLoop()
        let clock = MediaClock(loop: loop)
        let once = Counter()
        clock.add { _ = once.bump(); return false }
        loop.advanceTime(by: .milliseconds(200))
        #expect(once.count == 1 && clock.activeSources == 0)
        let later = Counter()
        loop.advanceTime(by: .milliseconds(7))
        clock.add { _ = later.bump(); return true }
        loop.advanceTime(by: .milliseconds(19))
        #expect(later.count == 0, "ticks restart from the moment the first new source arrives")
        loop.advanceTime(by: .milliseconds(1))
        #expect(later.count == 1)
    }
}
