import Testing
@testable import SIPMessage

@Suite("SIPParameters")
struct SIPParametersTests {
    @Test("header parameters: LWS around ; and =, valueless names, quoted values with ; inside")
    func headerParameters() throws {
        let params = try SIPParameters(parsing: #" ; tag = 1918181833n ;lr; q=0.7 ;x="a;b\"c""#)
        #expect(params.items.map(\.name) == ["tag", "lr", "q", "x"])
        #expect(params["TAG"] == "1918181833n" && params["lr"] == .some(nil) && params["missing"] == nil)
        #expect(params["x"] == #""a;b\"c""#)
        #expect(params.serialized == #";tag=1918181833n;lr;q=0.7;x="a;b\"c""#)
        #expect(try SIPParameters(parsing: "a=b;c").items.count == 2)
        #expect(try SIPParameters(parsing: "  ").isEmpty)
        #expect(try SIPParameters(parsing: ";received=[2001:db8::1]")["received"] == "[2001:db8::1]")
    }

    @Test("set keeps position, remove drops every spelling")
    func mutation() {
        var params = SIPParameters([.init(name: "a", value: "1"), .init(name: "B", value: nil)])
        params.set("A", "2")
        params.set("c", nil)
        #expect(params.serialized == ";a=2;B;c")
        params.remove("b")
        #expect(params.serialized == ";a=2;c")
    }

    @Test("malformed header parameters", arguments: [";;", ";a;;b", ";=1", ";a=", ";a b=1", ";a=\"open", ";a=x y", ";a=<b>", ";é=1"])
    func invalid(text: String) {
        #expect(throws: SIPParseError.self) { try SIPParameters(parsing: Substring(text)) }
    }

    @Test("URI parameters allow paramchar and escapes only")
    func uriParameters() throws {
        let params = try SIPParameters.uriParameters("transport=tcp;lr;maddr=[::1];%6C%72")
        #expect(params.items.count == 4 && params["maddr"] == "[::1]")
        #expect(throws: SIPParseError.self) { try SIPParameters.uriParameters("a=b c") }
        #expect(throws: SIPParseError.self) { try SIPParameters.uriParameters("a=%zz") }
        #expect(throws: SIPParseError.self) { try SIPParameters.uriParameters("") }
    }
}

@Suite("SIPGrammar")
struct SIPGrammarTests {
    @Test("decimal accepts 1*DIGIT within the bound and never overflows")
    func decimal() {
        #expect(SIPGrammar.decimal("0068", max: 255) == 68)
        #expect(SIPGrammar.decimal("256", max: 255) == nil)
        #expect(SIPGrammar.decimal("", max: 10) == nil)
        #expect(SIPGrammar.decimal("+1", max: 10) == nil)
        #expect(SIPGrammar.decimal(" 1", max: 10) == nil)
        #expect(SIPGrammar.decimal(String(repeating: "9", count: 400), max: Int.max) == nil)
        #expect(SIPGrammar.decimal("9223372036854775807", max: Int.max) == Int.max)
        #expect(SIPGrammar.decimal("9223372036854775808", max: Int.max) == nil)
    }

    @Test("quoted strings end at the first unescaped quote; unterminated ones are nil")
    func quotedStrings() throws {
        let text: Substring = #""a\"b" rest"#
        let end = try #require(SIPGrammar.endOfQuotedString(text))
        #expect(String(text[..<end]) == #""a\"b""#)
        #expect(SIPGrammar.unquote(text[..<end]) == #"a"b"#)
        #expect(SIPGrammar.endOfQuotedString(#""open\""#) == nil)
        #expect(SIPGrammar.endOfQuotedString("none") == nil)
    }
}
