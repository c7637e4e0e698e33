import Foundation
import Testing
@testable import Phrases

/// The shipped `phrases/` folder loads, and each macro's files exist under `sounds/`.
@Suite struct PhraseLoaderTests {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func shippedPhrasesLoadAndReferenceExistingSounds() throws {
        let book = try PhraseLoader().load(directory: Self.root + "/phrases")
        let english = try #require(book.languages["en"])
        #expect(english.macroCount >= 10)
        for group in english.groups {
            for macro in group.macros {
                for input in macro.inputs {
                    for action in (input.match ?? []) + (input.nomatch ?? []) where action.function == .playFile {
                        let path = Self.root + "/sounds/" + action.data
                        #expect(FileManager.default.fileExists(atPath: path), "\(macro.name): \(action.data)")
                    }
                }
            }
        }
        let count = try book.expand(macro: "voicemail_message_count", data: "2:new", language: "en")
        #expect(count.steps.contains(.say(PhraseText(literal: "2"), PhraseSay(
            type: "items", method: "pronounced", module: "en"))))
    }

    @Test func missingDirectoryIsAnEmptyBook() throws {
        #expect(try PhraseLoader().load(directory: "/nonexistent/phrases").macroCount == 0)
    }
}
