import SIPMessage
import SIPStack

extension SIPEndpoint {
    /// INFO within a call (RFC 6086): DTMF bodies are queued on the leg's media like RFC 4733 digits; other
    /// packages get 415 (with the types we accept), malformed DTMF 400.
    func handleInfo(_ request: SIPRequest, id: SIPServerTransactionID, media: (any SIPMediaLeg)?) {
        switch SIPInfoDTMF.parse(contentType: request.headers["Content-Type"], body: request.body) {
        case .digit(let digit):
            respond(SIPResponse(replyingTo: request, statusCode: 200), to: id)
            media?.receivedDTMF(digit)
        case .unsupportedContentType where request.body.isEmpty:
            respond(SIPResponse(replyingTo: request, statusCode: 200), to: id)  // keep-alive INFO
        case .unsupportedContentType:
            var response = SIPResponse(replyingTo: request, statusCode: 415)
            response.headers.add("Accept", "application/dtmf-relay, application/dtmf")
            respond(response, to: id)
        case .malformed:
            respond(SIPResponse(replyingTo: request, statusCode: 400, reasonPhrase: "Bad DTMF"), to: id)
        }
    }
}
