import Foundation
import XMLTree

/// The phrase loader's intermediate tree: one parsed XML element with its source line.
typealias PhraseXMLElement = XMLTreeElement

extension XMLTreeElement {
    /// Parses one phrase file; a malformed one is refused with `file:line`.
    static func parse(_ data: Data, file: String) throws(PhraseLoadError) -> XMLTreeElement {
        do {
            return try parse(data)
        } catch {
            throw PhraseLoadError(.malformedXML, file: file, line: error.line, error.message)
        }
    }
}
