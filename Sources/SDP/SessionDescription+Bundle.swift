extension SessionDescription {
    /// Whether a session-level property attribute (or any attribute) named `name` is present.
    public func hasAttribute(_ name: String) -> Bool {
        attributes.contains { $0.name == name }
    }

    /// The identification tags of every `a=group:BUNDLE` (RFC 8843 §7, RFC 5888 §5), one list per group.
    public var bundleGroups: [[String]] {
        attributes.compactMap { attribute -> [String]? in
            guard attribute.name == "group", let value = attribute.value else { return nil }
            let tokens = value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard tokens.first?.uppercased() == "BUNDLE" else { return nil }
            return Array(tokens.dropFirst())
        }
    }

    /// The BUNDLE group that holds `mid`, if any.
    public func bundleGroup(containing mid: String) -> [String]? {
        bundleGroups.first { $0.contains(mid) }
    }

    /// The RTP port of a `bundle-only` section (port 0, RFC 8843 §6): that of its group's offerer-tagged
    /// m-line, the first one of the group with a non-zero port (§7.2.1).
    func bundleTransportPort(for mid: String) -> UInt16? {
        guard let group = bundleGroup(containing: mid) else { return nil }
        for tag in group {
            if let section = media.first(where: { $0.attributeValue("mid") == tag }), section.port != 0 {
                return section.port
            }
        }
        return nil
    }
}
