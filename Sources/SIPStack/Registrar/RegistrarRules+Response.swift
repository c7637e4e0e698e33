import SIPMessage

extension RegistrarRules {
    /// The 200 OK to a successful REGISTER (RFC 3261 §10.3 step 8): one Contact per current binding with its
    /// remaining `expires`, and a `Date` header for `now` (RFC 3261 §20.17; phones without a clock use it).
    public static func okResponse(
        replyingTo request: SIPRequest, bindings: [SIPBinding], now: UnixTime, toTag: String? = nil
    ) -> SIPResponse {
        var response = SIPResponse(replyingTo: request, statusCode: 200, toTag: toTag)
        for binding in bindings where !binding.isExpired(at: now) {
            response.headers.add("Contact", binding.contactHeaderValue(at: now))
        }
        response.headers.add("Date", SIPDate.format(now))
        return response
    }

    /// The 200 OK for the outcome of `apply`.
    public static func okResponse(
        replyingTo request: SIPRequest, update: RegistrarUpdate, now: UnixTime, toTag: String? = nil
    ) -> SIPResponse {
        okResponse(replyingTo: request, bindings: update.bindings, now: now, toTag: toTag)
    }
}
