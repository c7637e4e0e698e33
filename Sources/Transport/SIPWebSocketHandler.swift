import NIOCore
import NIOHTTP1
import NIOWebSocket
import SIPMessage

/// SIP over WebSocket (RFC 7118): after the HTTP upgrade with the `sip` subprotocol every text or
/// binary WebSocket message carries exactly one SIP message (§5); ping is answered, close is echoed.
final class SIPWebSocketHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let delegate: SIPTransportDelegate
    private let connections: SIPConnectionTable
    private let transport: SIPTransportProtocol
    private let maxMessageSize: Int
    private var connectionID: UInt64 = 0
    private var peer: SIPPeer?
    private var closeSent = false

    init(delegate: SIPTransportDelegate, connections: SIPConnectionTable, transport: SIPTransportProtocol,
         maxMessageSize: Int) {
        self.delegate = delegate
        self.connections = connections
        self.transport = transport
        self.maxMessageSize = maxMessageSize
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // Added after the upgrade: the channel is already active.
        guard let address = context.channel.remoteAddress, let host = address.ipAddress, let port = address.port else {
            context.close(promise: nil)
            return
        }
        connectionID = connections.allocateID()
        let peer = SIPPeer(transport: transport, host: host, port: port, connectionID: connectionID)
        self.peer = peer
        connections.insert(connectionID, .init(channel: context.channel, peer: peer, isWebSocket: true))
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let peer {
            connections.remove(connectionID)
            delegate.transport(connectionClosed: connectionID, peer: peer)
            self.peer = nil
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            guard let peer else { return }
            var payload = frame.unmaskedData
            guard payload.readableBytes <= maxMessageSize, let bytes = payload.readBytes(length: payload.readableBytes) else {
                close(context: context, code: .messageTooLarge)
                return
            }
            // A bare CRLF (or CRLFCRLF) is a keep-alive some clients send.
            if bytes.allSatisfy({ $0 == 13 || $0 == 10 }) { return }
            delegate.transport(didReceive: bytes, from: peer)
        case .ping:
            var pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
            pong.maskKey = nil
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .connectionClose:
            close(context: context, code: .normalClosure)
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        close(context: context, code: .protocolError)
    }

    private func close(context: ChannelHandlerContext, code: WebSocketErrorCode) {
        guard !closeSent else {
            context.close(promise: nil)
            return
        }
        closeSent = true
        var data = context.channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: code)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, data: data)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(frame)).whenComplete { _ in channel.close(promise: nil) }
    }

    /// The value of `Sec-WebSocket-Protocol` to answer with, or `nil` to refuse the upgrade:
    /// RFC 7118 §4.1 requires the `sip` subprotocol; a client that offers none is still accepted.
    static func negotiatedSubprotocol(_ head: HTTPRequestHead) -> String?? {
        let offered = head.headers[canonicalForm: "Sec-WebSocket-Protocol"].map { $0.lowercased() }
        if offered.isEmpty { return .some(nil) }
        return offered.contains("sip") ? .some("sip") : nil
    }
}
