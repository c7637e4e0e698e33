import Testing
import LuaScripting

@Suite struct LuaStateTests {
    @Test func chunkResultsAndGlobalsConvertToSwiftValues() throws {
        let lua = try LuaState()
        let results = try lua.run(chunk: """
            greeting = "hello " .. "world"
            answer = 6 * 7
            ratio = 7 / 2
            flag = answer > 40
            return answer, ratio, greeting, flag, nil, {}
            """)
        #expect(results == [.integer(42), .number(3.5), .string("hello world"), .boolean(true), .nil,
                            .other(typeName: "table")])
        #expect(lua.global("greeting").stringValue == "hello world")
        #expect(lua.global("answer").intValue == 42)
        #expect(lua.global("ratio").doubleValue == 3.5)
        #expect(lua.global("flag").boolValue == true)
        #expect(lua.global("missing") == .nil)
        #expect(lua.global("missing").boolValue == false)
    }

    @Test func globalsSetFromSwiftAreVisibleToScripts() throws {
        let lua = try LuaState()
        lua.setGlobal("caller", .string("1001"))
        lua.setGlobal("count", .integer(3))
        let results = try lua.run(chunk: "return caller .. ':' .. (count + 1), #caller")
        #expect(results == [.string("1001:4"), .integer(4)])
    }

    @Test func runtimeErrorCarriesChunkNameAndLine() throws {
        let lua = try LuaState()
        let error = #expect(throws: LuaError.self) {
            try lua.run(chunk: "local a = 1\nlocal b = 2\nlocal c = nope.field\n", name: "ivr.lua")
        }
        #expect(error?.kind == .runtime)
        #expect(error?.message.hasPrefix("ivr.lua:3:") == true)
        #expect(error?.message.contains("nope") == true)
        // The state stays usable after an error.
        #expect(try lua.run(chunk: "return 1 + 1") == [.integer(2)])
    }

    @Test func syntaxErrorIsReportedAsSyntax() throws {
        let lua = try LuaState()
        let error = #expect(throws: LuaError.self) { try lua.run(chunk: "x = = 1", name: "bad.lua") }
        #expect(error?.kind == .syntax)
        #expect(error?.message.hasPrefix("bad.lua:1:") == true)
    }

    @Test func swiftFunctionIsCallableFromLua() throws {
        let lua = try LuaState()
        var calls: [[LuaValue]] = []
        lua.register("swift_add") { arguments throws(LuaError) in
            calls.append(arguments)
            guard let a = arguments.first?.intValue, let b = arguments.dropFirst().first?.intValue else {
                throw .raise("swift_add: expected two integers")
            }
            return [.integer(a + b), .string("sum")]
        }
        let results = try lua.run(chunk: "local s, label = swift_add(40, 2)\nreturn s * 10, label")
        #expect(results == [.integer(420), .string("sum")])
        #expect(calls == [[.integer(40), .integer(2)]])
    }

    @Test func swiftRaisedErrorIsCaughtByPcallInLua() throws {
        let lua = try LuaState()
        lua.register("fail") { _ throws(LuaError) in throw .raise("no such extension") }
        let results = try lua.run(chunk: """
            local ok, err = pcall(fail)
            local ok2, err2 = pcall(function() return fail() end)
            return ok, err, ok2, err2
            """, name: "dialplan.lua")
        #expect(results.count == 4)
        #expect(results[0] == .boolean(false))
        #expect(results[1].stringValue?.hasSuffix("no such extension") == true)
        #expect(results[2] == .boolean(false))
        // Called from a Lua function, the trampoline prefixes the caller's position.
        #expect(results[3] == .string("dialplan.lua:2: no such extension"))
    }

    @Test func uncaughtSwiftErrorPropagatesAsLuaError() throws {
        let lua = try LuaState()
        lua.register("fail") { _ throws(LuaError) in throw .raise("boom") }
        let error = #expect(throws: LuaError.self) { try lua.run(chunk: "\nfail()", name: "s.lua") }
        #expect(error == LuaError(.runtime, message: "s.lua:2: boom"))
    }

    @Test func instructionBudgetStopsRunawayScript() throws {
        let lua = try LuaState(instructionBudget: 100_000)
        let error = #expect(throws: LuaError.self) { try lua.run(chunk: "while true do end", name: "loop.lua") }
        #expect(error?.kind == .instructionBudgetExceeded)
        #expect(error?.message.contains("instruction budget exceeded") == true)
    }

    @Test func instructionBudgetCannotBeSwallowedByPcall() throws {
        let lua = try LuaState(instructionBudget: 50_000)
        let error = #expect(throws: LuaError.self) {
            try lua.run(chunk: "while true do pcall(function() while true do end end) end")
        }
        #expect(error?.kind == .instructionBudgetExceeded)
    }

    @Test func instructionBudgetAlsoStopsLoopsInsideCoroutines() throws {
        let lua = try LuaState(instructionBudget: 50_000)
        let error = #expect(throws: LuaError.self) {
            try lua.run(chunk: """
                while true do
                  coroutine.resume(coroutine.create(function() while true do end end))
                end
                """)
        }
        #expect(error?.kind == .instructionBudgetExceeded)
    }

    @Test func budgetResetsBetweenRunsAndAllowsFiniteWork() throws {
        let lua = try LuaState(instructionBudget: 200_000)
        for _ in 0..<3 {
            let results = try lua.run(chunk: "local s = 0 for i = 1, 10000 do s = s + i end return s")
            #expect(results == [.integer(50_005_000)])
        }
        lua.instructionBudget = nil
        let results = try lua.run(chunk: "local s = 0 for i = 1, 1000000 do s = s + 1 end return s")
        #expect(results == [.integer(1_000_000)])
    }
}
