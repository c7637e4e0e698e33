import Foundation
import Synchronization
import Testing

@testable import Transport

/// The RTP receive handler is read once per packet. Reading it must not change what is stored: when the closure was
/// the `Mutex`'s value itself, each read wrapped it in two more re-abstraction thunks, so a call's n-th packet went
/// through 2n thunks (found by Benchmarks/media_bench.py: 75 % of the server's CPU in those thunks at 150 calls).
@Test func readingTheHandlerPerPacketStaysConstantTime() {
    let box = RTPReceiveHandlerBox()
    let count = Mutex(0)
    box.set { _, _, _ in count.withLock { $0 += 1 } }
    let packets = 30_000  // 10 minutes of one 20 ms stream
    let start = Date()
    for _ in 0..<packets {
        box.get()?([0x80], "127.0.0.1", 4000)
    }
    let elapsed = Date().timeIntervalSince(start)
    #expect(count.withLock { $0 } == packets)
    // Constant time per read: a few ms in a debug build. The growing thunk chain took ~9·10^8 thunk calls here.
    #expect(elapsed < 1.0, "30,000 reads and calls took \(elapsed) s")
    box.set(nil)
    #expect(box.get() == nil)
}
