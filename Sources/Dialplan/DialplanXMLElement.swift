import Foundation
import XMLTree

/// The loader's intermediate tree: one parsed XML element with its source line.
typealias DialplanXMLElement = XMLTreeElement

extension XMLTreeElement {
    /// Parses one dialplan file; a malformed one is refused with `file:line`.
    static func parse(_ data: Data, file: String) throws(DialplanLoadError) -> XMLTreeElement {
        do {
            return try parse(data)
        } catch {
            throw DialplanLoadError(kind: .malformedXML, file: file, line: error.line, message: error.message)
        }
    }
}
