/// Expands `${…}` references in dialplan and application data, with FreeSWITCH's rules
/// (`switch_channel_expand_variables`) and one deliberate difference for safety.
///
/// - `${name}`: channel variable, else caller-profile field (`caller_id_number` …), else global; unknown → "".
/// - `${name:offset}` / `${name:offset:length}`: substring as in FreeSWITCH (negative offset counts from the
///   end). There is no `${name:default}` form in FreeSWITCH; non-numeric text after `:` is ignored like `atoi`.
/// - `${a_${b}}`: nested references in the name are expanded first.
/// - `$${name}`: global variable only.
/// - A value of origin `.system` that itself contains `${` is expanded again (FreeSWITCH does this), up to
///   `maximumDepth` levels, so self-references end.
/// - **Difference:** a value of origin `.caller` is inserted literally and never expanded, and a name built
///   from caller text is not looked up (a caller must not choose which variable gets read). Anything caller
///   supplied marks the result `containsCallerText`.
/// An unterminated `${` is kept as literal text.
public struct VariableExpander: Sendable {
    public var variables: ChannelVariables
    public var profile: CallerProfile?
    public var globals: ChannelVariables
    public var maximumDepth: Int

    public init(
        variables: ChannelVariables, profile: CallerProfile? = nil, globals: ChannelVariables = ChannelVariables(),
        maximumDepth: Int = 8
    ) {
        self.variables = variables
        self.profile = profile
        self.globals = globals
        self.maximumDepth = maximumDepth
    }

    public func expand(_ template: String) -> Expansion {
        expand(Array(template), depth: 0)
    }

    /// The variable a name resolves to, in FreeSWITCH's lookup order.
    public func lookup(_ name: String) -> ChannelVariable? {
        variables.variable(name) ?? profile?.field(name) ?? globals.variable(name)
    }

    private func expand(_ text: [Character], depth: Int) -> Expansion {
        var output = ""
        var tainted = false
        var index = 0
        while index < text.count {
            guard let reference = Reference.scan(text, at: index) else {
                output.append(text[index])
                index += 1
                continue
            }
            let name = expand(reference.name, depth: depth)
            let value = resolve(name, reference: reference, depth: depth)
            output += value.text
            tainted = tainted || value.containsCallerText
            index = reference.end
        }
        return Expansion(text: output, containsCallerText: tainted)
    }

    private func resolve(_ name: Expansion, reference: Reference, depth: Int) -> Expansion {
        if name.containsCallerText {
            return Expansion(text: "", containsCallerText: true)
        }
        let (base, offset, length) = Self.splitSubstring(name.text)
        let found = reference.globalOnly ? globals.variable(base) : lookup(base)
        guard let found else { return Expansion(text: "", containsCallerText: false) }
        var value: Expansion
        switch found.origin {
        case .caller:
            value = Expansion(text: found.value, containsCallerText: true)
        case .system:
            if found.value.contains("$"), depth < maximumDepth {
                value = expand(Array(found.value), depth: depth + 1)
            } else {
                value = Expansion(text: found.value, containsCallerText: false)
            }
        }
        value.text = Self.substring(value.text, offset: offset, length: length)
        return value
    }

    /// `name:offset:length` → parts; offsets that are not numbers count as 0, like `atoi`.
    static func splitSubstring(_ name: String) -> (String, Int, Int) {
        let parts = name.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count > 1 else { return (name, 0, 0) }
        let offset = Self.atoi(parts[1])
        let length = parts.count > 2 ? Self.atoi(parts[2]) : 0
        return (String(parts[0]), offset, length)
    }

    private static func atoi(_ text: Substring) -> Int {
        let trimmed = text.drop(while: { $0 == " " })
        var digits = ""
        for (position, character) in trimmed.enumerated() {
            if character.isASCII, character.isNumber || (position == 0 && character == "-") {
                digits.append(character)
            } else {
                break
            }
        }
        return Int(digits) ?? 0
    }

    static func substring(_ value: String, offset: Int, length: Int) -> String {
        let characters = Array(value)
        var start = 0
        if offset >= 0 {
            start = min(offset, characters.count)
        } else if -offset <= characters.count {
            start = characters.count + offset
        }
        var slice = characters[start...]
        if length > 0, length < slice.count {
            slice = slice.prefix(length)
        }
        return String(slice)
    }
}

/// One `${…}` or `$${…}` found in a template: the name between the braces (possibly nested) and where it ends.
private struct Reference {
    let name: [Character]
    let end: Int
    let globalOnly: Bool

    static func scan(_ text: [Character], at index: Int) -> Reference? {
        guard text[index] == "$" else { return nil }
        var open = index + 1
        var globalOnly = false
        if open < text.count, text[open] == "$" {
            globalOnly = true
            open += 1
        }
        guard open < text.count, text[open] == "{" else { return nil }
        var depth = 1
        var cursor = open + 1
        while cursor < text.count {
            if text[cursor] == "{" {
                depth += 1
            } else if text[cursor] == "}" {
                depth -= 1
                if depth == 0 {
                    return Reference(name: Array(text[(open + 1)..<cursor]), end: cursor + 1, globalOnly: globalOnly)
                }
            }
            cursor += 1
        }
        return nil
    }
}
