import NIOCore
import SDP
import SIPEndpoint
import Synchronization
import Transport

/// The RTP leg of a call over one `RTPSocket`. Symmetric RTP (the far end's source address wins over its
/// SDP, for NAT); in echo mode every packet goes straight back with our SSRC, on the socket's event loop,
/// with no decode (FreeSWITCH `echo`).
final class RTPMediaLeg: SIPMediaLeg {
    enum Mode: Sendable {
        case idle
        case echo
    }

    struct State: Sendable {
        var remote: (host: String, port: Int)?
        var latched = false
        var mode = Mode.idle
        var packetsReceived = 0
    }

    let address: String
    let socket: RTPSocket
    let ssrc = UInt32.random(in: 1...UInt32.max)
    private let state = Mutex(State())

    var port: Int { socket.localPort }

    init(socket: RTPSocket, address: String) {
        self.socket = socket
        self.address = address
        socket.onReceive { [weak self] packet, host, port in self?.received(packet, host: host, port: port) }
    }

    func start(_ media: NegotiatedMedia) {
        state.withLock { s in
            if !s.latched { s.remote = (media.remoteAddress, Int(media.remotePort)) }
        }
    }

    func setMode(_ mode: Mode) {
        state.withLock { $0.mode = mode }
    }

    var packetsReceived: Int { state.withLock { $0.packetsReceived } }

    func close() {
        socket.close()
    }

    private func received(_ packet: [UInt8], host: String, port: Int) {
        // RTP version 2 and at least a fixed header (RFC 3550 §5.1); RTCP (PT 200–204 with mux) is not echoed.
        guard packet.count >= 12, packet[0] >> 6 == 2, !(200...204).contains(packet[1]) else { return }
        let (mode, remote) = state.withLock { s -> (Mode, (host: String, port: Int)?) in
            s.packetsReceived += 1
            if !s.latched || s.remote?.host != host || s.remote?.port != port {
                s.remote = (host, port)
                s.latched = true
            }
            return (s.mode, s.remote)
        }
        guard mode == .echo, let remote else { return }
        var echoed = packet
        echoed[8] = UInt8(truncatingIfNeeded: ssrc >> 24)
        echoed[9] = UInt8(truncatingIfNeeded: ssrc >> 16)
        echoed[10] = UInt8(truncatingIfNeeded: ssrc >> 8)
        echoed[11] = UInt8(truncatingIfNeeded: ssrc)
        socket.send(echoed, to: remote.host, port: remote.port)
    }
}

/// Opens RTP legs on ports from the configured range.
final class RTPMediaProvider: SIPMediaProvider {
    let group: EventLoopGroup
    let bindAddress: String
    /// The address put in SDP (`ext_rtp_ip`, else the bind address).
    let advertisedAddress: String
    let pool: RTPPortPool
    let legs = Mutex<[String: RTPMediaLeg]>([:])

    init(group: EventLoopGroup, bindAddress: String, advertisedAddress: String, pool: RTPPortPool) {
        self.group = group
        self.bindAddress = bindAddress
        self.advertisedAddress = advertisedAddress
        self.pool = pool
    }

    func openLeg(uuid: String) async throws -> any SIPMediaLeg {
        let socket = try await RTPSocket.bind(group: group, host: bindAddress, pool: pool)
        return RTPMediaLeg(socket: socket, address: advertisedAddress)
    }
}
