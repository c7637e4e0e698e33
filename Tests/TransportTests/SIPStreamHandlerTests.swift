import NIOCore
import NIOEmbedded
import SIPMessage
import Synchronization
import Testing

@testable import Transport

/// Collects what a handler delivers.
final class RecordingDelegate: SIPTransportDelegate {
    let received = Mutex<[([UInt8], SIPPeer)]>([])
    let closed = Mutex<[UInt64]>([])

    func transport(didReceive bytes: [UInt8], from peer: SIPPeer) {
        received.withLock { $0.append((bytes, peer)) }
    }

    func transport(connectionClosed connectionID: UInt64, peer: SIPPeer) {
        closed.withLock { $0.append(connectionID) }
    }
}

@Suite struct SIPStreamHandlerTests {
    static let options = Array(
        ("OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
            + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 4\r\n\r\nbody").utf8)

    func makeChannel() throws -> (EmbeddedChannel, RecordingDelegate, SIPConnectionTable) {
        let delegate = RecordingDelegate()
        let table = SIPConnectionTable()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(
            SIPStreamHandler(delegate: delegate, connections: table, transport: .tcp, limits: SIPParser.Limits()))
        try channel.connect(to: SocketAddress(ipAddress: "192.0.2.7", port: 40000)).wait()
        return (channel, delegate, table)
    }

    @Test func dripFedBytesYieldWholeMessagesWithTheirConnection() throws {
        let (channel, delegate, table) = try makeChannel()
        let twice = [UInt8]("\r\n\r\n".utf8) + Self.options + Self.options
        for byte in twice {
            var buffer = channel.allocator.buffer(capacity: 1)
            buffer.writeInteger(byte)
            try channel.writeInbound(buffer)
        }
        let received = delegate.received.withLock { $0 }
        #expect(received.count == 2)
        #expect(received.allSatisfy { $0.0 == Self.options })
        let peer = try #require(received.first?.1)
        #expect(peer.transport == .tcp && peer.host == "192.0.2.7" && peer.port == 40000)
        #expect(table.lookup(try #require(peer.connectionID)) != nil)
        // The flow is found by the device's address alone (how a registered contact is reached).
        let flow = SIPPeer(transport: .tcp, host: "192.0.2.7", port: 40000)
        #expect(table.lookup(flow: flow)?.peer.connectionID == peer.connectionID)
        _ = try channel.finish()
        #expect(table.lookup(flow: flow) == nil)
    }

    @Test func brokenFramingClosesTheConnectionAndForgetsIt() throws {
        let (channel, delegate, table) = try makeChannel()
        var buffer = channel.allocator.buffer(capacity: 64)
        buffer.writeString("OPTIONS sip:x SIP/2.0\r\nContent-Length: -3\r\n\r\n")
        try channel.writeInbound(buffer)
        #expect(!channel.isActive)
        #expect(delegate.received.withLock { $0.isEmpty })
        #expect(delegate.closed.withLock { $0.count } == 1)
        #expect(table.count == 0)
    }
}
