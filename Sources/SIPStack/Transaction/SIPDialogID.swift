import SIPMessage

/// A dialog identifier (RFC 3261 §12): Call-ID, local tag and remote tag. The remote tag may be empty for
/// an RFC 2543 peer that sent no From/To tag (§12.1.2).
public struct SIPDialogID: Hashable, Sendable, CustomStringConvertible {
    public var callID: String
    public var localTag: String
    public var remoteTag: String

    public init(callID: String, localTag: String, remoteTag: String) {
        self.callID = callID
        self.localTag = localTag
        self.remoteTag = remoteTag
    }

    /// The id of the dialog a request we received belongs to: the To tag is ours, the From tag theirs
    /// (§12.2.2). `nil` without a Call-ID or a To tag (an out-of-dialog request).
    public init?(receivedRequest request: SIPRequest) {
        guard let callID = request.callID, let localTag = request.headers.to?.tag else { return nil }
        self.init(callID: callID, localTag: localTag, remoteTag: request.headers.from?.tag ?? "")
    }

    /// The id of the dialog a response to our request belongs to: the From tag is ours, the To tag theirs
    /// (§12.1.2). `nil` without a Call-ID or a From tag.
    public init?(receivedResponse response: SIPResponse) {
        guard let callID = response.callID, let localTag = response.headers.from?.tag else { return nil }
        self.init(callID: callID, localTag: localTag, remoteTag: response.headers.to?.tag ?? "")
    }

    public var description: String { "\(callID);local=\(localTag);remote=\(remoteTag)" }
}
