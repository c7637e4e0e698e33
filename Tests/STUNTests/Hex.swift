/// `"00 01 ab"` → `[0x00, 0x01, 0xAB]`, whitespace ignored; for transcribing RFC hex dumps.
func hex(_ text: String) -> [UInt8] {
    let digits = text.filter(\.isHexDigit)
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        bytes.append(UInt8(digits[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

func hexString(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
