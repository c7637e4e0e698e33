import Dialplan
import Foundation
import Testing

/// The shipped plan in the repository's top-level `dialplan/` folder, loaded from disk.
@Suite("Default plan: dialplan/default.xml and dialplan/public.xml")
struct DefaultPlanTests {
    static func repositoryDialplanDirectory() -> String {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("dialplan").path
    }

    static func load() throws -> DialplanPlan {
        try DialplanLoader().load(directory: repositoryDialplanDirectory())
    }

    @Test func loadsBothContexts() throws {
        #expect(try Self.load().contextNames == ["default", "public"])
    }

    static let defaultRows: [(String, String, [String])] = [
        (
            "1000", "Local_Extension",
            [
                "set(dialed_extension=1000)", "set(ringback=${us-ring})", "set(call_timeout=30)", "set(hangup_after_bridge=true)",
                "set(continue_on_fail=true)", "bridge(user/1000@${domain_name})",
            ]
        ),
        ("5000", "ivr_demo", ["answer()", "lua(ivr_demo.lua)"]),
        ("9192", "show_info", ["answer()", "info()", "hangup()"]),
        ("9195", "delay_echo", ["answer()", "delay_echo(5000)"]),
        ("9196", "echo", ["answer()", "echo()"]),
        ("9197", "milliwatt", ["answer()", "playback({loops=-1}tone_stream://%(251,0,1004))"]),
        (
            "9664", "hold_music",
            ["answer()", "playback(silence_stream://2000)", "playback(music/hold_loop.wav)"]
        ),
    ]

    @Test(arguments: defaultRows)
    func defaultContext(destination: String, extensionName: String, calls: [String]) throws {
        let result = try Self.load().hunt(destination)
        #expect(result.matchedExtensions == [extensionName])
        #expect(result.calls == calls)
    }

    @Test(arguments: ["1019", "1007"])
    func everyLocalExtensionBridgesToItsUser(destination: String) throws {
        let result = try Self.load().hunt(destination)
        #expect(result.actions.last?.application == "bridge")
        #expect(result.actions.last?.data.segments == [
            .template("user/"), .literal(destination), .template("@${domain_name}"),
        ])
    }

    @Test(arguments: ["1020", "999", "10000", "", "9198", "0", "5551212"])
    func unknownNumbersFindNoRouteInDefault(destination: String) throws {
        #expect(try Self.load().hunt(destination).isNoRoute)
    }

    @Test(arguments: ["1000", "1010", "1019"])
    func publicTransfersLocalExtensionsIntoDefault(destination: String) throws {
        let result = try Self.load().hunt(destination, context: "public")
        #expect(result.matchedExtensions == ["outside_call", "public_extensions"])
        #expect(result.calls == ["transfer(\(destination) XML default)"])
        #expect(result.variables["outside_call"] == "true")
    }

    /// Nothing in `public` may reach a gateway or an echo/test service: only the transfer into default.
    @Test(arguments: ["9196", "9664", "0", "18005551212", "+4930123456", "1020", "operator", ""])
    func publicRoutesNothingElse(destination: String) throws {
        let result = try Self.load().hunt(destination, context: "public")
        #expect(result.isNoRoute)
    }

    @Test func publicPlanHasNoBridgeAnywhere() throws {
        let context = try #require(try Self.load().contexts["public"])
        let applications = context.extensions.flatMap { $0.conditions.flatMap { $0.actions + $0.antiActions } }
            .map(\.application)
        #expect(applications.allSatisfy { $0 == "set" || $0 == "transfer" })
    }
}
