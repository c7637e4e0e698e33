import Foundation
import Testing
import LuaScripting
import SwitchCore

/// `session:getXMLCDR()`, `session:insertFile(...)` and the `env` global of `lua` API runs.
@Suite struct ChannelDataTests {
    @Test func getXMLCDRDescribesTheLegSoFar() async {
        let report = await ScriptHarness().run("""
            session:setVariable("note", "a b&c")
            local before = session:getXMLCDR()
            session:answer()
            local after = session:getXMLCDR()
            local function has(text, part) return tostring(text:find(part, 1, true) ~= nil) end
            freeswitch.consoleLog("info", has(before, "<state>CS_EXECUTE</state>") .. " "
              .. has(before, "<destination_number>5000</destination_number>") .. " "
              .. has(before, "<note>a%20b%26c</note>") .. " " .. has(before, "<answered_time>0</answered_time>") .. " "
              .. has(after, "<answered_time>0</answered_time>") .. " " .. has(after, "<answered_time>17672256"))
            """)
        #expect(report.lines("log INFO") == ["log INFO true true true true false true"])
    }

    @Test func insertFileSplicesAtTheSamplePoint() async throws {
        let directory = try TemporaryDirectory()
        try Data(wav([1, 2, 3, 4, 5])).write(to: URL(fileURLWithPath: directory.path + "/message.wav"))
        try Data(wav([90, 91])).write(to: URL(fileURLWithPath: directory.path + "/beep.wav"))
        let report = await ScriptHarness().run("""
            session:setVariable("sound_prefix", "\(directory.path)")
            local a = session:insertFile("message.wav", "beep.wav", 2)
            local b = session:insertFile("\(directory.path)/message.wav", "beep.wav", 100)
            local c = session:insertFile("message.wav", "missing.wav", 0)
            freeswitch.consoleLog("info", a .. " " .. b .. " " .. c)
            """)
        #expect(report.lines("log INFO") == ["log INFO 1 1 0"])
        #expect(report.transcript.contains { $0.hasPrefix("log ERR") && $0.contains("missing.wav failed") })
        let result = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.path + "/message.wav")))
        #expect(samples(result) == [1, 2, 90, 91, 3, 4, 5, 90, 91], "a sample point past the end appends")
    }

    @Test func apiRunsGetTheRequestAsEnv() async {
        let module = ModLua(environment: LuaEnvironment(scriptsDirectory: "/", soundsDirectory: "/"))
        var request = SwitchEvent(.custom(subclass: "http::request"))
        request.addHeader("HTTP-URI", "/api/lua")
        let out = await module.runCommand(
            "~stream:write(env:getHeader('HTTP-URI') .. ' ' .. env:getType())", request: request)
        #expect(out == "/api/lua CUSTOM")
        #expect(await module.runCommand("~stream:write(tostring(env))") == "nil")
    }

    /// A mono 8 kHz 16-bit PCM WAV file.
    private func wav(_ samples: [Int16]) -> [UInt8] {
        func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        func le16(_ v: Int) -> [UInt8] { (0..<2).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        let data = samples.flatMap { le16(Int(UInt16(bitPattern: $0))) }
        return Array("RIFF".utf8) + le32(36 + data.count) + Array("WAVEfmt ".utf8) + le32(16) + le16(1) + le16(1)
            + le32(8000) + le32(16000) + le16(2) + le16(16) + Array("data".utf8) + le32(data.count) + data
    }

    /// The samples of a 16-bit PCM WAV file's `data` chunk.
    private func samples(_ bytes: [UInt8]) -> [Int16] {
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = (0..<4).reduce(0) { $0 | Int(bytes[offset + 4 + $1]) << (8 * $1) }
            if String(decoding: bytes[offset..<offset + 4], as: UTF8.self) == "data" {
                let body = bytes[(offset + 8)..<min(offset + 8 + size, bytes.count)]
                return stride(from: body.startIndex, to: body.endIndex - 1, by: 2).map {
                    Int16(bitPattern: UInt16(body[$0]) | UInt16(body[$0 + 1]) << 8)
                }
            }
            offset += 8 + size + (size & 1)
        }
        return []
    }
}

@Suite struct JSONExecuteTests {
    @Test func executeRunsTheCommandAndDecodesItsJSONOutput() async {
        var api = APICommandRegistry()
        api.register("json_echo") { arguments in "{\"args\":\"\(arguments)\",\"n\":[1,2]}" }
        api.register("plain") { _ in "+OK plain\n" }
        let report = await ScriptHarness(api: api).run("""
            local json = freeswitch.JSON()
            local a = json:execute('{"command":"json_echo","data":"x y"}')
            local b = json:execute({command = "json_echo", data = {arg = "z"}})
            local c, text = json:execute({command = "plain"})
            local ok, err = pcall(json.execute, json, {data = "x"})
            freeswitch.consoleLog("info", a.args .. " " .. a.n[2] .. " " .. b.args .. " " .. tostring(c) .. " "
              .. text .. tostring(ok))
            freeswitch.consoleLog("info", err)
            """)
        let lines = report.lines("log INFO")
        #expect(lines.first == "log INFO x y 2 z nil +OK plain\nfalse")
        #expect(lines.last?.contains("execute: expected a request with a \"command\"") == true)
    }
}
