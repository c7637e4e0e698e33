import Foundation
internal import CLua
import SwitchCore

/// `getDigits`, `read`, `playAndGetDigits` — mod_lua argument orders (compat §4.3), which differ from the
/// `read` / `play_and_get_digits` dialplan applications.
extension ScriptRun {
    func digitMethods(_ session: any SessionContext) -> [(String, Binding)] {
        [
            ("getDigits", { L in self.getDigits(L, session) }),
            ("read", { L in self.read(L, session) }),
            ("playAndGetDigits", { L in self.playAndGetDigits(L, session) }),
        ]
    }

    static func terminators(_ text: String?) -> Set<Character> {
        switch text {
        case nil, "", "none": []
        case "any": Set("0123456789*#ABCD")
        case let text?: Set(text)
        }
    }

    /// `getDigits(max, terminators, timeout_ms [, interdigit_ms [, abs_timeout_ms]])` → digits ("" if none).
    private func getDigits(_ L: OpaquePointer, _ session: any SessionContext) -> Int32 {
        guard let maximum = LuaStack.int(L, 2), let timeout = LuaStack.int(L, 4) else {
            return LuaStack.fail(L, "getDigits: expected (max, terminators, timeout [, interdigit [, abs_timeout]])")
        }
        let interDigit = LuaStack.int(L, 5) ?? 0
        let absolute = LuaStack.int(L, 6) ?? 0
        let request = DigitCollection(
            minimum: 0, maximum: max(maximum, 1), timeout: .milliseconds(max(timeout, 0)),
            terminators: Self.terminators(LuaStack.string(L, 3)),
            interDigitTimeout: interDigit > 0 ? .milliseconds(interDigit) : nil,
            absoluteTimeout: absolute > 0 ? .milliseconds(absolute) : nil)
        return wait(L, "getDigits") {
            guard let result = try? await session.readDigits(request) else { return .values([.string("")]) }
            return .values([.string(result.digits)])
        }
    }

    /// `read(min, max, prompt_file, timeout_ms, terminators [, digit_timeout_ms])` → digits; sets `read_result`.
    private func read(_ L: OpaquePointer, _ session: any SessionContext) -> Int32 {
        guard let minimum = LuaStack.int(L, 2), let maximum = LuaStack.int(L, 3), let timeout = LuaStack.int(L, 5)
        else {
            return LuaStack.fail(L, "read: expected (min, max, prompt_file, timeout, terminators [, digit_timeout])")
        }
        let digitTimeout = LuaStack.int(L, 7) ?? 0
        let request = DigitCollection(
            minimum: max(minimum, 0), maximum: max(maximum, minimum, 1), prompt: Self.prompt(LuaStack.string(L, 4)),
            timeout: .milliseconds(max(timeout, 0)), terminators: Self.terminators(LuaStack.string(L, 6) ?? "#"),
            interDigitTimeout: digitTimeout > 0 ? .milliseconds(digitTimeout) : nil)
        return wait(L, "read") {
            guard let result = try? await session.readDigits(request) else { return .values([.string("")]) }
            let outcome = Self.readResult(result, request)
            await session.setVariable("read_result", outcome, origin: .system)
            return .values([.string(result.digits)])
        }
    }

    static func prompt(_ file: String?) -> String? {
        guard let file, !file.isEmpty, file != "''", file != "\"\"" else { return nil }
        return file
    }

    /// FreeSWITCH's `read_result`: success with min…max digits; timeout if time ran out short; else failure.
    static func readResult(_ result: DigitCollectionResult, _ request: DigitCollection) -> String {
        let count = result.digits.count
        if count >= request.minimum, count <= request.maximum, !(result.timedOut && count == 0) { return "success" }
        return result.timedOut ? "timeout" : "failure"
    }

    /// `playAndGetDigits(min, max, max_tries, timeout, terminators, prompt, invalid_prompt, regex [, var_name
    /// [, digit_timeout [, transfer_on_failure]]])` → digits, or "" when every try failed.
    private func playAndGetDigits(_ L: OpaquePointer, _ session: any SessionContext) -> Int32 {
        guard let request = PlayAndGetDigits(L) else {
            return LuaStack.fail(L, "playAndGetDigits: expected (min, max, max_tries, timeout, terminators, "
                + "prompt_file, invalid_file, regex [, var_name [, digit_timeout [, transfer_on_failure]]])")
        }
        if let pattern = request.pattern, (try? NSRegularExpression(pattern: pattern)) == nil {
            return LuaStack.fail(L, "playAndGetDigits: invalid regex [\(pattern)]")
        }
        return wait(L, "playAndGetDigits") { .values([.string(await request.run(on: session))]) }
    }
}

/// The arguments and the try loop of `playAndGetDigits` (FreeSWITCH `switch_play_and_get_digits`).
struct PlayAndGetDigits {
    var collection: DigitCollection
    var tries: Int
    var invalidPrompt: String?
    var pattern: String?
    var variableName: String?
    var failureTransfer: [String]

    init?(_ L: OpaquePointer) {
        guard let minimum = LuaStack.int(L, 2), let maximum = LuaStack.int(L, 3), let tries = LuaStack.int(L, 4),
            let timeout = LuaStack.int(L, 5)
        else { return nil }
        let digitTimeout = LuaStack.int(L, 11) ?? 0
        collection = DigitCollection(
            minimum: max(minimum, 0), maximum: max(maximum, minimum), prompt: ScriptRun.prompt(LuaStack.string(L, 7)),
            timeout: .milliseconds(max(timeout, 1000)), terminators: ScriptRun.terminators(LuaStack.string(L, 6) ?? "#"),
            interDigitTimeout: digitTimeout > 0 ? .milliseconds(digitTimeout) : nil)
        self.tries = max(tries, 1)
        invalidPrompt = ScriptRun.prompt(LuaStack.string(L, 8))
        pattern = LuaStack.string(L, 9).flatMap { $0.isEmpty ? nil : $0 }
        variableName = LuaStack.string(L, 10).flatMap { $0.isEmpty ? nil : $0 }
        failureTransfer = (LuaStack.string(L, 12) ?? "").split(separator: " ").map(String.init)
    }

    func accepts(_ result: DigitCollectionResult) -> Bool {
        guard ScriptRun.readResult(result, collection) == "success" else { return false }
        guard let pattern, let expression = try? NSRegularExpression(pattern: pattern) else { return true }
        let range = NSRange(result.digits.startIndex..., in: result.digits)
        return expression.firstMatch(in: result.digits, range: range) != nil
    }

    func run(on session: any SessionContext) async -> String {
        var last = "failure"
        for _ in 0..<tries {
            if await session.isHungUp { return "" }
            guard let result = try? await session.readDigits(collection) else { return "" }
            if accepts(result) {
                if let variableName { await session.setVariable(variableName, result.digits, origin: .caller) }
                await session.setVariable("read_result", "success", origin: .system)
                return result.digits
            }
            last = ScriptRun.readResult(result, collection) == "timeout" ? "timeout" : "failure"
            if let variableName, !result.digits.isEmpty {
                await session.setVariable(variableName + "_invalid", result.digits, origin: .caller)
            }
            if let invalidPrompt, await !session.isHungUp { _ = try? await session.playback(invalidPrompt) }
        }
        await session.setVariable("read_result", last, origin: .system)
        if let destination = failureTransfer.first {
            let dialplan = failureTransfer.count > 1 ? failureTransfer[1] : nil
            let context = failureTransfer.count > 2 ? failureTransfer[2] : nil
            _ = await session.transfer(to: destination, dialplan: dialplan, context: context)
        }
        return ""
    }
}
