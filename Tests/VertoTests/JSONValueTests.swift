import Testing

@testable import Verto

@Suite struct JSONValueTests {
    @Test func parsesEveryKindAndSerializesSorted() throws {
        let value = try JSONValue(parsing: #" { "b" : [1, -2.5, 3e2, true, false, null], "a" : "x\"\\\/\n\u00e9" } "#)
        #expect(value == ["a": "x\"\\/\né", "b": [1, -2.5, 300, true, false, nil]])
        #expect(value.jsonText == #"{"a":"x\"\\/\né","b":[1,-2.5,300,true,false,null]}"#)
        #expect(try JSONValue(parsing: value.serialized()) == value)
    }

    @Test func surrogatePairsCombineAndLoneSurrogatesAreReplaced() throws {
        #expect(try JSONValue(parsing: #""\ud83d\ude00""#) == "😀")
        #expect(try JSONValue(parsing: #""\ud83dx""#) == "\u{FFFD}x")
    }

    @Test func controlCharactersAreEscapedOnOutput() {
        #expect(JSONValue.string("a\u{01}\tb\r").jsonText == #""a\u0001\tb\r""#)
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "01", "1.", "-", "1e", "tru", "nul", "\"abc", "\"\u{01}\"",
        "[1] x", "{\"a\":1,}", "\"\\x\"", "\"\\u12\"", "NaN", "Infinity", "1e999",
    ])
    func rejectsMalformedDocuments(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: [0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func enforcesSizeLimit() throws {
        let limits = JSONLimits(maxBytes: 10, maxDepth: 8)
        #expect(try JSONValue(parsing: Array("[1,2,3,4]".utf8), limits: limits) == [1, 2, 3, 4])
        #expect(throws: JSONParseError(reason: .tooLarge, offset: 0)) {
            try JSONValue(parsing: Array("[1,2,3,4,5]".utf8), limits: limits)
        }
    }

    @Test func enforcesDepthLimitWithoutRecursingFurther() throws {
        let limits = JSONLimits(maxBytes: 1_000_000, maxDepth: 64)
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONValue(parsing: ok, limits: limits) }
        // 100,000 nested arrays would overflow an unbounded recursive parser.
        let deep = String(repeating: "[", count: 100_000)
        #expect { try JSONValue(parsing: deep, limits: limits) } throws: { ($0 as? JSONParseError)?.reason == .tooDeep }
        let deepObjects = String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)
        #expect { try JSONValue(parsing: deepObjects, limits: limits) } throws: { ($0 as? JSONParseError)?.reason == .tooDeep }
    }

    @Test func integralNumbersPrintWithoutFraction() {
        #expect(JSONValue.number(16).jsonText == "16")
        #expect(JSONValue.number(-32000).jsonText == "-32000")
        #expect(JSONValue.number(0.5).jsonText == "0.5")
        #expect(JSONValue.number(.nan).jsonText == "null")
    }

    @Test func codableBridgeRoundTrips() throws {
        struct Sample: Codable, Equatable { var a: Int; var b: String?; var c: [String: JSONValue] }
        let sample = Sample(a: 3, b: nil, c: ["k": [true, "v"]])
        let json = try JSONValue(encoding: sample)
        #expect(json == ["a": 3, "c": ["k": [true, "v"]]])
        #expect(try json.decode(as: Sample.self) == sample)
        #expect(throws: JSONCodingError.self) { try JSONValue.object(["a": "x"]).decode(as: Sample.self) }
    }

    @Test func trueishFlags() {
        #expect(JSONValue.bool(true).isTrueish)
        #expect(JSONValue.string("true").isTrueish)
        #expect(!JSONValue.string("yes").isTrueish)
        #expect(!JSONValue.number(1).isTrueish)
    }
}

@Suite struct JSONValueScaleTests {
    /// A frame just under the 1 MB limit parses (and quickly enough not to matter in debug builds).
    @Test func nearLimitFrameParses() throws {
        let element = #"{"k":"abcdefghij","n":12345.5,"b":[true,null]},"#
        let count = (1_000_000 - 2) / element.utf8.count
        let text = "[" + String(repeating: element, count: count).dropLast() + "]"
        #expect(text.utf8.count <= 1_000_000)
        let clock = ContinuousClock()
        let start = clock.now
        let value = try JSONValue(parsing: text)
        #expect(value.arrayValue?.count == count)
        print("parsed \(text.utf8.count) bytes in \(clock.now - start)")
    }
}
