import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import Synchronization

/// What the Verto endpoint hears from its WebSockets. Calls arrive on the socket's event loop.
public protocol VertoSocketDelegate: Sendable {
    func opened(_ socket: VertoSocket)
    func received(_ text: [UInt8], on socket: VertoSocket)
    /// `byteCount` bytes given to `send` reached the socket (for the engine's outbound bound).
    func written(_ byteCount: Int, on socket: VertoSocket)
    func closed(_ socket: VertoSocket)
}

/// One Verto WebSocket (JSON-RPC text frames).
public final class VertoSocket: Sendable {
    public let id: Int
    private let channel: Channel
    private let delegate: VertoSocketDelegate

    init(id: Int, channel: Channel, delegate: VertoSocketDelegate) {
        self.id = id
        self.channel = channel
        self.delegate = delegate
    }

    public func send(_ text: [UInt8]) {
        var buffer = channel.allocator.buffer(capacity: text.count)
        buffer.writeBytes(text)
        let frame = WebSocketFrame(fin: true, opcode: .text, data: buffer)
        let count = text.count
        let delegate = self.delegate
        channel.writeAndFlush(frame).whenSuccess { delegate.written(count, on: self) }
    }

    public func close() {
        var data = channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: .normalClosure)
        let channel = self.channel
        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}

/// The Verto listener (8081 ws, 8082 wss by default): JSON-RPC over WebSocket on any path, with or without a
/// subprotocol (compat §1.1); plain HTTP GETs get files from `webRoot` (the browser phone), else 404.
public final class VertoListener: Sendable {
    private let channel: Channel

    private init(channel: Channel) { self.channel = channel }

    public var port: Int { channel.localAddress?.port ?? 0 }

    public static func bind(
        group: EventLoopGroup, host: String, port: Int, tlsCertificatePEM: String? = nil, tlsPrivateKeyPEM: String? = nil,
        webRoot: String?, maxFrameSize: Int = 1 << 20, delegate: VertoSocketDelegate
    ) async throws -> VertoListener {
        var tls: NIOSSLContext?
        if let certificate = tlsCertificatePEM, let key = tlsPrivateKeyPEM {
            tls = try SIPTransportServer.serverTLSContext(certificatePEM: certificate, privateKeyPEM: key)
        }
        let ids = VertoConnectionIDs()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let files = StaticFileHandler(root: webRoot)
                let upgrader = NIOWebSocketServerUpgrader(
                    maxFrameSize: maxFrameSize, automaticErrorHandling: true,
                    shouldUpgrade: { channel, head in
                        var headers = HTTPHeaders()
                        if let offered = head.headers.first(name: "Sec-WebSocket-Protocol")?.split(separator: ",").first {
                            headers.add(name: "Sec-WebSocket-Protocol", value: offered.trimmingCharacters(in: .whitespaces))
                        }
                        return channel.eventLoop.makeSucceededFuture(headers)
                    },
                    upgradePipelineHandler: { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            let id = ids.next()
                            _ = channel.pipeline.syncOperations.removeHandler(files)
                            try channel.pipeline.syncOperations.addHandler(NIOWebSocketFrameAggregator(
                                minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 256,
                                maxAccumulatedFrameSize: maxFrameSize))
                            try channel.pipeline.syncOperations.addHandler(VertoWebSocketHandler(
                                socket: VertoSocket(id: id, channel: channel, delegate: delegate), delegate: delegate))
                        }
                    })
                return channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
                    try channel.pipeline.syncOperations.addHandler(files)
                }
            }
            .bind(host: host, port: port).get()
        return VertoListener(channel: channel)
    }

    public func close() async {
        try? await channel.close()
    }
}

final class VertoWebSocketHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let socket: VertoSocket
    private let delegate: VertoSocketDelegate
    private var open = false

    init(socket: VertoSocket, delegate: VertoSocketDelegate) {
        self.socket = socket
        self.delegate = delegate
    }

    func handlerAdded(context: ChannelHandlerContext) {
        open = true
        delegate.opened(socket)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if open {
            open = false
            delegate.closed(socket)
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary:
            var payload = frame.unmaskedData
            delegate.received(payload.readBytes(length: payload.readableBytes) ?? [], on: socket)
        case .ping:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .connectionClose:
            socket.close()
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

/// Connection numbers for one listener process-wide (ids must not collide between the ws and wss listeners).
final class VertoConnectionIDs: Sendable {
    private static let counter = Mutex(0)

    func next() -> Int {
        Self.counter.withLock { value in
            value += 1
            return value
        }
    }
}
