import SwitchCore

extension DPTools {
    /// `play_and_get_digits`: up to `tries` times, plays the prompt and collects digits; a collection that
    /// passes ``PlayAndGetDigitsRequest/accepts(_:)`` sets `var_name` (caller origin) and ends it. A bad one sets
    /// `<var_name>_invalid` to what was pressed (if anything) and plays the invalid prompt. When every try
    /// fails, `var_name` is left as it was and the leg is transferred to the failure extension if one is given.
    /// `read_result` is `success`, or the outcome of the last try.
    static func playAndGetDigits(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async throws {
        let request: PlayAndGetDigitsRequest
        do {
            request = try PlayAndGetDigitsRequest(parsing: data.text)
        } catch {
            log(.error, session, "play_and_get_digits: \(error.message). USAGE: \(PlayAndGetDigitsRequest.usage)")
            return
        }
        var lastOutcome = ReadOutcome.failure
        for _ in 0..<request.tries {
            if await session.isHungUp { return }
            let result = try await session.readDigits(request.collection)
            if let terminator = result.terminator {
                await session.setVariable("read_terminator_used", String(terminator), origin: .caller)
            }
            if request.accepts(result) {
                await session.setVariable(request.variableName, result.digits, origin: .caller)
                await session.setVariable("read_result", ReadOutcome.success.rawValue, origin: .system)
                return
            }
            lastOutcome = ReadOutcome(result, minimum: request.collection.minimum, maximum: request.collection.maximum)
            if lastOutcome == .success { lastOutcome = .failure }
            if !result.digits.isEmpty {
                await session.setVariable(request.variableName + "_invalid", result.digits, origin: .caller)
            }
            if await session.isHungUp { return }
            if let invalid = request.invalidPrompt {
                _ = try await play(session, invalid, log: log)
            }
        }
        await session.setVariable("read_result", lastOutcome.rawValue, origin: .system)
        guard let failure = request.failureTransfer else { return }
        if await !session.transfer(to: failure.destination, dialplan: failure.dialplan, context: failure.context) {
            log(.warning, session, "play_and_get_digits: cannot transfer to \(failure.destination)")
        }
    }
}
