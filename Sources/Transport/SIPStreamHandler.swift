import NIOCore
import SIPMessage

/// Frames SIP messages on a TCP or TLS connection with `SIPStreamFramer` (Content-Length,
/// RFC 3261 §18.3). A framing error closes the connection: there is no way to resynchronise.
final class SIPStreamHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let delegate: SIPTransportDelegate
    private let connections: SIPConnectionTable
    private let transport: SIPTransportProtocol
    private var framer: SIPStreamFramer
    private var connectionID: UInt64 = 0
    private var peer: SIPPeer?

    init(delegate: SIPTransportDelegate, connections: SIPConnectionTable, transport: SIPTransportProtocol,
         limits: SIPParser.Limits) {
        self.delegate = delegate
        self.connections = connections
        self.transport = transport
        self.framer = SIPStreamFramer(limits: limits)
    }

    func channelActive(context: ChannelHandlerContext) {
        guard let address = context.channel.remoteAddress, let host = address.ipAddress, let port = address.port else {
            context.close(promise: nil)
            return
        }
        connectionID = connections.allocateID()
        let peer = SIPPeer(transport: transport, host: host, port: port, connectionID: connectionID)
        self.peer = peer
        connections.insert(connectionID, .init(channel: context.channel, peer: peer, isWebSocket: false))
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let peer {
            connections.remove(connectionID)
            delegate.transport(connectionClosed: connectionID, peer: peer)
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let peer else { return }
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        do {
            for message in try framer.append(bytes) {
                delegate.transport(didReceive: message, from: peer)
            }
        } catch {
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
