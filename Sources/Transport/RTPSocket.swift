import NIOCore
import NIOPosix
import Synchronization

/// One UDP socket for a call leg's media (RTP and, with rtcp-mux, RTCP). Datagrams are handed to the
/// receive handler on the socket's event loop, without an actor hop (DESIGN.md: media stays on the loop).
public final class RTPSocket: Sendable {
    /// Gets each datagram's octets to own (`consuming`): an SRTP leg decrypts them in place, without a copy.
    public typealias ReceiveHandler = @Sendable (_ packet: consuming [UInt8], _ host: String, _ port: Int) -> Void

    public let localPort: Int
    public let eventLoop: EventLoop
    private let channel: Channel
    /// The socket's descriptor for sends on its own loop (see `send`).
    private let udp: UDPDescriptor
    /// The pool the port came from; nil for an RTCP companion socket (its odd port is not pooled).
    private let pool: RTPPortPool?
    private let handlerBox: RTPReceiveHandlerBox
    private let lastDestination = Mutex<CachedDestination?>(nil)

    private struct CachedDestination: Sendable {
        let host: String
        let port: Int
        let address: SocketAddress
    }

    private init(channel: Channel, udp: UDPDescriptor, port: Int, pool: RTPPortPool?, handlerBox: RTPReceiveHandlerBox) {
        self.channel = channel
        self.udp = udp
        self.localPort = port
        self.eventLoop = channel.eventLoop
        self.pool = pool
        self.handlerBox = handlerBox
    }

    /// Binds the next free even port of the pool on `host` (skipping ports another process holds).
    public static func bind(group: EventLoopGroup, host: String, pool: RTPPortPool) async throws -> RTPSocket {
        var attempts = 0
        while let port = pool.allocate() {
            do {
                return try await open(on: group.next(), host: host, port: port, pool: pool)
            } catch {
                pool.release(port)
                attempts += 1
                if attempts > 16 { throw error }
            }
        }
        throw RTPSocketError.portRangeExhausted
    }

    /// Binds the RTCP port that goes with this RTP socket (RFC 3550 §11: the next, odd, port) on the same
    /// event loop. Fails when another process holds it; the call then goes on without RTCP.
    public func bindRTCP(host: String) async throws -> RTPSocket {
        try await Self.open(on: eventLoop, host: host, port: localPort + 1, pool: nil)
    }

    private static func open(on loop: EventLoop, host: String, port: Int, pool: RTPPortPool?) async throws -> RTPSocket {
        let udp = try UDPDescriptor.bind(host: host, port: port)
        let box = RTPReceiveHandlerBox()
        do {
            let channel = try await udp.makeChannel(
                DatagramBootstrap(group: loop).channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(RTPDatagramHandler(box: box))
                    }
                })
            return RTPSocket(channel: channel, udp: udp, port: port, pool: pool, handlerBox: box)
        } catch {
            udp.close()
            throw error
        }
    }

    public func onReceive(_ handler: @escaping ReceiveHandler) {
        handlerBox.set(handler)
    }

    public func send(_ packet: [UInt8], to host: String, port: Int) {
        guard let address = destination(host, port) else { return }
        // The `sendto` always runs on the socket's own loop. From another loop (a bridge relaying into this leg)
        // the send is handed over with one `execute`: the sending work is spread over both loops, and sends that
        // arrive together leave together when the loop next runs (the far end wakes once for several). Sending
        // straight from the relaying loop measured 5 % less server CPU but put both directions' work on one thread
        // and raised the far ends' CPU and the jitter (1 ms to 7-30 ms at 100 transcoded calls).
        if eventLoop.inEventLoop {
            packet.withUnsafeBytes { _ = udp.send($0, to: address) }
        } else {
            let udp = self.udp
            eventLoop.execute { packet.withUnsafeBytes { _ = udp.send($0, to: address) } }
        }
    }

    /// The peer's `SocketAddress`, parsed once: a leg sends to one address (re-parsed only when it changes).
    private func destination(_ host: String, _ port: Int) -> SocketAddress? {
        if let cached = lastDestination.withLock({ $0 }), cached.port == port, cached.host == host { return cached.address }
        guard let address = try? SocketAddress(ipAddress: host, port: port) else { return nil }
        lastDestination.withLock { $0 = CachedDestination(host: host, port: port, address: address) }
        return address
    }

    public func close() {
        handlerBox.set(nil)
        // After any send already handed to the loop (an RTCP BYE sent just before closing must still leave).
        if eventLoop.inEventLoop {
            udp.close()
        } else {
            let udp = self.udp
            eventLoop.execute { udp.close() }
        }
        let pool = self.pool
        let port = localPort
        channel.close().whenComplete { _ in pool?.release(port) }
    }
}

public enum RTPSocketError: Error, Sendable {
    case portRangeExhausted
}

final class RTPReceiveHandlerBox: Sendable {
    /// The closure is kept inside a struct on purpose. Held directly as the `Mutex`'s generic value, every
    /// `withLock` (an `inout` access) re-abstracted it on the way in and again on the way back, wrapping the stored
    /// closure in two more thunks per call: one `get()` per packet made a chain 100 thunks deeper per second of
    /// call, so each packet cost O(packets so far) and the chain's memory grew for as long as the call lasted.
    private struct Handler: Sendable {
        let call: RTPSocket.ReceiveHandler
    }

    private let handler = Mutex<Handler?>(nil)

    func set(_ h: RTPSocket.ReceiveHandler?) {
        let wrapped = h.map(Handler.init(call:))
        handler.withLock { $0 = wrapped }
    }

    func get() -> RTPSocket.ReceiveHandler? { handler.withLock { $0?.call } }
}

final class RTPDatagramHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let box: RTPReceiveHandlerBox

    init(box: RTPReceiveHandlerBox) { self.box = box }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let handler = box.get(), let host = envelope.remoteAddress.ipAddress, let port = envelope.remoteAddress.port
        else { return }
        var buffer = envelope.data
        guard let bytes = buffer.readBytes(length: buffer.readableBytes) else { return }
        handler(bytes, host, port)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {}
}
