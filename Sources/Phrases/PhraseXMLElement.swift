import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element with its source line: the phrase loader's intermediate tree, one per file.
struct PhraseXMLElement {
    var name: String
    var attributes: [String: String]
    var line: Int
    var children: [PhraseXMLElement] = []

    /// Parses one file. XMLParser reports no error text, only a position, so the message is ours.
    static func parse(_ data: Data, file: String) throws(PhraseLoadError) -> PhraseXMLElement {
        let parser = XMLParser(data: data)
        let reader = PhraseXMLTreeReader()
        parser.delegate = reader
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        guard ok, reader.firstError == nil, let root = reader.root else {
            let place = reader.firstError ?? (parser.lineNumber, parser.columnNumber, 0)
            let code = place.code != 0 ? place.code : (parser.parserError as NSError?)?.code ?? 0
            throw PhraseLoadError(
                .malformedXML, file: file, line: max(place.line, 1),
                "malformed XML near column \(place.column) (XMLParser error \(code))")
        }
        return root
    }

    /// An attribute with its first spelling found (`sound-prefix`, `sound-path`, `sound_path`).
    func attribute(_ names: String...) -> String? {
        for name in names { if let value = attributes[name] { return value } }
        return nil
    }
}

/// XMLParser delegate that builds a ``PhraseXMLElement`` tree (text content is not needed: phrases live in
/// attributes).
final class PhraseXMLTreeReader: NSObject, XMLParserDelegate {
    private var stack: [PhraseXMLElement] = []
    private(set) var root: PhraseXMLElement?
    /// Where the parser first reported an error (its position after `parse()` returns may be the end).
    private(set) var firstError: (line: Int, column: Int, code: Int)?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if firstError == nil {
            firstError = (parser.lineNumber, parser.columnNumber, (parseError as NSError).code)
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        stack.append(PhraseXMLElement(name: elementName, attributes: attributeDict, line: parser.lineNumber))
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }
}
