import Foundation
import RTP

/// DTMF out (RFC 4733, `send_dtmf`, `uuid_send_dtmf`): each digit is an event of `duration` with the start,
/// updates every 20 ms and three end packets (`DTMFEventSender`), sent in our own stream (sequence numbers
/// continue; the event keeps one timestamp), then a short gap. `w`/`W` pause 500 ms / 1 s, as in FreeSWITCH.
extension RTPMediaLeg {
    /// Sends `digits`; false when the peer negotiated no telephone-event payload type.
    func sendDTMF(_ digits: String, duration: Duration = .milliseconds(250)) async throws -> Bool {
        let negotiated = state.withLock { s in s.telephoneEvent.map { ($0.payloadType, s.telephoneEventClockRate) } }
        guard let (payloadType, rate) = negotiated, rate >= 50 else { return false }
        // Durations, updates (every 20 ms) and send offsets are in units of the event's clock (8000, or 48000 on
        // an Opus leg).
        let sender = DTMFEventSender(payloadType: payloadType, packetInterval: UInt16(clamping: rate / 50))
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        let samples = UInt32(clamping: max(1, milliseconds * Int64(rate) / 1000))
        for digit in digits {
            try Task.checkCancellation()
            switch digit {
            case "w": try await Task.sleep(for: .milliseconds(500))
            case "W": try await Task.sleep(for: .seconds(1))
            default: try await sendEvent(digit, samples: samples, sender: sender, clockRate: rate)
            }
        }
        return true
    }

    private func sendEvent(_ digit: Character, samples: UInt32, sender: DTMFEventSender, clockRate: UInt32) async throws {
        let reserved = state.withLock { s -> (timestamp: UInt32, sequence: UInt16, remote: (host: String, port: Int)?) in
            (s.timestamp, s.sequence, s.remote)
        }
        guard let remote = reserved.remote,
            let packets = sender.packets(
                for: digit, duration: samples, timestamp: reserved.timestamp, firstSequenceNumber: reserved.sequence,
                ssrc: ssrc)
        else { return }
        state.withLock { s in
            s.sequence = reserved.sequence &+ UInt16(truncatingIfNeeded: packets.count)
            s.timestamp = reserved.timestamp &+ samples
            s.passThrough = nil
        }
        let clock = ContinuousClock()
        let start = clock.now
        for scheduled in packets {
            let offset = Int64(scheduled.sendOffset) * 1_000_000 / Int64(clockRate)
            try await Task.sleep(until: start + .microseconds(offset), clock: clock)
            var bytes: [UInt8] = []
            scheduled.packet.serialize(into: &bytes)
            state.withLock { $0.rtcp.statistics.sentRTP(payloadOctets: scheduled.packet.payload.count) }
            socket.send(bytes, to: remote.host, port: remote.port)
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}
