import Foundation
import Logging
import Synchronization
import SwitchCore

/// Call detail records on their way to the store: sessions append at hangup (no database work on the call's
/// path), and `run` writes what accumulated every `interval` in one transaction. Shutdown flushes the rest.
final class CallDetailRecordJournal: Sendable {
    private let pending = Mutex<[CDRRecord]>([])
    private let store: DirectoryStore
    private let interval: Duration
    private let logger: Logger

    init(store: DirectoryStore, interval: Duration = .milliseconds(200), logger: Logger) {
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    func append(_ record: CDRRecord) {
        pending.withLock { $0.append(record) }
    }

    /// Flushes every `interval` until the task is cancelled, then once more.
    func run() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            flush()
        }
        flush()
    }

    /// Writes every pending record now. On a store error the records are logged and dropped, so a broken disk
    /// cannot grow memory without bound; the log line keeps what was lost.
    func flush() {
        let batch = pending.withLock { records in
            defer { records.removeAll(keepingCapacity: true) }
            return records
        }
        guard !batch.isEmpty else { return }
        do {
            try store.insertCallDetailRecords(batch)
        } catch {
            logger.error("could not store call detail records", metadata: [
                "error": "\(error)", "uuids": "\(batch.map(\.uuid).joined(separator: ","))",
            ])
        }
    }
}
