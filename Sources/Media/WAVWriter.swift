#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams audio into a WAV file so that a crash loses at most the last ``headerUpdateInterval`` of audio.
///
/// The header is written first with the sizes of an empty file; audio is appended as it arrives, and the RIFF,
/// `data` (and for G.711 `fact`) sizes are rewritten in place with `pwrite` every `headerUpdateInterval`
/// sample frames (default one second) and in ``finish()``. If the process dies, the file on disk is a valid
/// WAV holding the audio up to the last update (``WAVFile`` reads exactly that much).
///
/// `deinit` closes an owned descriptor without rewriting the header, like a crash would; call ``finish()``.
/// Descriptors opened with `O_APPEND` are not supported (Linux `pwrite` would append).
public final class WAVWriter {
    public let format: WAVFormat
    /// Sample frames between header rewrites.
    public let headerUpdateInterval: Int
    /// Sample frames written so far.
    public private(set) var framesWritten = 0
    /// Sample frames covered by the header on disk.
    public private(set) var framesInHeader = 0

    private let fd: Int32
    private let ownsDescriptor: Bool
    private let header: WAVHeader
    private var scratch: [UInt8] = []
    private var finished = false

    /// Creates (or truncates) the file at `path` and writes the header.
    public convenience init(path: String, format: WAVFormat, headerUpdateInterval: Int? = nil) throws(WAVError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .system(errno: errno) }
        try self.init(fileDescriptor: fd, format: format, headerUpdateInterval: headerUpdateInterval, ownsDescriptor: true)
    }

    /// Writes to an open, writable, seekable descriptor positioned at the start of the file.
    /// - Parameter ownsDescriptor: close `fileDescriptor` in ``finish()`` / `deinit`.
    public init(
        fileDescriptor: Int32, format: WAVFormat, headerUpdateInterval: Int? = nil, ownsDescriptor: Bool = false
    ) throws(WAVError) {
        precondition(format.channels > 0 && format.sampleRate > 0, "invalid WAV format")
        self.fd = fileDescriptor
        self.ownsDescriptor = ownsDescriptor
        self.format = format
        self.header = WAVHeader(format: format)
        self.headerUpdateInterval = max(1, min(headerUpdateInterval ?? format.sampleRate, format.sampleRate))
        let bytes = header.bytes(dataBytes: 0)
        try Self.writeAll(fileDescriptor, bytes)
    }

    deinit {
        if ownsDescriptor && !finished { close(fd) }
    }

    /// Appends interleaved samples: whole sample frames (a multiple of ``WAVFormat/channels``).
    public func write(_ samples: [Int16]) throws(WAVError) {
        try samples.withUnsafeBufferPointer { (buffer) throws(WAVError) in try write(buffer) }
    }

    /// Appends interleaved samples from a buffer.
    public func write(_ samples: UnsafeBufferPointer<Int16>) throws(WAVError) {
        precondition(!finished, "WAVWriter used after finish()")
        precondition(samples.count % format.channels == 0, "WAVWriter.write needs whole sample frames")
        scratch.removeAll(keepingCapacity: true)
        WAVHeader.encode(samples, as: format.encoding, into: &scratch)
        try Self.writeAll(fd, scratch)
        framesWritten += samples.count / format.channels
        if framesWritten - framesInHeader >= headerUpdateInterval {
            try updateHeader()
        }
    }

    /// Rewrites the sizes in the header to cover everything written so far.
    public func updateHeader() throws(WAVError) {
        let dataBytes = framesWritten * format.blockAlign
        try patch(header.riffSize(dataBytes: dataBytes), at: WAVHeader.riffSizeOffset)
        if let factOffset = header.factCountOffset {
            try patch(UInt32(truncatingIfNeeded: framesWritten), at: factOffset)
        }
        try patch(UInt32(truncatingIfNeeded: dataBytes), at: header.dataSizeOffset)
        framesInHeader = framesWritten
    }

    /// Pads odd-sized data, writes the final sizes and closes an owned descriptor. Idempotent.
    public func finish() throws(WAVError) {
        guard !finished else { return }
        if (framesWritten * format.blockAlign) & 1 == 1 {
            try Self.writeAll(fd, [0])
        }
        try updateHeader()
        finished = true
        if ownsDescriptor { close(fd) }
    }

    private func patch(_ value: UInt32, at offset: Int) throws(WAVError) {
        var little = value.littleEndian
        let written = withUnsafeBytes(of: &little) { pwrite(fd, $0.baseAddress, 4, off_t(offset)) }
        guard written == 4 else { throw .system(errno: errno) }
    }

    /// Writes all of `bytes`, retrying short writes and `EINTR`.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(WAVError) {
        let failure: Int32 = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = systemWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return 0
        }
        if failure != 0 { throw .system(errno: failure) }
    }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
