internal import COpenSSL

/// A failure while creating, parsing or writing a certificate, with OpenSSL's reason when it has one.
public struct CertificateError: Error, Equatable, CustomStringConvertible {
    /// The step that failed, e.g. `"X509_sign"` or `"PEM_read_bio_X509"`.
    public let operation: String
    /// OpenSSL's error-queue text (`ERR_error_string_n`), or our own explanation.
    public let reason: String

    public init(operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    public var description: String { "CertificateError(\(operation)): \(reason)" }

    /// Builds an error from the thread's OpenSSL error queue and clears the queue.
    static func openSSL(_ operation: String) -> CertificateError {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return CertificateError(operation: operation, reason: reasons.isEmpty ? "failed" : reasons.joined(separator: "; "))
    }
}
