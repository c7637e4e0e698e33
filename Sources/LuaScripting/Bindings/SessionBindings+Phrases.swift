import Foundation
import Phrases
import SwitchCore

/// `session:sayPhrase(macro [, data [, lang]])` and `session:streamFile("phrase:<macro>[:<data>]")`: the steps of
/// a phrase macro from ``LuaEnvironment/phrases``, played as `streamFile` plays a file. With an input callback
/// set, every file and said digit goes through it and a `"break"`-style reply ends the whole macro; without one,
/// a `playback_terminators` digit does. A missing file, an unknown application or hangup also ends it.
extension ScriptRun {
    func sayPhrase(_ L: OpaquePointer, _ session: any SessionContext, _ state: SessionScriptState) -> Int32 {
        guard let macro = LuaStack.string(L, 2), !macro.isEmpty else {
            return LuaStack.fail(L, "sayPhrase: expected a phrase macro name")
        }
        let data = LuaStack.string(L, 3) ?? ""
        let language = LuaStack.string(L, 4)
        return wait(L, "sayPhrase") {
            _ = await self.playPhrase(macro, data: data, language: language, session, state)
            return .values([])
        }
    }

    /// Expands `macro` in the explicit language (else the channel's `language`, else `default_language`, else
    /// `en`) and plays its steps; true when it ran to its end. An unknown macro is logged at `ERR`.
    func playPhrase(
        _ macro: String, data: String, language explicit: String?, _ session: any SessionContext,
        _ state: SessionScriptState, depth: Int = 0
    ) async -> Bool {
        let language = PhraseBook.languageName(
            explicit: explicit, language: await session.variable("language"),
            defaultLanguage: await session.variable("default_language"))
        let expansion: PhraseExpansion
        do {
            expansion = try environment.phrases().expand(macro: macro, data: data, language: language)
        } catch {
            log(.err, "\(chunkName): sayPhrase: \(error)")
            return false
        }
        if !expansion.matched {
            log(.warning, "\(chunkName): sayPhrase: macro [\(macro)]: '\(data)' did not match any patterns")
        }
        for step in expansion.steps {
            guard await perform(step, of: expansion, session, state, depth: depth) else { return false }
        }
        return true
    }

    private func perform(
        _ step: PhraseStep, of expansion: PhraseExpansion, _ session: any SessionContext, _ state: SessionScriptState,
        depth: Int
    ) async -> Bool {
        let origin = "\(chunkName): phrase \(expansion.macro)"
        switch step {
        case .playFile(let text):
            return await playPhraseFile(expansion.soundFile(await Self.resolve(text, session)), session, state)
        case .say(let text, _):
            for file in PhraseSay.digitFiles(await Self.resolve(text, session)) {
                guard await playPhraseFile(expansion.soundFile(file), session, state) else { return false }
            }
            return true
        case .execute(let name, let text):
            guard let application = environment.application(name) else {
                log(.err, "\(origin): invalid application [\(name)]")
                return false
            }
            let arguments = await Self.resolve(text, session)
            do {
                try await application(session, Expansion(text: arguments, containsCallerText: text.containsLiteral))
            } catch {
                log(.err, "\(origin): execute \(name) failed: \(error)")
                return false
            }
            return await !session.isHungUp
        case .speak:
            log(.err, "\(origin): speak-text: no TTS engine is available")
            return true
        case .phrase(let name, let text):
            guard depth < 8 else {
                log(.err, "\(origin): phrase macros nested deeper than 8")
                return false
            }
            let data = await Self.resolve(text, session)
            return await playPhrase(name, data: data, language: expansion.language, session, state, depth: depth + 1)
        case .pause(let milliseconds):
            guard await !session.isHungUp else { return false }
            do {
                try await environment.clock.sleep(for: .milliseconds(milliseconds))
            } catch {
                return false
            }
            return true
        }
    }

    /// One file of a macro, as `streamFile` plays it; false when it did not play to its end.
    private func playPhraseFile(_ file: String, _ session: any SessionContext, _ state: SessionScriptState) async -> Bool {
        if state.inputCallback != nil {
            guard case .values(let result) = await interact(session, state, .play(file)) else { return false }
            return result == Self.flag(true)
        }
        do {
            return try await session.playback(file) == .played
        } catch {
            return false
        }
    }

    /// Expands the macro's own text against the channel; captured data is copied as-is.
    private static func resolve(_ text: PhraseText, _ session: any SessionContext) async -> String {
        await text.resolved { template in await session.expand(template).text }
    }
}
