import Foundation
import Phrases
import Testing
@testable import Server

/// `reloadxml` for phrases: a good folder replaces the macros; a broken file leaves the old ones serving.
@Suite struct PhraseCatalogTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("phrases-\(UUID().uuidString)")

    func write(_ body: String) throws {
        let english = folder.appendingPathComponent("en")
        try FileManager.default.createDirectory(at: english, withIntermediateDirectories: true)
        try Data(body.utf8).write(to: english.appendingPathComponent("phrases.xml"))
    }

    func macro(_ name: String) -> String {
        "<include>\n<macro name=\"\(name)\"><input><match><action function=\"play-file\" data=\"a.wav\"/></match></input></macro>\n</include>"
    }

    @Test func reloadSwapsGoodFilesAndKeepsTheOldMacrosOnAnError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(macro("first"))
        let catalog = try PhraseCatalog(directory: folder.path)
        #expect(try catalog.current.expand(macro: "first", data: "", language: "en").steps.isEmpty == false)

        try write(macro("second"))
        #expect(catalog.reload() == nil)
        #expect(throws: PhraseLookupError.self) { try catalog.current.expand(macro: "first", data: "", language: "en") }
        #expect(try catalog.current.expand(macro: "second", data: "", language: "en").macro == "second")

        try write("<include>\n<macro name=\"third\">\n</include>")
        let error = try #require(catalog.reload())
        #expect(error.description.hasPrefix("en/phrases.xml:3: malformed XML"))
        #expect(try catalog.current.expand(macro: "second", data: "", language: "en").macro == "second")
    }

    @Test func aMissingFolderMeansNoMacros() throws {
        #expect(try PhraseCatalog(directory: folder.path).current.macroCount == 0)
    }
}
