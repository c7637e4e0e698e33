/// Limits a registrar applies to REGISTER requests (RFC 3261 §10.3 steps 6–7, §10.2.1.1).
public struct RegistrarPolicy: Sendable, Equatable {
    /// What happens when a REGISTER would leave an AOR with more than `maxContactsPerAOR` bindings.
    public enum ContactLimitAction: Sendable, Equatable {
        /// Refuse the REGISTER with 403 (Kamailio answers such a request with an error too).
        case reject
        /// Drop the existing bindings that expire soonest (never those the request itself sets), so that a
        /// phone that restarts with a new contact address is not locked out. The request is refused only if it
        /// alone carries too many contacts.
        case dropSoonestExpiring
    }

    /// Shortest interval accepted; shorter non-zero requests get 423 with `Min-Expires` (§10.3 step 7).
    public var minExpires: Int64
    /// Longest interval granted; longer requests are shortened (§10.3 step 7, "MAY shorten").
    public var maxExpires: Int64
    /// Interval when neither the Contact `expires` parameter nor the `Expires` header gives one, or they are
    /// malformed (§20.19 suggests 3600).
    public var defaultExpires: Int64
    public var maxContactsPerAOR: Int
    public var whenContactLimitReached: ContactLimitAction

    public init(
        minExpires: Int64 = 60, maxExpires: Int64 = 7200, defaultExpires: Int64 = 3600, maxContactsPerAOR: Int = 10,
        whenContactLimitReached: ContactLimitAction = .reject
    ) {
        self.minExpires = minExpires
        self.maxExpires = maxExpires
        self.defaultExpires = defaultExpires
        self.maxContactsPerAOR = maxContactsPerAOR
        self.whenContactLimitReached = whenContactLimitReached
    }
}
