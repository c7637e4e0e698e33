#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import SIPMessage

/// The SIP listeners: UDP and TCP (default 5060), TLS (5061), WS (5066) and WSS (7443), RFC 3261 §18
/// and RFC 7118. Owns every SIP socket; everything above it sees bytes and `SIPPeer`s.
public final class SIPTransportServer: Sendable {
    public struct Configuration: Sendable {
        public var listenAddress: String
        /// 0 disables a listener.
        public var udpPort: Int
        public var tcpPort: Int
        public var tlsPort: Int
        public var wsPort: Int
        public var wssPort: Int
        /// PEM certificate chain and key for TLS and WSS.
        public var tlsCertificatePEM: String?
        public var tlsPrivateKeyPEM: String?
        public var limits: SIPParser.Limits

        public init(
            listenAddress: String = "127.0.0.1", udpPort: Int = 5060, tcpPort: Int = 5060, tlsPort: Int = 5061,
            wsPort: Int = 5066, wssPort: Int = 7443, tlsCertificatePEM: String? = nil, tlsPrivateKeyPEM: String? = nil,
            limits: SIPParser.Limits = SIPParser.Limits()
        ) {
            self.listenAddress = listenAddress
            self.udpPort = udpPort
            self.tcpPort = tcpPort
            self.tlsPort = tlsPort
            self.wsPort = wsPort
            self.wssPort = wssPort
            self.tlsCertificatePEM = tlsCertificatePEM
            self.tlsPrivateKeyPEM = tlsPrivateKeyPEM
            self.limits = limits
        }
    }

    /// A listener that is up, with the port it really bound (useful when configured as an ephemeral port).
    public struct BoundListener: Sendable, CustomStringConvertible {
        public var transport: SIPTransportProtocol
        public var host: String
        public var port: Int
        public var description: String { "\(transport.rawValue) \(host):\(port)" }
    }

    private let configuration: Configuration
    private let group: EventLoopGroup
    private let connections = SIPConnectionTable()
    /// One UDP socket per event loop; a datagram is sent on the descriptor of the loop's socket.
    private let udpSockets = LockedBox<[(channel: Channel, udp: UDPDescriptor)]>([])
    private let listeners = LockedBox<[Channel]>([])
    private let logger: Logger

