import Foundation
internal import CLua
import Phrases
import SwitchCore

/// `streamFile` (files, tone and silence streams, `phrase:<macro>[:<data>]`), `sleep`, `recordFile`, `say`,
/// `sayPhrase`: with an input callback set, digits are handed to it as they arrive (an interactive operation);
/// without one they stay buffered for the next digit read.
extension ScriptRun {
    func mediaMethods(_ session: any SessionContext, _ state: SessionScriptState) -> [(String, Binding)] {
        [
            ("streamFile", { L in self.streamFile(L, session, state) }),
            ("sleep", { L in self.sleep(L, session, state) }),
            ("recordFile", { L in self.recordFile(L, session, state) }),
            ("say", { L in self.say(L, session, state) }),
            ("sayPhrase", { L in self.sayPhrase(L, session, state) }),
            ("flushDigits", { L in self.wait(L, "flushDigits", media: false) {
                await session.flushDigits()
                return .values([])
            } }),
            ("collectDigits", { L in self.collectDigits(L, session, state) }),
            // No TTS engine exists here: logged like FreeSWITCH's missing engine, and the script goes on.
            ("speak", { L in
                self.log(.err, "\(self.chunkName): speak: no TTS engine is available")
                return 0
            }),
        ]
    }

    private func streamFile(_ L: OpaquePointer, _ session: any SessionContext, _ state: SessionScriptState) -> Int32 {
        guard let path = LuaStack.string(L, 2), !path.isEmpty else {
            return LuaStack.fail(L, "streamFile: expected a file name")
        }
        if let (macro, data) = PhraseBook.playbackSource(path) {
            return wait(L, "streamFile") {
                .values(Self.flag(await self.playPhrase(macro, data: data, language: nil, session, state)))
            }
        }
        return wait(L, "streamFile") {
            if state.inputCallback != nil {
                return await self.interact(session, state, .play(path))
            }
            do {
                let result = try await session.playback(path)
                return .values(Self.flag(result != .notFound))
            } catch {
                return .values(Self.flag(false))
            }
        }
    }

    private func sleep(_ L: OpaquePointer, _ session: any SessionContext, _ state: SessionScriptState) -> Int32 {
        guard let milliseconds = LuaStack.int(L, 2) else { return LuaStack.fail(L, "sleep: expected milliseconds") }
        let duration = Duration.milliseconds(max(milliseconds, 0))
        return wait(L, "sleep") {
            if state.inputCallback != nil {
                return await self.interact(session, state, .sleep(duration))
            }
            guard await !session.isHungUp else { return .values(Self.flag(false)) }
            do {
                try await self.environment.clock.sleep(for: duration)
                return .values(Self.flag(true))
            } catch {
                return .values(Self.flag(false))
            }
        }
    }

    private func recordFile(_ L: OpaquePointer, _ session: any SessionContext, _ state: SessionScriptState) -> Int32 {
        guard let path = LuaStack.string(L, 2), !path.isEmpty else {
            return LuaStack.fail(L, "recordFile: expected a file name")
        }
        let seconds = LuaStack.int(L, 3) ?? 0
        let limit: Duration? = seconds > 0 ? .seconds(seconds) : nil
        return wait(L, "recordFile") {
            if state.inputCallback != nil {
                return await self.interact(session, state, .record(path: path, limit: limit))
            }
            do {
                _ = try await session.record(path, limit: limit)
                return .values(Self.flag(true))
            } catch {
                self.log(.err, "\(self.chunkName): recordFile \(path) failed: \(error)")
                return .values(Self.flag(false))
            }
        }
    }

    /// `collectDigits([digit_timeout,] abs_timeout)`: for `abs_timeout` ms, hands every digit to the input
    /// callback (which may end it early). With one argument it is the absolute timeout. Needs a callback.
    private func collectDigits(_ L: OpaquePointer, _ session: any SessionContext, _ state: SessionScriptState) -> Int32 {
        let absolute = LuaStack.count(L) >= 3 ? LuaStack.int(L, 3) : LuaStack.int(L, 2)
        guard let absolute, absolute > 0 else { return LuaStack.fail(L, "collectDigits: expected an absolute timeout") }
        guard state.inputCallback != nil else {
            return LuaStack.fail(L, "collectDigits: no input callback set (setInputCallback)")
        }
        return wait(L, "collectDigits") {
            await self.interact(session, state, .sleep(.milliseconds(absolute)))
        }
    }

    /// Runs an interactive operation, handing each digit and queued event to the input callback and applying its
    /// reply.
    /// Returns 1 when the operation ran to its end, 0 when the callback (or a failure) stopped it.
    func interact(
        _ session: any SessionContext, _ state: SessionScriptState, _ operation: InteractiveOperation
    ) async -> Resumption {
        let media: any InteractiveMedia
        do {
            media = try await session.startInteractive(operation)
        } catch {
            return .values(Self.flag(false))
        }
        while true {
            let event: MediaInputEvent
            do {
                event = try await media.nextEvent()
            } catch {
                await media.apply(.stop)
                return .values(Self.flag(false))
            }
            switch event {
            case .dtmf(let digit, let duration):
                await media.apply(await inputCallbackControl(state, digit: digit, duration: duration))
            case .event(let queued):
                await media.apply(await inputCallbackControl(state, kind: "event") { co in
                    self.pushEvent(on: co, EventBox(queued))
                })
            case .ended:
                let outcome = await media.outcome()
                return .values(Self.flag(outcome.found && !outcome.stopped))
            }
        }
    }

    /// `say(text, module, type, method [, gender])`. Only digit-by-digit speech exists in the shipped sounds, so
    /// every type plays each digit of `text` as `digits/<d>.wav` (`*` star, `#` pound); other characters are
    /// skipped. With an input callback, the callback can stop it.
    private func say(_ L: OpaquePointer, _ session: any SessionContext, _ state: SessionScriptState) -> Int32 {
        guard let text = LuaStack.string(L, 2) else { return LuaStack.fail(L, "say: expected the text to say") }
        let files = PhraseSay.digitFiles(text)
        return wait(L, "say") {
            for file in files {
                if state.inputCallback != nil {
                    if case .values(let result) = await self.interact(session, state, .play(file)), result == Self.flag(false) {
                        break
                    }
                } else if (try? await session.playback(file)) == nil {
                    break
                }
            }
            return .values([])
        }
    }
}
