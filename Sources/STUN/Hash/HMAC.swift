/// A hash function usable with ``HMAC`` (block size 64 octets: MD5, SHA-1, SHA-256).
protocol STUNHashFunction {
    static var digestSize: Int { get }
    static func hash(_ message: [UInt8]) -> [UInt8]
}

/// HMAC (RFC 2104): `H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ text))`, with keys longer than the block hashed first.
enum HMAC<Hash: STUNHashFunction> {
    static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let blockSize = MerkleDamgard.blockSize
        var block = key.count > blockSize ? Hash.hash(key) : key
        block.append(contentsOf: repeatElement(0, count: blockSize - block.count))
        var inner = block.map { $0 ^ 0x36 }
        inner.append(contentsOf: message)
        var outer = block.map { $0 ^ 0x5C }
        outer.append(contentsOf: Hash.hash(inner))
        return Hash.hash(outer)
    }
}
