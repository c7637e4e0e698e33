import Foundation
import NIOCore
import NIOHTTP1

/// Plain HTTP on the Verto ports: GET/HEAD of files under `root` (the browser phone in `web/`), `/` meaning
/// `/index.html`. Paths with `..` or outside the root are refused; anything else is 404/405. Files are small
/// (a page, scripts, styles), so each is read whole.
final class StaticFileHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let root: String?

    init(root: String?) { self.root = root }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let (status, type, body) = response(to: head)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: type)
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Cache-Control", value: "no-cache")
        if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))), promise: nil)
        if head.method != .HEAD {
            var buffer = context.channel.allocator.buffer(capacity: body.count)
            buffer.writeBytes(body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let keepAlive = head.isKeepAlive
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    private func response(to head: HTTPRequestHead) -> (HTTPResponseStatus, String, [UInt8]) {
        guard head.method == .GET || head.method == .HEAD else { return (.methodNotAllowed, "text/plain", Array("405\n".utf8)) }
        let path = String(head.uri.split(separator: "?", maxSplits: 1).first ?? "/").removingPercentEncoding ?? ""
        guard let root, !path.split(separator: "/").contains(".."), path.hasPrefix("/") else {
            return (.notFound, "text/plain", Array("404 Not Found\n".utf8))
        }
        let file = root + (path == "/" ? "/index.html" : path)
        guard let data = FileManager.default.contents(atPath: file) else {
            return (.notFound, "text/plain", Array("404 Not Found\n".utf8))
        }
        return (.ok, Self.contentType(of: file), Array(data))
    }

    static func contentType(of file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "wav": "audio/wav"
        default: "application/octet-stream"
        }
    }
}
