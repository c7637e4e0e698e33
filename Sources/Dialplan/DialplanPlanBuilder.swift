import Foundation

/// Walks parsed XML trees, runs the preprocessor and collects contexts. One instance per load.
final class DialplanPlanBuilder {
    private let reader: any DialplanFileReader
    private let directory: String
    private let maximumDepth: Int
    private var depth = 0
    private var preprocessVariables: [String: String] = [:]
    private var contexts: [String: DialplanContext] = [:]

    init(reader: any DialplanFileReader, directory: String, maximumDepth: Int) {
        self.reader = reader
        self.directory = directory
        self.maximumDepth = maximumDepth
    }

    func plan() -> DialplanPlan {
        DialplanPlan(contexts: contexts)
    }

    func loadTopLevel(file: String) throws(DialplanLoadError) {
        try loadTopLevel(data: read(file, includedFrom: nil), file: file)
    }

    func loadTopLevel(data: Data, file: String) throws(DialplanLoadError) {
        let root = try DialplanXMLElement.parse(data, file: file)
        try walkTop(root, file: file)
    }

    // MARK: Document level

    private func walkTop(_ element: DialplanXMLElement, file: String) throws(DialplanLoadError) {
        switch element.name {
        case "X-PRE-PROCESS":
            try preprocess(element, file: file) { root, included throws(DialplanLoadError) in
                try walkTop(root, file: included)
            }
        case "context":
            let name = substitute(element.attributes["name"] ?? "")
            var extensions: [DialplanExtension] = []
            for child in element.children {
                try walkContextBody(child, file: file, into: &extensions)
            }
            contexts[name, default: DialplanContext(name: name)].extensions += extensions
        case "section" where element.attributes["name"] != "dialplan":
            return
        default:
            for child in element.children {
                try walkTop(child, file: file)
            }
        }
    }

    private func walkContextBody(
        _ element: DialplanXMLElement, file: String, into extensions: inout [DialplanExtension]
    ) throws(DialplanLoadError) {
        switch element.name {
        case "extension":
            extensions.append(try buildExtension(element, file: file))
        case "X-PRE-PROCESS":
            var collected: [DialplanExtension] = []
            try preprocess(element, file: file) { root, included throws(DialplanLoadError) in
                try walkContextBody(root, file: included, into: &collected)
            }
            extensions += collected
        case "include":
            for child in element.children {
                try walkContextBody(child, file: file, into: &extensions)
            }
        default:
            return
        }
    }

    // MARK: Preprocessor

    private func preprocess(
        _ element: DialplanXMLElement, file: String,
        each: (DialplanXMLElement, String) throws(DialplanLoadError) -> Void
    ) throws(DialplanLoadError) {
        let command = element.attributes["cmd"] ?? ""
        let data = substitute(element.attributes["data"] ?? "")
        switch command {
        case "set":
            guard let equals = data.firstIndex(of: "="), equals != data.startIndex else {
                throw DialplanLoadError(
                    kind: .invalidPreprocess, file: file, line: element.line,
                    message: "X-PRE-PROCESS set needs data=\"name=value\", got \"\(data)\"")
            }
            preprocessVariables[String(data[..<equals])] = String(data[data.index(after: equals)...])
        case "include":
            guard depth < maximumDepth else {
                throw DialplanLoadError(
                    kind: .includeTooDeep, file: file, line: element.line,
                    message: "includes nested deeper than \(maximumDepth) (include cycle?)")
            }
            depth += 1
            defer { depth -= 1 }
            for included in try expand(glob: data, file: file, line: element.line) {
                let bytes = try read(included, includedFrom: (file, element.line))
                try each(try DialplanXMLElement.parse(bytes, file: included), included)
            }
        default:
            throw DialplanLoadError(
                kind: .invalidPreprocess, file: file, line: element.line,
                message: "unsupported X-PRE-PROCESS cmd \"\(command)\"")
        }
    }

    /// `$${name}` → the value from an earlier `set`; unknown names stay as written.
    func substitute(_ text: String) -> String {
        guard text.contains("$${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "$${") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                out += rest[start.lowerBound...]
                return out
            }
            let name = String(after[..<close])
            out += preprocessVariables[name] ?? "$${\(name)}"
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    private func expand(glob: String, file: String, line: Int) throws(DialplanLoadError) -> [String] {
        let slash = glob.lastIndex(of: "/")
        let folder = slash.map { String(glob[..<$0]) } ?? ""
        let pattern = slash.map { String(glob[glob.index(after: $0)...]) } ?? glob
        let listed = folder.hasPrefix("/") ? folder : (folder.isEmpty ? directory : directory + "/" + folder)
        guard let names = try? reader.fileNames(inDirectory: listed) else {
            throw DialplanLoadError(
                kind: .unreadableFile, file: file, line: line, message: "cannot list \(listed) for include \(glob)")
        }
        return names.filter { Self.wildcard(pattern, matches: $0) }.sorted().map { folder.isEmpty ? $0 : folder + "/" + $0 }
    }

    private func read(_ file: String, includedFrom: (String, Int)?) throws(DialplanLoadError) -> Data {
        let path = file.hasPrefix("/") ? file : directory + "/" + file
        do {
            return try reader.contents(ofFile: path)
        } catch {
            throw DialplanLoadError(
                kind: .unreadableFile, file: includedFrom?.0 ?? file, line: includedFrom?.1 ?? 0,
                message: "cannot read \(path)")
        }
    }

    /// Shell-style `*` / `?` matching of a file name.
    static func wildcard(_ pattern: String, matches name: String) -> Bool {
        let p = Array(pattern)
        let n = Array(name)
        var table = Array(repeating: Array(repeating: false, count: n.count + 1), count: p.count + 1)
        table[0][0] = true
        for i in 1...max(p.count, 1) where i <= p.count {
            table[i][0] = table[i - 1][0] && p[i - 1] == "*"
            for j in stride(from: 1, through: n.count, by: 1) {
                switch p[i - 1] {
                case "*": table[i][j] = table[i - 1][j] || table[i][j - 1]
                case "?": table[i][j] = table[i - 1][j - 1]
                default: table[i][j] = table[i - 1][j - 1] && p[i - 1] == n[j - 1]
                }
            }
        }
        return table[p.count][n.count]
    }
}
