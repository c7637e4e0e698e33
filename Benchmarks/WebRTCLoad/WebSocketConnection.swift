#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking WebSocket client (RFC 6455) for the signalling side of the load generator: one TCP connection,
/// text frames only, client frames masked (§5.3), pings answered (§5.5.2). Used from one thread.
final class WebSocketConnection {
    enum Failure: Error, CustomStringConvertible {
        case connect(String)
        case handshake(String)
        case closed
        case timeout

        var description: String {
            switch self {
            case .connect(let reason): "connect: \(reason)"
            case .handshake(let reason): "WebSocket handshake: \(reason)"
            case .closed: "connection closed"
            case .timeout: "timed out"
            }
        }
    }

    private let fd: Int32
    private var input: [UInt8] = []

    /// Connects to `host:port` (IPv4 literal) and upgrades with `subprotocol` (RFC 6455 §4.1).
    init(host: String, port: UInt16, path: String = "/", subprotocol: String) throws {
        fd = socket(AF_INET, streamSocketType, 0)
        guard fd >= 0 else { throw Failure.connect("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { closeDescriptor(fd); throw Failure.connect("bad host \(host)") }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { closeDescriptor(fd); throw Failure.connect("\(host):\(port) errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let key = "dGhlIHNhbXBsZSBub25jZQ=="   // any 16-octet base64 nonce will do for a test client
        let request = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: \(subprotocol)\r\n\r\n"
        try write(Array(request.utf8))
        let head = try readHTTPHead()
        guard head.hasPrefix("HTTP/1.1 101") else { throw Failure.handshake(String(head.prefix(200))) }
    }

    deinit { closeDescriptor(fd) }

    /// Sends one text message.
    func send(_ text: String) throws {
        let payload = Array(text.utf8)
        var frame: [UInt8] = [0x81]
        switch payload.count {
        case ..<126: frame.append(0x80 | UInt8(payload.count))
        case ..<65536: frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: frame += [0x80 | 127] + (0..<8).reversed().map { UInt8(truncatingIfNeeded: payload.count >> ($0 * 8)) }
        }
        let mask: [UInt8] = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset & 3] }
        try write(frame)
    }

    /// The next text message, or nil when none arrived within `timeout` seconds.
    func receive(timeout: Double) throws -> String? {
        let deadline = monotonicSeconds() + timeout
        while true {
            if let (opcode, payload) = takeFrame() {
                switch opcode {
                case 0x1, 0x2: return String(decoding: payload, as: UTF8.self)
                case 0x8: throw Failure.closed
                case 0x9: try write([0x8A, 0x80 | UInt8(payload.count)] + [0, 0, 0, 0] + payload)   // pong, zero mask
                default: continue
                }
                continue
            }
            let left = deadline - monotonicSeconds()
            guard left > 0 else { return nil }
            guard try fill(timeout: left) else { return nil }
        }
    }

    // MARK: - Private

    private func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { sendBytes(fd, $0) }
            guard n > 0 else { throw Failure.closed }
            sent += n
        }
    }

    /// Reads what is available within `timeout`; false on timeout.
    private func fill(timeout: Double) throws -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(max(1, timeout * 1000))) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw Failure.closed }
        input += chunk[0..<n]
        return true
    }

    private func readHTTPHead() throws -> String {
        let deadline = monotonicSeconds() + 10
        while true {
            if let end = findHeadEnd() {
                let head = String(decoding: input[0..<end], as: UTF8.self)
                input.removeFirst(end + 4)
                return head
            }
            guard monotonicSeconds() < deadline, try fill(timeout: deadline - monotonicSeconds()) else { throw Failure.timeout }
        }
    }

    private func findHeadEnd() -> Int? {
        guard input.count >= 4 else { return nil }
        for i in 0...(input.count - 4) where input[i] == 13 && input[i + 1] == 10 && input[i + 2] == 13 && input[i + 3] == 10 {
            return i
        }
        return nil
    }

    /// One complete (unmasked, unfragmented) server frame from the input buffer (§5.2).
    private func takeFrame() -> (UInt8, [UInt8])? {
        guard input.count >= 2 else { return nil }
        let opcode = input[0] & 0x0F
        var length = Int(input[1] & 0x7F), offset = 2
        if length == 126 {
            guard input.count >= 4 else { return nil }
            length = Int(input[2]) << 8 | Int(input[3])
            offset = 4
        } else if length == 127 {
            guard input.count >= 10 else { return nil }
            length = input[2..<10].reduce(0) { $0 << 8 | Int($1) }
            offset = 10
        }
        guard input.count >= offset + length else { return nil }
        let payload = Array(input[offset..<(offset + length)])
        input.removeFirst(offset + length)
        return (opcode, payload)
    }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
