#if canImport(Glibc)
import CEpoll
import Foundation
import Glibc
import Synchronization

/// Threads that read media sockets: each has an epoll set, and a readable socket's datagrams go straight to
/// its handler on that thread.
///
/// A media leg's socket used to be an NIO `DatagramChannel`. Its channel setup and teardown (bootstrap,
/// registration, pipeline, close promises) were about a tenth of the server's CPU at 1,000 calls/s, and each
/// datagram went through a pooled `ByteBuffer`, an `AddressedEnvelope`, a `SocketAddress` and the pipeline before
/// it reached the leg. Here a socket joins a loop with one `epoll_ctl`, and a datagram is one `recvfrom` into
/// the loop's buffer and one array. The legs' timers (RTCP, the media clock) stay on the NIO event loops; sends
/// go out with one `sendto` from whichever thread sends (`UDPDescriptor`).
final class UDPReadLoop: Sendable {
    /// What a readable socket's datagrams go to: octets, source host and port.
    typealias Receiver = @Sendable (_ packet: consuming [UInt8], _ host: String, _ port: Int) -> Void

    private struct Member: Sendable {
        let socket: UDPDescriptor
        let receiver: Receiver
    }

    private struct Members: Sendable {
        var byToken: [UInt64: Member] = [:]
        var nextToken: UInt64 = 1
    }

    /// The loops media sockets are spread over: one per core.
    static let shared: [UDPReadLoop] = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount)).map {
        UDPReadLoop(name: "RTP-read-\($0)")
    }
    private static let nextLoop = Atomic<Int>(0)

    /// The next loop, round robin.
    static func next() -> UDPReadLoop {
        shared[nextLoop.wrappingAdd(1, ordering: .relaxed).oldValue % shared.count]
    }

    private let epoll: CInt
    private let members = Mutex(Members())

    private init(name: String) {
        epoll = epoll_create1(CInt(EPOLL_CLOEXEC))
        precondition(epoll >= 0, "epoll_create1 failed: \(String(cString: strerror(errno)))")
        Thread { [self] in
            _ = shim_name_this_thread(String(name.prefix(15)))
            // Media ahead of signalling and housekeeping: a datagram waiting out another thread's time slice
            // is jitter (measured: 2-9 ms mean at 100 transcoded calls without, 0.7-2 ms with). On Linux the nice
            // value is per thread (who = 0: this one). Needs CAP_SYS_NICE; without it the loop keeps normal
            // priority.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, -10)
            run()
        }.start()
    }

    /// Starts reading `socket`; returns the token that `remove` takes. Throws when the socket is closed or epoll
    /// refuses it.
    func add(_ socket: UDPDescriptor, receiver: @escaping Receiver) throws -> UInt64 {
        let token = members.withLock { m -> UInt64 in
            let token = m.nextToken
            m.nextToken += 1
            m.byToken[token] = Member(socket: socket, receiver: receiver)
            return token
        }
        let added = socket.withDescriptor { fd -> CInt in
            var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(u64: token))
            return epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event)
        }
        guard added == 0 else {
            let error = UDPDescriptorError(operation: "epoll_ctl add", errno: errno)
            _ = members.withLock { $0.byToken.removeValue(forKey: token) }
            throw error
        }
        return token
    }

    /// Stops reading the socket of `token` before it is closed: a datagram already taken from the epoll set is
    /// still delivered, none after `remove` returns is read from that descriptor.
    func remove(_ token: UInt64, socket: UDPDescriptor) {
        _ = socket.withDescriptor { fd in epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nil) }
        _ = members.withLock { $0.byToken.removeValue(forKey: token) }
    }

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var hosts = UDPSourceNames()
        while true {
            let ready = epoll_wait(epoll, &events, CInt(events.count), -1)
            guard ready > 0 else { continue }   // EINTR
            for index in 0..<Int(ready) {
                let token = events[index].data.u64
                guard let member = members.withLock({ $0.byToken[token] }) else { continue }
                drain(member, into: &buffer, hosts: &hosts)
            }
        }
    }

    /// Reads one datagram and hands it to the receiver. The set is level-triggered, so a socket with more waiting
    /// is reported again by the next `epoll_wait`, which serves every ready socket in turn. Reading until `EAGAIN`
    /// instead cost a second `recvfrom` for nearly every packet: a media socket carries 50 packets a second, so
    /// it almost never has two waiting.
    private func drain(_ member: Member, into buffer: inout [UInt8], hosts: inout UDPSourceNames) {
        var source = sockaddr_storage()
        guard let count = member.socket.receive(into: &buffer, from: &source),
            let (host, port) = hosts.hostAndPort(of: &source)
        else { return }
        member.receiver(Array(buffer[0..<count]), host, port)
    }
}

/// Source addresses as the receivers take them: the host string of an IPv4 address is made once and reused
/// (a loop sees the same few peers thousands of times a second).
private struct UDPSourceNames {
    private var names: [UInt32: String] = [:]

    mutating func hostAndPort(of storage: inout sockaddr_storage) -> (String, Int)? {
        switch Int32(storage.ss_family) {
        case AF_INET:
            let (address, port) = withUnsafeBytes(of: &storage) { raw in
                let v4 = raw.load(as: sockaddr_in.self)
                return (v4.sin_addr.s_addr, Int(UInt16(bigEndian: v4.sin_port)))
            }
            if let name = names[address] { return (name, port) }
            var addr = in_addr(s_addr: address)
            guard let name = Self.text(AF_INET, &addr, length: INET_ADDRSTRLEN) else { return nil }
            if names.count >= 4096 { names.removeAll(keepingCapacity: true) }
            names[address] = name
            return (name, port)
        case AF_INET6:
            var (address, port) = withUnsafeBytes(of: &storage) { raw in
                let v6 = raw.load(as: sockaddr_in6.self)
                return (v6.sin6_addr, Int(UInt16(bigEndian: v6.sin6_port)))
            }
            return Self.text(AF_INET6, &address, length: INET6_ADDRSTRLEN).map { ($0, port) }
        default:
            return nil
        }
    }

    private static func text<A>(_ family: CInt, _ address: inout A, length: CInt) -> String? {
        var text = [CChar](repeating: 0, count: Int(length))
        guard inet_ntop(family, &address, &text, socklen_t(length)) != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
#endif
