import Testing
@testable import Applications

@Suite struct ArgumentTests {
    @Test(arguments: [
        ("a b  c", ["a", "b", "c"]),
        ("  lead trail  ", ["lead", "trail"]),
        ("1 '' x", ["1", "", "x"]),
        ("'one two' three", ["one two", "three"]),
        (#"a\ b c"#, ["a b", "c"]),
        (#"it\'s"#, ["it's"]),
        ("'unbalanced rest", ["'unbalanced", "rest"]),
        ("'a' 'b", ["a", "'b"]),
        (#"\d+ ^\w$"#, [#"\d+"#, #"^\w$"#]),
        (#"a\sb\tc"#, ["a b\tc"]),
        ("tab\tsep", ["tab", "sep"]),
        ("", []),
        (#"end\"#, [#"end\"#]),
    ])
    func split(data: String, expected: [String]) {
        #expect(ApplicationArguments.split(data) == expected)
    }

    @Test func terminators() {
        #expect(ApplicationArguments.terminators("") == ["#"])
        #expect(ApplicationArguments.terminators("none") == [])
        #expect(ApplicationArguments.terminators("ANY").count == 16)
        #expect(ApplicationArguments.terminators("#*") == ["#", "*"])
    }

    @Test func splitOnce() {
        #expect(ApplicationArguments.splitOnce("a=b=c", at: "=") == ("a", "b=c"))
        #expect(ApplicationArguments.splitOnce("a", at: "=") == ("a", nil))
    }
}
