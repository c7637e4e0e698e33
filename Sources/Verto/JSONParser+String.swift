extension JSONParser {
    /// A string literal (RFC 8259 §7), starting at the opening quote. Raw control characters and invalid UTF-8
    /// are errors; `\uD83D\uDE00` surrogate pairs combine; a lone surrogate becomes U+FFFD.
    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        var scalars: [UInt8] = []
        while true {
            guard index < bytes.count else { throw error(.syntax) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                break
            }
            guard byte >= 0x20 else { throw error(.syntax) }
            if byte != UInt8(ascii: "\\") {
                scalars.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { throw error(.syntax) }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"): scalars.append(contentsOf: Array(String(try parseUnicodeEscape()).utf8))
            default: throw error(.syntax)
            }
        }
        guard let string = String(validating: scalars, as: UTF8.self) else { throw error(.invalidUTF8) }
        return string
    }

    /// The scalar after `\u`, reading a following `\uXXXX` low surrogate when the first is a high one.
    mutating func parseUnicodeEscape() throws(JSONParseError) -> Character {
        let first = try parseHex4()
        if (0xD800...0xDBFF).contains(first), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
        {
            let save = index
            index += 2
            let second = try parseHex4()
            if (0xDC00...0xDFFF).contains(second) {
                let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                return Character(Unicode.Scalar(combined) ?? "\u{FFFD}")
            }
            index = save
        }
        return Character(Unicode.Scalar(first) ?? "\u{FFFD}")
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(.syntax) }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw error(.syntax)
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }
}
