#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import Synchronization

/// A bound UDP socket whose datagrams are sent with one `sendto(2)` straight from the caller's thread, while an
/// NIO `DatagramChannel` reads from the same socket.
///
/// Sending through the channel pipeline (an `AddressedEnvelope`, a `ByteBuffer` copy, the pending-writes queue, a
/// hop when the caller is on another thread) cost about as much as the system call itself on the media and
/// REGISTER paths. The channel gets a `dup(2)` of the descriptor: the socket stays open until both are closed, and
/// this object closes its own descriptor only under its lock, so a send can never reach a closed or reused
/// descriptor. A full socket buffer drops the datagram, as UDP would.
final class UDPDescriptor: Sendable {
    private let descriptor: Mutex<CInt?>
    let localPort: Int

    private init(descriptor: CInt, localPort: Int) {
        self.descriptor = Mutex(descriptor)
        self.localPort = localPort
    }

    /// Binds a non-blocking UDP socket on `host:port` (port 0: an ephemeral one); `reusePort` lets one socket per
    /// event loop share the port (SO_REUSEPORT). `receiveBuffer` asks for that many octets of receive queue
    /// (SO_RCVBUF; the kernel caps it at net.core.rmem_max).
    static func bind(host: String, port: Int, reusePort: Bool = false, receiveBuffer: Int? = nil) throws -> UDPDescriptor {
        let address = try SocketAddress(ipAddress: host, port: port)
        let family = address.protocol == .inet6 ? AF_INET6 : AF_INET
        let fd = socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw UDPDescriptorError(operation: "socket", errno: errno) }
        var one: CInt = 1
        if reusePort {
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<CInt>.size))
            setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, socklen_t(MemoryLayout<CInt>.size))
        }
        if var size = receiveBuffer.map(CInt.init(clamping:)) {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<CInt>.size))
        }
        let bound = address.withSockAddr { pointer, length in Glibc.bind(fd, pointer, socklen_t(length)) }
        guard bound == 0 else {
            let error = UDPDescriptorError(operation: "bind \(host):\(port)", errno: errno)
            Glibc.close(fd)
            throw error
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let localPort = named == 0 ? Self.port(of: storage) : port
        return UDPDescriptor(descriptor: fd, localPort: localPort)
    }

    private static func port(of storage: sockaddr_storage) -> Int {
        var storage = storage
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { pointer in
            if family == sa_family_t(AF_INET6) {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
        }
    }

    /// A channel reading this socket (through a duplicate of the descriptor, which the channel owns).
    func makeChannel(_ bootstrap: DatagramBootstrap) async throws -> Channel {
        let copy = descriptor.withLock { fd in fd.map { dup($0) } ?? -1 }
        guard copy >= 0 else { throw UDPDescriptorError(operation: "dup", errno: errno) }
        do {
            return try await bootstrap.withBoundSocket(copy).get()
        } catch {
            Glibc.close(copy)
            throw error
        }
    }

    /// Sends one datagram now; false when it was not sent (closed, buffer full, unreachable).
    @discardableResult
    func send(_ bytes: UnsafeRawBufferPointer, to address: SocketAddress) -> Bool {
        descriptor.withLock { fd in
            guard let fd else { return false }
            let sent = address.withSockAddr { pointer, length in
                sendto(fd, bytes.baseAddress, bytes.count, CInt(MSG_DONTWAIT), pointer, socklen_t(length))
            }
            return sent == bytes.count
        }
    }

    /// Reads one waiting datagram into `buffer` (its size is the limit) and its source into `source`; nil when
    /// none is waiting, the socket is closed, or the read failed (an ICMP error reported on the socket).
    func receive(into buffer: inout [UInt8], from source: inout sockaddr_storage) -> Int? {
        descriptor.withLock { fd -> Int? in
            guard let fd else { return nil }
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let count = buffer.withUnsafeMutableBytes { raw in
                withUnsafeMutablePointer(to: &source) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(fd, raw.baseAddress, raw.count, CInt(MSG_DONTWAIT), $0, &length)
                    }
                }
            }
            return count >= 0 ? count : nil
        }
    }

    /// Runs `body` with the open descriptor under the lock (nil result when closed): registration with an epoll
    /// set cannot race a close.
    func withDescriptor<T: Sendable>(_ body: (CInt) -> T) -> T? {
        descriptor.withLock { fd -> T? in
            guard let fd else { return nil }
            return body(fd)
        }
    }

    /// Closes this object's descriptor (the channel closes its own); later sends do nothing.
    func close() {
        descriptor.withLock { fd in
            if let open = fd { Glibc.close(open) }
            fd = nil
        }
    }
}

struct UDPDescriptorError: Error, CustomStringConvertible {
    let operation: String
    let errno: CInt
    var description: String { "\(operation): \(String(cString: strerror(errno)))" }
}
