extension WAVFile {
    /// The file as bytes: the ``WAVWriter`` header followed by ``samples`` in ``format``'s encoding.
    public func serialized() -> [UInt8] {
        let header = WAVHeader(format: format)
        let dataBytes = samples.count * format.encoding.bytesPerSample
        var out = header.bytes(dataBytes: dataBytes)
        out.reserveCapacity(header.size + dataBytes + 1)
        samples.withUnsafeBufferPointer { WAVHeader.encode($0, as: format.encoding, into: &out) }
        if dataBytes & 1 == 1 { out.append(0) }
        return out
    }
}
