import Testing
@testable import SwitchCore

struct VariableExpanderTests {
    static func expander() -> VariableExpander {
        var variables = ChannelVariables(system: [
            "greeting": "hello",
            "sip_to_user": "1000",
            "prefix": "sip",
            "key": "to_user",
            "chained": "${greeting} world",
            "loop": "${loop}x",
            "digits": "0123456789",
        ])
        variables.set("sip_user_agent", "${system(rm -rf /)}", origin: .caller)
        variables.set("evil_name", "greeting", origin: .caller)
        let profile = CallerProfile(
            destinationNumber: "9196", callerIDName: "${hangup_cause}", callerIDNumber: "+15551234",
            context: "default", uuid: "u-1")
        let globals = ChannelVariables(system: ["domain": "example.com", "greeting": "global-hi"])
        return VariableExpander(variables: variables, profile: profile, globals: globals)
    }

    /// (template, expected text, contains caller text)
    static let cases: [(String, String, Bool)] = [
        ("plain text", "plain text", false),
        ("${greeting}", "hello", false),
        ("say ${greeting}!", "say hello!", false),
        ("${unknown}", "", false),
        ("a${unknown}b", "ab", false),
        ("${domain}", "example.com", false),
        ("$${greeting}", "global-hi", false),
        ("$${sip_to_user}", "", false),
        ("${${prefix}_${key}}", "1000", false),
        ("${chained}", "hello world", false),
        ("${destination_number}", "9196", true),
        ("${context}", "default", false),
        ("${digits:3}", "3456789", false),
        ("${digits:2:3}", "234", false),
        ("${digits:-4}", "6789", false),
        ("${digits:-4:2}", "67", false),
        ("${digits:-40}", "0123456789", false),
        ("${digits:40}", "", false),
        ("${greeting:default}", "hello", false),
        ("${unterminated", "${unterminated", false),
        ("cost $5", "cost $5", false),
        ("$$", "$$", false),
    ]

    @Test(arguments: cases)
    func expansion(_ row: (String, String, Bool)) {
        let result = Self.expander().expand(row.0)
        #expect(result.text == row.1)
        #expect(result.containsCallerText == row.2)
    }

    @Test func selfReferenceStopsAtTheDepthLimit() {
        let result = Self.expander().expand("${loop}")
        #expect(result.text.hasSuffix("xxxxxxxx"))
        #expect(result.text.hasPrefix("${loop}"))
    }

    // MARK: Injection

    @Test func callerHeaderIsInsertedLiterally() {
        let result = Self.expander().expand("ua=${sip_user_agent}")
        #expect(result.text == "ua=${system(rm -rf /)}")
        #expect(result.containsCallerText)
    }

    @Test func callerIDIsNeverReExpanded() {
        // caller_id_name is "${hangup_cause}": a system expansion would read a variable; it must stay text.
        let result = Self.expander().expand("${caller_id_name} <${caller_id_number}>")
        #expect(result.text == "${hangup_cause} <+15551234>")
        #expect(result.containsCallerText)
    }

    @Test func callerCannotChooseWhichVariableIsRead() {
        // evil_name holds "greeting": building a name from it must not read ${greeting}.
        let result = Self.expander().expand("[${${evil_name}}]")
        #expect(result.text == "[]")
        #expect(result.containsCallerText)
    }

    @Test func taintSurvivesStorage() {
        var variables = ChannelVariables()
        let expansion = Self.expander().expand("from ${sip_user_agent}")
        variables.set("copied", expansion: expansion)
        #expect(variables.variable("copied")?.origin == .caller)
        // Re-expanding the stored copy still leaves the caller's text alone.
        let again = VariableExpander(variables: variables).expand("${copied}")
        #expect(again.text == "from ${system(rm -rf /)}")
    }

    @Test func systemValueWithReferencesIsExpanded() {
        var variables = ChannelVariables()
        variables.set("dial", "user/${dest}@${domain}")
        variables.set("dest", "1001")
        let result = VariableExpander(variables: variables, globals: ChannelVariables(system: ["domain": "d.test"]))
            .expand("${dial}")
        #expect(result.text == "user/1001@d.test")
        #expect(!result.containsCallerText)
    }

    @Test func channelVariableShadowsProfileAndGlobal() {
        var variables = ChannelVariables()
        variables.set("destination_number", "override")
        variables.set("domain", "channel.test")
        let profile = CallerProfile(destinationNumber: "9196", uuid: "u")
        let expander = VariableExpander(
            variables: variables, profile: profile, globals: ChannelVariables(system: ["domain": "global.test"]))
        #expect(expander.expand("${destination_number} ${domain}").text == "override channel.test")
    }

    @Test func settingEmptyValueUnsets() {
        var variables = ChannelVariables(system: ["a": "1"])
        variables.set("a", "")
        #expect(variables["a"] == nil)
        #expect(variables.isEmpty)
    }
}

extension VariableExpanderTests {
    @Test func applicationDataSegments() {
        let data = ApplicationData(segments: [.template("${greeting} "), .literal("${greeting}")])
        let result = Self.expander().expand(data)
        #expect(result.text == "hello ${greeting}")
        #expect(result.containsCallerText)
        let trusted = Self.expander().expand(ApplicationData(template: "${greeting}"))
        #expect(trusted == Expansion(text: "hello", containsCallerText: false))
        #expect(ApplicationData(template: "").segments.isEmpty)
    }
}
