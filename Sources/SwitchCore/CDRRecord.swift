import Foundation

/// One call detail record, built from a leg that has hung up. Durations follow FreeSWITCH: whole-second
/// epochs subtracted (`duration = end_epoch − start_epoch`, `billsec = end_epoch − answer_epoch`, 0 when never
/// answered), plus millisecond variants (`billmsec`, `duration_msec`... FreeSWITCH's `*msec` fields).
public struct CDRRecord: Sendable, Equatable {
    public var uuid: String
    public var direction: CallDirection
    public var callerIDName: String
    public var callerIDNumber: String
    public var destinationNumber: String
    public var context: String
    public var networkAddress: String
    public var start: Date
    public var answer: Date?
    public var end: Date
    public var hangupCause: HangupCause
    public var readCodec: String?
    public var writeCodec: String?
    /// The other leg's uuid, if the leg was bridged when it ended.
    public var bridgedTo: String?
    public var accountCode: String?

    /// Nil when the leg has not hung up yet.
    public init?(_ snapshot: ChannelSnapshot) {
        guard let end = snapshot.hungupAt, let cause = snapshot.hangupCause else { return nil }
        uuid = snapshot.uuid
        direction = snapshot.direction
        callerIDName = snapshot.profile.callerIDName
        callerIDNumber = snapshot.profile.callerIDNumber
        destinationNumber = snapshot.profile.destinationNumber
        context = snapshot.profile.context
        networkAddress = snapshot.profile.networkAddress
        start = snapshot.createdAt
        answer = snapshot.answeredAt
        self.end = end
        hangupCause = cause
        readCodec = snapshot.variables["read_codec"]
        writeCodec = snapshot.variables["write_codec"]
        bridgedTo = snapshot.bridgedTo ?? snapshot.variables["last_bridge_to"]
        accountCode = snapshot.variables["accountcode"]
    }

    /// Seconds from creation to hangup.
    public var duration: Int64 { max(0, Self.epoch(end) - Self.epoch(start)) }

    /// Seconds from answer to hangup; 0 if the leg was never answered.
    public var billsec: Int64 {
        guard let answer else { return 0 }
        return max(0, Self.epoch(end) - Self.epoch(answer))
    }

    public var durationMilliseconds: Int64 { max(0, Self.milliseconds(end) - Self.milliseconds(start)) }

    public var billMilliseconds: Int64 {
        guard let answer else { return 0 }
        return max(0, Self.milliseconds(end) - Self.milliseconds(answer))
    }

    static func epoch(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
