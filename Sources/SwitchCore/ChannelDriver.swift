/// The signalling side of one leg, implemented by an endpoint (SIP, Verto, loopback). The `Session` calls it
/// after deciding a change and before recording it; the driver never calls back into the session synchronously.
public protocol ChannelDriver: Sendable {
    /// Indicate ringing (SIP 180, Verto ringing).
    func ringReady() async throws
    /// Early media (SIP 183 with SDP).
    func preAnswer() async throws
    /// Answer (SIP 200 with SDP, Verto answer).
    func answer() async throws
    /// End the leg on the wire: BYE, CANCEL or a final response built from `cause` (e.g. `cause.sipStatus`).
    func hangup(_ cause: HangupCause) async
}
