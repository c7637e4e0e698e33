/// What one call received: packets, the extended highest sequence number (RFC 3550 §A.1) and the
/// interarrival jitter estimate (§6.4.1, §A.8) in RTP timestamp units.
struct ReceiveStatistics: Sendable {
    var received = 0
    var sent = 0
    /// Extended highest sequence number seen (cycles × 65536 + seq); -1 before the first packet.
    var highest = -1
    var jitter = 0.0
    private var lastTransit: Double?

    mutating func record(sequence: UInt16, timestamp: UInt32, arrival seconds: Double, clockRate: Double) {
        received += 1
        if highest < 0 {
            highest = Int(sequence)
        } else {
            let current = UInt16(truncatingIfNeeded: highest)
            let delta = Int(Int16(bitPattern: sequence &- current))
            if delta > 0 { highest += delta }
        }
        let transit = seconds * clockRate - Double(timestamp)
        if let lastTransit {
            var d = abs(transit - lastTransit)
            // A timestamp wrap (every ~25 h at 48 kHz) would look like a huge jump: ignore it.
            if d > clockRate { d = 0 }
            jitter += (d - jitter) / 16
        }
        lastTransit = transit
    }
}

/// The totals over a measurement window: the difference of two snapshots of every call's statistics.
struct WindowResult: Sendable {
    var calls = 0
    var callsReceiving = 0
    var sent = 0
    var received = 0
    var expected = 0
    var meanJitterMs = 0.0
    var maxJitterMs = 0.0

    var lossPercent: Double { expected > 0 ? max(0, Double(expected - received)) / Double(expected) * 100 : 100 }

    init(from start: [ReceiveStatistics], to end: [ReceiveStatistics], clockRate: Double) {
        calls = end.count
        var jitters: [Double] = []
        for (index, after) in end.enumerated() {
            let before = index < start.count ? start[index] : ReceiveStatistics()
            sent += after.sent - before.sent
            received += after.received - before.received
            if after.highest >= 0 {
                expected += before.highest >= 0 ? after.highest - before.highest : after.received
                if after.received > before.received { callsReceiving += 1 }
                jitters.append(after.jitter / clockRate * 1000)
            }
        }
        meanJitterMs = jitters.isEmpty ? 0 : jitters.reduce(0, +) / Double(jitters.count)
        maxJitterMs = jitters.max() ?? 0
    }
}
