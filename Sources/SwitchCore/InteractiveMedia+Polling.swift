/// The default `MediaPort.startInteractive` for ports that have no native support: runs the plain operation
/// in a task and polls `collectDigits` for one digit at a time (20 ms). Limits, to be lifted by a native
/// implementation in the port: `pause` stops the media and a second `pause` starts it again from the
/// beginning; `seek`, `speed` and `volume` are ignored; the elapsed time is measured, not counted in frames.
actor PolledInteractiveMedia: InteractiveMedia {
    private let port: any MediaPort
    private let operation: InteractiveOperation
    private var task: Task<Void, Never>?
    private var generation = 0
    private var ended = false
    private var paused = false
    private var found = true
    private var stopped = false
    private let clock = ContinuousClock()
    private let startedAt: ContinuousClock.Instant

    init(port: any MediaPort, operation: InteractiveOperation) {
        self.port = port
        self.operation = operation
        startedAt = clock.now
    }

    func begin() {
        task?.cancel()
        generation += 1
        let (port, operation, generation) = (port, operation, generation)
        task = Task {
            let found: Bool
            switch operation {
            case .play(let source):
                found = (try? await port.play(source, terminators: [])) != PlaybackResult.notFound
            case .sleep(let duration):
                try? await Task.sleep(for: duration)
                found = true
            case .record(let path, let limit):
                _ = try? await port.record(path, limit: limit, terminators: [])
                found = true
            }
            self.finished(generation: generation, found: found, cancelled: Task.isCancelled)
        }
    }

    private func finished(generation: Int, found: Bool, cancelled: Bool) {
        guard generation == self.generation, !cancelled, !paused else { return }
        self.found = found
        ended = true
    }

    func nextEvent() async throws -> MediaInputEvent {
        while !ended {
            do {
                try Task.checkCancellation()
                let probe = DigitCollection(minimum: 1, maximum: 1, timeout: .milliseconds(20), terminators: [])
                if let digit = try await port.collectDigits(probe).digits.first {
                    return .dtmf(digit, duration: 640)
                }
            } catch {
                task?.cancel()
                ended = true
                throw error
            }
        }
        return .ended
    }

    func apply(_ control: MediaControl) async {
        switch control {
        case .continue, .seek, .speed, .volume:
            break
        case .stop, .truncate:
            task?.cancel()
            stopped = true
            ended = true
        case .restart:
            paused = false
            begin()
        case .pause:
            paused.toggle()
            if paused { task?.cancel() } else { begin() }
        }
    }

    func outcome() async -> InteractiveOutcome {
        InteractiveOutcome(found: found, stopped: stopped, elapsed: clock.now - startedAt)
    }
}

extension MediaPort {
    /// Default: ``PolledInteractiveMedia`` over `play`/`record`/`collectDigits` (see its limits).
    public func startInteractive(_ operation: InteractiveOperation) async throws -> any InteractiveMedia {
        let media = PolledInteractiveMedia(port: self, operation: operation)
        await media.begin()
        return media
    }

    /// Default: takes buffered digits one by one with a zero timeout until none is left.
    public func flushDigits() async {
        for _ in 0..<256 {
            let probe = DigitCollection(minimum: 1, maximum: 1, timeout: .zero, terminators: [])
            guard let result = try? await collectDigits(probe), !result.digits.isEmpty else { return }
        }
    }
}
