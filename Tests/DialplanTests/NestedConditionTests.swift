import Dialplan
import Testing

/// Nested `<condition>` blocks: evaluated only when the parent passed; `require-nested` (default true).
@Suite("Hunting: nested conditions")
struct NestedConditionTests {
    static func plan(requireNested: String? = nil, parentBreak: String = "on-false") throws -> DialplanPlan {
        let require = requireNested.map { " require-nested=\"\($0)\"" } ?? ""
        return try compileExtensions("""
            <extension name="outer">
              <condition field="destination_number" expression="^(\\d+)$" break="\(parentBreak)"\(require)>
                <action application="log" data="parent $1"/>
                <condition field="${tier}" expression="^(gold|silver)$">
                  <action application="log" data="tier $1"/>
                  <condition field="${tier}" expression="^gold$">
                    <action application="log" data="inner gold"/>
                    <anti-action application="log" data="inner not gold"/>
                  </condition>
                </condition>
              </condition>
              <condition field="destination_number" expression="^1$">
                <action application="log" data="sibling"/>
              </condition>
            </extension>
            <extension name="fallback"><condition><action application="log" data="fallback"/></condition></extension>
            """)
    }

    @Test func nestedBlocksRunInsideAPassingParent() throws {
        let result = try Self.plan().hunt("1", variables: ["tier": "gold"])
        #expect(result.matchedExtensions == ["outer"])
        #expect(result.calls == ["log(parent 1)", "log(tier gold)", "log(inner gold)", "log(sibling)"])
    }

    @Test func innerAntiActionKeepsTheNestedBlockTrue() throws {
        let result = try Self.plan().hunt("1", variables: ["tier": "silver"])
        #expect(result.matchedExtensions == ["outer"])
        #expect(result.calls == ["log(parent 1)", "log(tier silver)", "log(inner not gold)", "log(sibling)"])
    }

    @Test func nestedBlocksAreSkippedWhenTheParentFails() throws {
        let result = try Self.plan().hunt("abc", variables: ["tier": "gold"])
        #expect(result.matchedExtensions == ["fallback"])
        #expect(result.calls == ["log(fallback)"])
    }

    @Test func failingNestedBlockMakesTheExtensionUnmatched() throws {
        let result = try Self.plan().hunt("1", variables: ["tier": "bronze"])
        #expect(result.matchedExtensions == ["fallback"])
        #expect(result.calls == ["log(parent 1)", "log(fallback)"])
    }

    @Test func requireNestedFalseIgnoresAFailingNestedBlock() throws {
        let result = try Self.plan(requireNested: "false").hunt("1", variables: ["tier": "bronze"])
        #expect(result.matchedExtensions == ["outer"])
        #expect(result.calls == ["log(parent 1)", "log(sibling)"])
    }

    @Test func breakNeverContinuesAfterAFailingNestedBlock() throws {
        let result = try Self.plan(parentBreak: "never").hunt("1", variables: ["tier": "bronze"])
        #expect(result.matchedExtensions == ["outer"])
        #expect(result.calls == ["log(parent 1)", "log(sibling)"])
    }
}
