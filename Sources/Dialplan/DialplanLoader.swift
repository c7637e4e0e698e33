import Foundation

/// Loads a directory of FreeSWITCH XML dialplan files into a ``DialplanPlan``.
///
/// Every `*.xml` file directly in the directory is read in alphabetical order. A file may be a fragment
/// (`<include><context name=…>…</context></include>`) or a full `<document type="freeswitch/xml">` with
/// `<section name="dialplan">`. The preprocessor runs in document order (compat §2.1):
/// - `<X-PRE-PROCESS cmd="include" data="glob"/>` splices the matching files (relative to the dialplan
///   directory, alphabetical) at that point — at top level, or inside a `<context>` for extension files;
/// - `<X-PRE-PROCESS cmd="set" data="name=value"/>` defines `$${name}`, replaced textually in attribute
///   values and element text that follow (an unknown `$${name}` is left as written).
///
/// All regular expressions and time-condition values are checked here, so a broken file fails the load
/// with `file:line` rather than failing a call later. Contexts with the same name in several files are
/// merged in load order.
public struct DialplanLoader: Sendable {
    public var reader: any DialplanFileReader
    /// Nesting limit for includes (guards against include cycles).
    public var maximumIncludeDepth: Int

    public init(reader: any DialplanFileReader = DialplanFileSystemReader(), maximumIncludeDepth: Int = 16) {
        self.reader = reader
        self.maximumIncludeDepth = maximumIncludeDepth
    }

    /// Loads every `*.xml` file in `directory`.
    public func load(directory: String) throws(DialplanLoadError) -> DialplanPlan {
        let names: [String]
        do {
            names = try reader.fileNames(inDirectory: directory)
        } catch {
            throw DialplanLoadError(
                kind: .unreadableFile, file: directory, line: 0, message: "cannot list dialplan directory")
        }
        return try load(directory: directory, files: names.filter { $0.hasSuffix(".xml") }.sorted())
    }

    /// Loads the given files (paths relative to `directory`) in the order given.
    public func load(directory: String, files: [String]) throws(DialplanLoadError) -> DialplanPlan {
        let builder = DialplanPlanBuilder(reader: reader, directory: directory, maximumDepth: maximumIncludeDepth)
        for file in files {
            try builder.loadTopLevel(file: file)
        }
        return builder.plan()
    }

    /// Parses a single document held in memory (handy for tests and `dialplan check`); includes resolve
    /// against `directory`.
    public func load(xml: String, named file: String = "inline.xml", directory: String = ".")
        throws(DialplanLoadError) -> DialplanPlan
    {
        let builder = DialplanPlanBuilder(reader: reader, directory: directory, maximumDepth: maximumIncludeDepth)
        try builder.loadTopLevel(data: Data(xml.utf8), file: file)
        return builder.plan()
    }
}
