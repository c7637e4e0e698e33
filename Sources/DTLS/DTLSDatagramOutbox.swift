internal import COpenSSL

/// Collects what OpenSSL writes, one datagram per `BIO_write`.
///
/// A memory BIO would concatenate every datagram of a flight into one byte stream. This BIO keeps
/// the boundaries instead: while handshaking, OpenSSL writes through its own buffering BIO and
/// flushes it whenever the next record would not fit the MTU, so each `BIO_write` reaching us is one
/// datagram of whole records (RFC 6347 §4.1.1 allows several records per datagram). Records never
/// exceed the MTU because the association sets `DTLS_set_link_mtu` and `SSL_OP_NO_QUERY_MTU`.
final class DTLSDatagramOutbox {
    private(set) var datagrams: [[UInt8]] = []

    /// Removes and returns the datagrams written so far.
    func take() -> [[UInt8]] {
        defer { datagrams.removeAll(keepingCapacity: true) }
        return datagrams
    }

    fileprivate func append(_ bytes: UnsafeRawBufferPointer) {
        datagrams.append(Array(bytes))
    }

    /// A new write BIO that appends to `self`. The BIO holds `self` unretained: the association owns
    /// both the outbox and the `SSL` that frees the BIO, and frees the `SSL` first.
    func makeBIO() -> OpaquePointer? {
        guard let method = DatagramBIOMethod.shared.method, let bio = BIO_new(method) else { return nil }
        BIO_set_data(bio, Unmanaged.passUnretained(self).toOpaque())
        BIO_set_init(bio, 1)
        return bio
    }
}

/// The process-wide `BIO_METHOD` behind ``DTLSDatagramOutbox``. `@unchecked Sendable`: it is built
/// once (a static `let` is initialized exactly once, thread-safely) and OpenSSL only reads it.
private struct DatagramBIOMethod: @unchecked Sendable {
    let method: OpaquePointer?

    static let shared = DatagramBIOMethod()

    private init() {
        guard let method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "switchboard DTLS datagrams") else {
            ERR_clear_error()
            self.method = nil
            return
        }
        _ = BIO_meth_set_write(method) { bio, data, length in
            guard let bio, let data, length >= 0, let box = BIO_get_data(bio) else { return -1 }
            shim_BIO_clear_retry_flags(bio)
            let outbox = Unmanaged<DTLSDatagramOutbox>.fromOpaque(box).takeUnretainedValue()
            outbox.append(UnsafeRawBufferPointer(start: data, count: Int(length)))
            return length
        }
        _ = BIO_meth_set_ctrl(method) { _, command, _, _ in
            // Writes complete at once, so a flush always succeeds and nothing is ever pending.
            // Everything else (datagram peer, MTU queries, timeouts) does not apply: answer 0.
            command == BIO_CTRL_FLUSH ? 1 : 0
        }
        self.method = method
    }
}
