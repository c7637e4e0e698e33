import NIOCore
import NIOPosix
import Synchronization

/// One UDP socket for a call leg's media (RTP and, with rtcp-mux, RTCP). Datagrams are read by a `UDPReadLoop`
/// thread and handed to the receive handler there, without a hop; sends are one `sendto` from the sender's
/// thread. `eventLoop` is the NIO loop the leg's timers (RTCP reports, the media clock) run on.
public final class RTPSocket: Sendable {
    /// Gets each datagram's octets to own (`consuming`): an SRTP leg decrypts them in place, without a copy.
    public typealias ReceiveHandler = @Sendable (_ packet: consuming [UInt8], _ host: String, _ port: Int) -> Void

    public let localPort: Int
    public let eventLoop: EventLoop
    private let udp: UDPDescriptor
    private let readLoop: UDPReadLoop
    private let readToken: UInt64
    /// The pool the port came from; nil for an RTCP companion socket (its odd port is not pooled).
    private let pool: RTPPortPool?
    private let handlerBox: RTPReceiveHandlerBox
    private let lastDestination = Mutex<CachedDestination?>(nil)
    private let closed = Atomic<Bool>(false)

    private struct CachedDestination: Sendable {
        let host: String
        let port: Int
        let address: SocketAddress
    }

    private init(
        eventLoop: EventLoop, udp: UDPDescriptor, readLoop: UDPReadLoop, readToken: UInt64, port: Int,
        pool: RTPPortPool?, handlerBox: RTPReceiveHandlerBox
    ) {
        self.eventLoop = eventLoop
        self.udp = udp
        self.readLoop = readLoop
        self.readToken = readToken
        self.localPort = port
        self.pool = pool
        self.handlerBox = handlerBox
    }

    /// Binds the next free even port of the pool on `host` (skipping ports another process holds).
    public static func bind(group: EventLoopGroup, host: String, pool: RTPPortPool) async throws -> RTPSocket {
        var attempts = 0
        while let port = pool.allocate() {
            do {
                return try open(on: group.next(), host: host, port: port, pool: pool)
            } catch {
                pool.release(port)
                attempts += 1
                if attempts > 16 { throw error }
            }
        }
        throw RTPSocketError.portRangeExhausted
    }

    /// Binds the RTCP port that goes with this RTP socket (RFC 3550 §11: the next, odd, port), with its timers on
    /// the same event loop. Fails when another process holds it; the call then goes on without RTCP.
    public func bindRTCP(host: String) async throws -> RTPSocket {
        try Self.open(on: eventLoop, host: host, port: localPort + 1, pool: nil)
    }

    private static func open(on loop: EventLoop, host: String, port: Int, pool: RTPPortPool?) throws -> RTPSocket {
        let udp = try UDPDescriptor.bind(host: host, port: port)
        let box = RTPReceiveHandlerBox()
        let readLoop = UDPReadLoop.next()
        do {
            let token = try readLoop.add(udp) { packet, host, port in box.get()?(packet, host, port) }
            return RTPSocket(
                eventLoop: loop, udp: udp, readLoop: readLoop, readToken: token, port: port, pool: pool, handlerBox: box)
        } catch {
            udp.close()
            throw error
        }
    }

    public func onReceive(_ handler: @escaping ReceiveHandler) {
        handlerBox.set(handler)
    }

    /// One `sendto` from the caller's thread (a full socket buffer drops the datagram, as UDP does).
    public func send(_ packet: [UInt8], to host: String, port: Int) {
        guard let address = destination(host, port) else { return }
        packet.withUnsafeBytes { _ = udp.send($0, to: address) }
    }

    /// The peer's `SocketAddress`, parsed once: a leg sends to one address (re-parsed only when it changes).
    private func destination(_ host: String, _ port: Int) -> SocketAddress? {
        if let cached = lastDestination.withLock({ $0 }), cached.port == port, cached.host == host { return cached.address }
        guard let address = try? SocketAddress(ipAddress: host, port: port) else { return nil }
        lastDestination.withLock { $0 = CachedDestination(host: host, port: port, address: address) }
        return address
    }

    /// Stops reading, closes the socket and gives the port back to the pool. Idempotent.
    public func close() {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        handlerBox.set(nil)
        readLoop.remove(readToken, socket: udp)
        udp.close()
        pool?.release(localPort)
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
