import EventSocket
import NIOCore
import NIOPosix

/// The event socket's TCP listener (default 127.0.0.1:8021). Each connection runs an `EventSocketSession`;
/// API commands go to `execute` off the event loop and their output is written back in order.
public final class EventSocketListener: Sendable {
    public typealias Execute = @Sendable (String) async -> String
    /// A fresh stream of every event, for one client that sent `event`; the stream's end unsubscribes.
    public typealias EventSource = @Sendable () -> AsyncStream<EventSocketEvent>
    /// Runs a `bgapi` command (job uuid, command line); the result goes out as a BACKGROUND_JOB event.
    public typealias BackgroundJob = @Sendable (String, String) async -> Void
    /// Fires (or queues to its call) an event a client sent with `sendevent`.
    public typealias FireEvent = @Sendable (EventSocketFiredEvent) async -> Void

    private let channel: Channel

    private init(channel: Channel) { self.channel = channel }

    public var port: Int { channel.localAddress?.port ?? 0 }

    public static func bind(
        group: EventLoopGroup, host: String, port: Int, password: String, execute: @escaping Execute,
        events: @escaping EventSource = { AsyncStream { $0.finish() } },
        backgroundJob: @escaping BackgroundJob = { _, _ in }, knownEventNames: Set<String>? = nil,
        fire: @escaping FireEvent = { _ in }
    ) async throws -> EventSocketListener {
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        EventSocketHandler(
                            session: EventSocketSession(password: password, knownEventNames: knownEventNames),
                            execute: execute, events: events, backgroundJob: backgroundJob, fire: fire))
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
    private let events: EventSocketListener.EventSource
    private let backgroundJob: EventSocketListener.BackgroundJob
    private let fire: EventSocketListener.FireEvent
    /// API replies are chained so they leave in the order the commands came.
    private var tail: EventLoopFuture<Void>?
    /// Feeds events to this connection while it listens to any.
    private var eventFeed: Task<Void, Never>?

    init(
        session: EventSocketSession, execute: @escaping EventSocketListener.Execute,
        events: @escaping EventSocketListener.EventSource, backgroundJob: @escaping EventSocketListener.BackgroundJob,
        fire: @escaping EventSocketListener.FireEvent
    ) {
        self.fire = fire
        self.session = session
        self.execute = execute
        self.events = events
        self.backgroundJob = backgroundJob
    }

    func channelInactive(context: ChannelHandlerContext) {
        eventFeed?.cancel()
        eventFeed = nil
        context.fireChannelInactive()
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
            case .runBackgroundAPI(let job, let line):
                let run = backgroundJob
                Task { await run(job, line) }
            case .startEvents:
                startEvents(context: context)
            case .stopEvents:
                eventFeed?.cancel()
                eventFeed = nil
            case .fireEvent(let event):
                let fire = self.fire
                tail = previous.flatMap { context.eventLoop.makeFutureWithTask { await fire(event) } }
            }
        }
    }

    /// Each event hops onto the connection's event loop, where the session decides whether this client wants it.
    /// Writes are not chained behind API replies: an event may overtake a slow `api` answer, as in FreeSWITCH.
    private func startEvents(context: ChannelHandlerContext) {
        eventFeed?.cancel()
        let stream = events()
        let loop = context.eventLoop
        let handler = NIOLoopBound(self, eventLoop: loop)
        let channel = context.channel
        eventFeed = Task {
            for await event in stream {
                loop.execute {
                    guard let text = handler.value.session.deliver(event) else { return }
                    channel.writeAndFlush(channel.allocator.buffer(string: text), promise: nil)
                }
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
