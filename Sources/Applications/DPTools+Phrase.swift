import Foundation
import Phrases
import SwitchCore

extension DPTools {
    /// `phrase <macro>[,<data>]`: plays a phrase macro in the channel's `language` (else `default_language`,
    /// else `en`). An unknown macro or language is logged at `ERR` and the dialplan goes on.
    static func phrase<C: Clock<Duration>>(
        _ session: any SessionContext, _ data: Expansion, player: PhrasePlayer<C>
    ) async throws {
        let (head, tail) = ApplicationArguments.splitOnce(data.text, at: ",")
        let macro = head.trimmingCharacters(in: .whitespaces)
        guard !macro.isEmpty else {
            player.log(.error, session, "phrase: no macro given. USAGE: <macro>[,<data>]")
            return
        }
        _ = try await player.play(macro, data: tail ?? "", language: nil, on: session)
    }
}

/// Carries out a macro's steps on a session through the dptools' own playback: `playback_terminators` stop it,
/// `playback_terminator_used` and `current_application_response` are set as by `playback`.
struct PhrasePlayer<C: Clock<Duration>>: Sendable {
    let phrases: PhraseEnvironment
    let clock: C
    let log: ApplicationLog
    /// How deep `phrase` actions may nest before the macro is abandoned (a macro that calls itself).
    static var maximumDepth: Int { 8 }

    /// Expands and plays `macro`; false when it is unknown or stopped early (terminator, missing file, hangup,
    /// unknown application), which also ends the rest of the macro, as in FreeSWITCH.
    func play(
        _ macro: String, data: String, language explicit: String?, on session: any SessionContext, depth: Int = 0
    ) async throws -> Bool {
        let language = PhraseBook.languageName(
            explicit: explicit, language: await session.variable("language"),
            defaultLanguage: await session.variable("default_language"))
        let expansion: PhraseExpansion
        do {
            expansion = try phrases.book().expand(macro: macro, data: data, language: language)
        } catch {
            log(.error, session, "phrase: \(error)")
            return false
        }
        if !expansion.matched {
            log(.warning, session, "phrase: macro [\(macro)]: '\(data)' did not match any patterns")
        }
        for step in expansion.steps {
            guard try await perform(step, of: expansion, on: session, depth: depth) else { return false }
        }
        return true
    }

    private func perform(
        _ step: PhraseStep, of expansion: PhraseExpansion, on session: any SessionContext, depth: Int
    ) async throws -> Bool {
        switch step {
        case .playFile(let text):
            let file = expansion.soundFile(await Self.resolve(text, session))
            return try await DPTools.play(session, file, log: log) == .played
        case .say(let text, _):
            for file in PhraseSay.digitFiles(await Self.resolve(text, session)) {
                guard try await DPTools.play(session, expansion.soundFile(file), log: log) == .played else { return false }
            }
            return true
        case .execute(let name, let text):
            guard let application = phrases.application(name) else {
                log(.error, session, "phrase \(expansion.macro): invalid application [\(name)]")
                return false
            }
            let arguments = await Self.resolve(text, session)
            try await application(session, Expansion(text: arguments, containsCallerText: text.containsLiteral))
            return await !session.isHungUp
        case .speak:
            log(.error, session, "phrase \(expansion.macro): speak-text: no TTS engine is available")
            return true
        case .phrase(let name, let text):
            guard depth < Self.maximumDepth else {
                log(.error, session, "phrase \(expansion.macro): phrase macros nested deeper than \(Self.maximumDepth)")
                return false
            }
            let data = await Self.resolve(text, session)
            return try await play(name, data: data, language: expansion.language, on: session, depth: depth + 1)
        case .pause(let milliseconds):
            guard await !session.isHungUp else { return false }
            do {
                try await clock.sleep(for: .milliseconds(milliseconds))
            } catch {
                return false
            }
            return true
        }
    }

    /// Expands the macro's own text against the channel; captured data is copied as-is.
    static func resolve(_ text: PhraseText, _ session: any SessionContext) async -> String {
        await text.resolved { template in await session.expand(template).text }
    }
}
