import Foundation

/// Reads a phrases directory into a ``PhraseBook``: `<directory>/<language>/**/*.xml` (the folder name is the
/// language of macros outside a `<language>` element) and `<directory>/*.xml` (which must name their
/// languages). Files load in name order. The only I/O of the phrase engine; everything else is pure.
public struct PhraseLoader: Sendable {
    public init() {}

    /// Loads every phrase file; a missing directory gives an empty book. The first bad file stops the load.
    public func load(directory: String) throws(PhraseLoadError) -> PhraseBook {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return PhraseBook()
        }
        var book = PhraseBook()
        for entry in try names(in: directory) {
            let path = directory + "/" + entry
            var entryIsDirectory: ObjCBool = false
            guard files.fileExists(atPath: path, isDirectory: &entryIsDirectory) else { continue }
            if entryIsDirectory.boolValue {
                let xml = (files.subpaths(atPath: path) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
                for file in xml {
                    try add(read: path + "/" + file, name: entry + "/" + file, language: entry, to: &book)
                }
            } else if entry.hasSuffix(".xml") {
                try add(read: path, name: entry, language: nil, to: &book)
            }
        }
        return book
    }

    /// Parses one file's bytes: `file` names it in errors, `language` is its folder's language (if any).
    public func parse(_ data: Data, file: String, language: String?) throws(PhraseLoadError) -> [PhraseLanguage] {
        let root = try PhraseXMLElement.parse(data, file: file)
        return try PhraseFileParser(file: file, folderLanguage: language).languages(in: root)
    }

    private func add(read path: String, name: String, language: String?, to book: inout PhraseBook) throws(PhraseLoadError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PhraseLoadError(.unreadableFile, file: name, line: 0, "cannot read: \(error.localizedDescription)")
        }
        for parsed in try parse(data, file: name, language: language) { book.add(parsed) }
    }

    private func names(in directory: String) throws(PhraseLoadError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw PhraseLoadError(.unreadableFile, file: directory, line: 0, "cannot list: \(error.localizedDescription)")
        }
    }
}
