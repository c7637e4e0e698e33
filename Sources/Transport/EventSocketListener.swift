import EventSocket
import NIOCore
import NIOPosix

/// The event socket's TCP listener (default 127.0.0.1:8021). Each connection runs an `EventSocketSession`;
/// API commands go to `execute` off the event loop and their output is written back in order.
public final class EventSocketListener: Sendable {
    public typealias Execute = @Sendable (String) async -> String

    private let channel: Channel

    private init(channel: Channel) { self.channel = channel }

    public var port: Int { channel.localAddress?.port ?? 0 }

    public static func bind(
        group: EventLoopGroup, host: String, port: Int, password: String, execute: @escaping Execute
    ) async throws -> EventSocketListener {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        EventSocketHandler(session: EventSocketSession(password: password), execute: execute))
                }
            }
            .bind(host: host, port: port).get()
        return EventSocketListener(channel: channel)
    }

    public func close() async {
        try? await channel.close()
    }
}

final class EventSocketHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var session: EventSocketSession
    private let execute: EventSocketListener.Execute
    /// API replies are chained so they leave in the order the commands came.
    private var tail: EventLoopFuture<Void>?

    init(session: EventSocketSession, execute: @escaping EventSocketListener.Execute) {
        self.session = session
        self.execute = execute
    }

    func channelActive(context: ChannelHandlerContext) {
        write(EventSocketSession.greeting, context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        for action in session.received(bytes) {
            let channel = context.channel
            let previous = tail ?? context.eventLoop.makeSucceededVoidFuture()
            switch action {
            case .send(let text):
                tail = previous.flatMap { channel.writeAndFlush(channel.allocator.buffer(string: text)) }
            case .runAPI(let line):
                let execute = self.execute
                let promise = context.eventLoop.makePromise(of: String.self)
                promise.completeWithTask { await execute(line) }
                tail = previous.and(promise.futureResult).flatMap { _, output in
                    channel.writeAndFlush(channel.allocator.buffer(string: EventSocketSession.apiResponse(output)))
                }
            case .close:
                tail = previous.flatMap { channel.close() }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
    }
}
