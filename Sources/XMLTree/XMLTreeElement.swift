import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element with its source line: the intermediate tree the dialplan and phrase loaders read, one
/// per file (XMLParser underneath, external entities off).
public struct XMLTreeElement: Sendable {
    public var name: String
    public var attributes: [String: String]
    /// Concatenated character and CDATA content directly inside the element.
    public var text: String = ""
    public var line: Int
    public var children: [XMLTreeElement] = []

    public init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// An attribute under the first of its spellings that is present (`sound-prefix`, `sound-path` …).
    public func attribute(_ names: String...) -> String? {
        for name in names { if let value = attributes[name] { return value } }
        return nil
    }

    /// Parses one document. XMLParser's own error text is empty, so the error carries only where it stopped.
    public static func parse(_ data: Data) throws(XMLTreeParseError) -> XMLTreeElement {
        let parser = XMLParser(data: data)
        let reader = XMLTreeReader()
        parser.delegate = reader
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        guard ok, reader.firstError == nil, let root = reader.root else {
            let place = reader.firstError ?? (parser.lineNumber, parser.columnNumber, 0)
            let code = place.code != 0 ? place.code : (parser.parserError as NSError?)?.code ?? 0
            throw XMLTreeParseError(line: max(place.line, 1), column: place.column, code: code)
        }
        return root
    }
}

/// Where a document stopped parsing, and XMLParser's error code.
public struct XMLTreeParseError: Error, Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var code: Int

    /// "malformed XML near column C (XMLParser error N)", for a loader's `file:line: message`.
    public var message: String { "malformed XML near column \(column) (XMLParser error \(code))" }
}

/// XMLParser delegate that builds an ``XMLTreeElement`` tree.
final class XMLTreeReader: NSObject, XMLParserDelegate {
    private var stack: [XMLTreeElement] = []
    private(set) var root: XMLTreeElement?
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
        stack.append(XMLTreeElement(name: elementName, attributes: attributeDict, line: parser.lineNumber))
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
