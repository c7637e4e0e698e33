import NIOCore
import SIPMessage

/// Reads SIP datagrams from a UDP socket and hands each one to the delegate.
final class SIPDatagramHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let delegate: SIPTransportDelegate
    private let maxMessageSize: Int

    init(delegate: SIPTransportDelegate, maxMessageSize: Int) {
        self.delegate = delegate
        self.maxMessageSize = maxMessageSize
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let host = envelope.remoteAddress.ipAddress, let port = envelope.remoteAddress.port else { return }
        var buffer = envelope.data
        // Keep-alive datagrams (CRLF, RFC 5626 §4.4.1) and empty ones carry no message.
        guard buffer.readableBytes > 4 else { return }
        let length = min(buffer.readableBytes, maxMessageSize + 1)
        guard let bytes = buffer.readBytes(length: length) else { return }
        delegate.transport(didReceive: bytes, from: SIPPeer(transport: .udp, host: host, port: port))
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // ICMP port unreachable and similar errors must not close the listening socket.
    }
}