    public init(configuration: Configuration, group: EventLoopGroup, logger: Logger) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
    }

    /// Binds every enabled listener. Throws (naming the listener) when a port is taken.
    public func start(delegate: SIPTransportDelegate) async throws -> [BoundListener] {
        var bound: [BoundListener] = []
        let c = configuration
        if c.udpPort > 0 { bound.append(try await bindUDP(port: c.udpPort, delegate: delegate)) }
        if c.tcpPort > 0 { bound.append(try await bindStream(.tcp, port: c.tcpPort, tls: nil, delegate: delegate)) }
        let tls = try makeTLSContext()
        if c.tlsPort > 0, let tls {
            bound.append(try await bindStream(.tls, port: c.tlsPort, tls: tls, delegate: delegate))
        }
        if c.wsPort > 0 { bound.append(try await bindWebSocket(.ws, port: c.wsPort, tls: nil, delegate: delegate)) }
        if c.wssPort > 0, let tls {
            bound.append(try await bindWebSocket(.wss, port: c.wssPort, tls: tls, delegate: delegate))
        }
        return bound
    }

    public func stop() async {
        connections.closeAll()
        let all = listeners.withLock { l in
            defer { l.removeAll() }
            return l
        }
        for channel in all { try? await channel.close() }
        let udp = udpSockets.withLock { sockets in
            defer { sockets.removeAll() }
            return sockets.map(\.udp)
        }
        for socket in udp { socket.close() }
    }

    public var openConnectionCount: Int { connections.count }

    /// Sends on the connection the peer names; a stream peer without a connection id is reached over
    /// the open flow from its address (a registered device behind NAT). Opening new outbound stream
    /// connections comes with the call engine.
    public func send(_ bytes: [UInt8], to peer: SIPPeer) {
        if peer.transport.isReliable {
            let entry = peer.connectionID.flatMap { connections.lookup($0) } ?? connections.lookup(flow: peer)
            guard let entry else {
                logger.debug("dropping message: no open connection", metadata: ["peer": "\(peer)"])
                return
            }
            let channel = entry.channel
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            if entry.isWebSocket {
                let frame = WebSocketFrame(fin: true, opcode: .text, data: buffer)
                channel.writeAndFlush(frame, promise: nil)
            } else {
                channel.writeAndFlush(buffer, promise: nil)
            }
            return
        }
        sendDatagram(bytes, to: peer)
    }

    private func sendDatagram(_ bytes: [UInt8], to peer: SIPPeer) {
        guard let address = try? SocketAddress(ipAddress: peer.host, port: peer.port) else {
            logger.debug("cannot send to unresolved address", metadata: ["peer": "\(peer)"])
            return
        }
        // Any of the port's sockets will do. On one of their event loops (answering a datagram it read) that
        // loop's socket sends; the kernel hashes a peer's datagrams to one socket, so its requests and our
        // answers stay on one thread and in order. Elsewhere the peer's port picks one.
        let sockets = udpSockets.withLock { $0 }
        guard !sockets.isEmpty else { return }
        let socket = sockets.first { $0.channel.eventLoop.inEventLoop } ?? sockets[peer.port % sockets.count]
        bytes.withUnsafeBytes { _ = socket.udp.send($0, to: address) }
    }

    private func makeTLSContext() throws -> NIOSSLContext? {
        guard let certPEM = configuration.tlsCertificatePEM, let keyPEM = configuration.tlsPrivateKeyPEM else {
            return nil
        }
        return try Self.serverTLSContext(certificatePEM: certPEM, privateKeyPEM: keyPEM)
    }

    /// A server TLS context from a PEM chain and key (SIP TLS, WSS, Verto WSS).
    static func serverTLSContext(certificatePEM: String, privateKeyPEM: String) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
        let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        return try NIOSSLContext(configuration: tls)
    }

    /// One UDP socket per event loop on the same port (SO_REUSEPORT): the kernel spreads datagrams over
    /// them by source address, so SIP over UDP is not limited to one core. Each gets a 4 MiB receive queue
    /// (the kernel's default, ~200 KiB, is about 400 datagrams: a 100 ms stall at 1,500 calls/s overflowed it,
    /// and a lost ACK or BYE leaves a call up until Timer H or the 2xx timeout).
    private func bindUDP(port: Int, delegate: SIPTransportDelegate) async throws -> BoundListener {
        let maxSize = configuration.limits.maxMessageSize
        var boundPort = port
        var sockets: [(channel: Channel, udp: UDPDescriptor)] = []
        for loop in group.makeIterator() {
            let udp: UDPDescriptor
            do {
                udp = try UDPDescriptor.bind(
                    host: configuration.listenAddress, port: boundPort, reusePort: true, receiveBuffer: 4 << 20)
            } catch {
                for (channel, udp) in sockets {   // the loops already bound: close them, then fail
                    udp.close()
                    try? await channel.close()
                }
                throw error
            }
            do {
                let channel = try await udp.makeChannel(
                    DatagramBootstrap(group: loop)
                        .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65_536))
                        .channelOption(.maxMessagesPerRead, value: 16)
                        .channelInitializer { channel in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(
                                    SIPDatagramHandler(delegate: delegate, maxMessageSize: maxSize))
                            }
                        })
                boundPort = udp.localPort
                sockets.append((channel, udp))
            } catch {
                udp.close()
                for (channel, udp) in sockets {
                    udp.close()
                    try? await channel.close()
                }
                throw error
            }
        }
        udpSockets.withLock { $0.append(contentsOf: sockets) }
        listeners.withLock { $0.append(contentsOf: sockets.map(\.channel)) }
        return BoundListener(transport: .udp, host: configuration.listenAddress, port: boundPort)
    }

    private func bindStream(_ transport: SIPTransportProtocol, port: Int, tls: NIOSSLContext?,
                            delegate: SIPTransportDelegate) async throws -> BoundListener {
        let connections = self.connections
        let limits = configuration.limits
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        SIPStreamHandler(delegate: delegate, connections: connections, transport: transport, limits: limits))
                }
            }
            .bind(host: configuration.listenAddress, port: port)
            .get()
        listeners.withLock { $0.append(channel) }
        return BoundListener(transport: transport, host: configuration.listenAddress, port: channel.localAddress?.port ?? port)
    }

    private func bindWebSocket(_ transport: SIPTransportProtocol, port: Int, tls: NIOSSLContext?,
                               delegate: SIPTransportDelegate) async throws -> BoundListener {
        let connections = self.connections
        let maxSize = configuration.limits.maxMessageSize
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let upgrader = NIOWebSocketServerUpgrader(
                    maxFrameSize: max(maxSize, 1 << 14),
                    automaticErrorHandling: true,
                    shouldUpgrade: { channel, head in
                        guard let answer = SIPWebSocketHandler.negotiatedSubprotocol(head) else {
                            return channel.eventLoop.makeSucceededFuture(nil)
                        }
                        var headers = HTTPHeaders()
                        if let answer { headers.add(name: "Sec-WebSocket-Protocol", value: answer) }
                        return channel.eventLoop.makeSucceededFuture(headers)
                    },
                    upgradePipelineHandler: { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOWebSocketFrameAggregator(
                                    minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 64,
                                    maxAccumulatedFrameSize: maxSize))
                            try channel.pipeline.syncOperations.addHandler(
                                SIPWebSocketHandler(
                                    delegate: delegate, connections: connections, transport: transport,
                                    maxMessageSize: maxSize))
                        }
                    })
                return channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
                }
            }
            .bind(host: configuration.listenAddress, port: port)
            .get()
        listeners.withLock { $0.append(channel) }
        return BoundListener(transport: transport, host: configuration.listenAddress, port: channel.localAddress?.port ?? port)
    }
}
