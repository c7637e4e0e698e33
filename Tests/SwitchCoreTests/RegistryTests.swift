import Testing
@testable import SwitchCore

struct RegistryTests {
    struct NamedEndpoint: Endpoint {
        let name: String
        func originate(_ request: OriginateRequest) async -> OriginateOutcome {
            .failed(.userNotRegistered)
        }
    }

    @Test func endpointResolution() async throws {
        var endpoints = EndpointRegistry()
        endpoints.register(NamedEndpoint(name: "user"))
        endpoints.register(NamedEndpoint(name: "verto.rtc"))
        let (endpoint, destination) = try #require(endpoints.resolve("user/1000@example.com"))
        #expect(endpoint.name == "user")
        #expect(destination == "1000@example.com")
        #expect(endpoints.resolve("verto.rtc/1001@example.com")?.destination == "1001@example.com")
        #expect(endpoints.resolve("sofia/internal/1000@host") == nil)
        #expect(endpoints.resolve("user") == nil)
        #expect(endpoints.names == ["user", "verto.rtc"])
        let request = OriginateRequest(
            destination: destination, variables: ChannelVariables(), callerProfile: CallerProfile(uuid: ""),
            timeout: .seconds(30))
        guard case .failed(let cause) = await endpoint.originate(request) else {
            Issue.record("expected a failure")
            return
        }
        #expect(cause == .userNotRegistered)
    }

    @Test func applicationRegistryReplacesAndLists() async throws {
        var registry = ApplicationRegistry()
        registry.register("playback") { _, _ in }
        registry.register("answer") { _, _ in }
        registry.register("answer") { _, _ in throw SessionError(.invalidState, "second") }
        #expect(registry.names == ["answer", "playback"])
        #expect(registry.application(named: "bridge") == nil)
        let session = await SessionFixture().makeSession()
        let answer = try #require(registry.application(named: "answer"))
        await #expect(throws: SessionError(.invalidState, "second")) {
            try await answer(session, Expansion(text: "", containsCallerText: false))
        }
    }

    @Test func apiCommandReceivesTrimmedArguments() async {
        var commands = APICommandRegistry()
        commands.register("echo", description: "echo input") { "[\($0)]" }
        #expect(await commands.execute("echo  hello world  ") == "[hello world]")
        #expect(await commands.execute("echo") == "[]")
        #expect(commands.description(of: "echo") == "echo input")
        #expect(await commands.execute("") == "-ERR  Command not found!\n")
    }
}
