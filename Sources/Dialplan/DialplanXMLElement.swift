import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element with its source line: the loader's intermediate tree, one per file.
struct DialplanXMLElement {
    var name: String
    var attributes: [String: String]
    /// Concatenated character and CDATA content directly inside the element.
    var text: String = ""
    var line: Int
    var children: [DialplanXMLElement] = []

    /// Parses one file. Errors carry `file:line`; XMLParser's own error text is empty, so the message is ours.
    static func parse(_ data: Data, file: String) throws(DialplanLoadError) -> DialplanXMLElement {
        let parser = XMLParser(data: data)
        let reader = DialplanXMLTreeReader()
        parser.delegate = reader
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        guard ok, reader.firstError == nil, let root = reader.root else {
            let place = reader.firstError ?? (parser.lineNumber, parser.columnNumber, 0)
            let code = place.code != 0 ? place.code : (parser.parserError as NSError?)?.code ?? 0
            throw DialplanLoadError(
                kind: .malformedXML, file: file, line: max(place.line, 1),
                message: "malformed XML near column \(place.column) (XMLParser error \(code))")
        }
        return root
    }
}

/// XMLParser delegate that builds a ``DialplanXMLElement`` tree.
final class DialplanXMLTreeReader: NSObject, XMLParserDelegate {
    private var stack: [DialplanXMLElement] = []
    private(set) var root: DialplanXMLElement?
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
        stack.append(DialplanXMLElement(name: elementName, attributes: attributeDict, line: parser.lineNumber))
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

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
