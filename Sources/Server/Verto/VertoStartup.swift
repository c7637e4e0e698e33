import Foundation
import Logging
import NIOCore
import SIPEndpoint
import SwitchCore
import Transport

/// Brings up the Verto listeners (ws 8081, wss 8082; 0 disables one) serving the browser phone from `web/`, and
/// the service that runs the engine.
struct VertoStartup: Sendable {
    let service: VertoService
    let listeners: [VertoListener]
    let tasks: [Task<Void, Never>]
    let continuation: AsyncStream<VertoService.Event>.Continuation

    static func start(
        group: EventLoopGroup, configuration: ServerConfiguration, domain: String, directory: DirectoryCache,
        tls: TLSIdentity?, calls: VertoService.CallEngine?, logger: Logger
    ) async throws -> VertoStartup {
        let (events, continuation) = AsyncStream.makeStream(of: VertoService.Event.self)
        let service = VertoService(domain: domain, directory: directory, callEngine: calls, logger: logger)
        let run = Task { await service.run(events) }
        let tick = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                continuation.yield(.tick)
            }
        }
        var tasks = [run, tick]
        if let bus = calls?.executor.environment.eventBus {
            // Call-state changes of channels with a presence_id feed presence (compat §1.10), in order with the
            // sockets' events; a call without one builds no event for it.
            let subscription = bus.subscribe(
                EventFilter(names: [.channelCallState], presenceOnly: true), bufferSize: 10_000)
            tasks.append(Task {
                await withTaskCancellationHandler {
                    for await event in subscription.events {
                        continuation.yield(.channelEvent(event))
                    }
                } onCancel: { subscription.cancel() }
            })
        }
        let delegate = VertoSocketEvents(continuation: continuation)
        let web = configuration.core.webDir
        var listeners: [VertoListener] = []
        let verto = configuration.verto
        if verto.wsPort > 0 {
            listeners.append(try await VertoListener.bind(
                group: group, host: verto.listenIP, port: verto.wsPort, webRoot: web, delegate: delegate))
        }
        if verto.wssPort > 0, let tls {
            listeners.append(try await VertoListener.bind(
                group: group, host: verto.listenIP, port: verto.wssPort, tlsCertificatePEM: tls.certificatePEM,
                tlsPrivateKeyPEM: tls.privateKeyPEM, webRoot: web, delegate: delegate))
        }
        logger.info("verto listening", metadata: ["ports": "\(listeners.map(\.port))", "web": "\(web)"])
        return VertoStartup(service: service, listeners: listeners, tasks: tasks, continuation: continuation)
    }

    func stop() async {
        for listener in listeners { await listener.close() }
        continuation.finish()
        for task in tasks.dropFirst() { task.cancel() }
        await tasks[0].value
    }
}
