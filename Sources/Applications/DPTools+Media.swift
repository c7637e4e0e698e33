import Foundation
import Phrases
import SwitchCore

extension DPTools {
    /// `playback <file>` through `SessionContext.playback`. Clears `playback_terminator_used` first, then sets
    /// it to the digit that stopped playback, and sets `current_application_response` (`FILE PLAYED`,
    /// `FILE NOT FOUND`, or `PLAYBACK ERROR` when the media layer fails, after which the error propagates).
    /// `phrase:<macro>[:<data>]` plays a phrase macro instead (see ``phrase(_:_:player:)``).
    static func playback<C: Clock<Duration>>(
        _ session: any SessionContext, _ data: Expansion, player: PhrasePlayer<C>
    ) async throws {
        let log = player.log
        let source = data.text.trimmingCharacters(in: .whitespaces)
        guard !source.isEmpty else {
            log(.error, session, "playback: no file given")
            await session.setVariable("current_application_response", "FILE NOT FOUND", origin: .system)
            return
        }
        if let (macro, argument) = PhraseBook.playbackSource(source) {
            _ = try await player.play(macro, data: argument, language: nil, on: session)
            return
        }
        _ = try await play(session, source, log: log)
    }

    /// Plays `source`, recording the result in channel variables; used by `playback`, `gentones` and the
    /// invalid prompt of `play_and_get_digits`.
    static func play(_ session: any SessionContext, _ source: String, log: ApplicationLog) async throws
        -> PlaybackResult
    {
        await session.setVariable("playback_terminator_used", nil, origin: .system)
        let result: PlaybackResult
        do {
            result = try await session.playback(source)
        } catch {
            await session.setVariable("current_application_response", "PLAYBACK ERROR", origin: .system)
            log(.error, session, "playback of \(source) failed: \(error)")
            throw error
        }
        await session.setVariable("current_application_response", result.applicationResponse, origin: .system)
        switch result {
        case .interrupted(let digit):
            await session.setVariable("playback_terminator_used", String(digit), origin: .caller)
        case .notFound:
            log(.warning, session, "playback: file not found: \(source)")
        case .played:
            break
        }
        return result
    }

    /// `gentones <TGML>[|<loops>]`: plays `tone_stream://[L=<loops>;]<TGML>` through the media layer, which
    /// renders tone streams. A bad loop count is logged and ignored.
    static func gentones(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async throws {
        let (script, loopText) = ApplicationArguments.splitOnce(data.text, at: "|")
        let tones = script.trimmingCharacters(in: .whitespaces)
        guard !tones.isEmpty else {
            log(.error, session, "gentones: no tones. USAGE: <tone script>[|<loops>]")
            return
        }
        var prefix = ""
        if let loopText {
            if let loops = Int(loopText.trimmingCharacters(in: .whitespaces)), loops != 0, loops >= -1 {
                prefix = "L=\(loops);"
            } else {
                log(.warning, session, "gentones: bad loop count [\(loopText)] ignored")
            }
        }
        _ = try await play(session, "tone_stream://" + prefix + tones, log: log)
    }

    /// `read <min> <max> <sound> <var_name> <timeout_ms> <terminators> [<digit_timeout_ms>]`.
    static func read(_ session: any SessionContext, _ data: Expansion, log: ApplicationLog) async throws {
        let request: ReadRequest
        do {
            request = try ReadRequest(parsing: data.text)
        } catch {
            log(.error, session, "read: \(error.message). USAGE: \(ReadRequest.usage)")
            return
        }
        let result = try await session.readDigits(request.collection)
        let outcome = ReadOutcome(result, minimum: request.collection.minimum, maximum: request.collection.maximum)
        await session.setVariable("read_result", outcome.rawValue, origin: .system)
        if let terminator = result.terminator {
            await session.setVariable("read_terminator_used", String(terminator), origin: .caller)
        }
        if let name = request.variableName {
            await session.setVariable(name, result.digits, origin: .caller)
        }
    }
}
