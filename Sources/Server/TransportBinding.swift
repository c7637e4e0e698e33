import SIPEndpoint
import SIPMessage
import Transport

/// The endpoint's way out: bytes to the NIO transport.
struct TransportSink: SIPMessageSink {
    let transport: SIPTransportServer

    func send(_ bytes: [UInt8], to peer: SIPPeer) {
        transport.send(bytes, to: peer)
    }
}

/// The transport's way in: what the listeners read goes to the endpoint.
final class EndpointDelegate: SIPTransportDelegate {
    let endpoint: SIPEndpoint

    init(endpoint: SIPEndpoint) {
        self.endpoint = endpoint
    }

    func transport(didReceive bytes: [UInt8], from peer: SIPPeer) {
        endpoint.received(bytes, from: peer)
    }

    func transport(connectionClosed connectionID: UInt64, peer: SIPPeer) {}
}
