extension SwitchEvent {
    /// The `text/event-json` form: one JSON object with every header as a string field (first occurrence wins)
    /// and the body, if any, under `_body` (mod_event_socket, `switch_event_serialize_json`).
    public func jsonText() -> String {
        var seen = Set<String>()
        var fields: [String] = []
        for header in headers where seen.insert(header.name).inserted {
            fields.append(ChannelListing.jsonString(header.name) + ":" + ChannelListing.jsonString(header.value))
        }
        if let body, !body.isEmpty {
            fields.append("\"_body\":" + ChannelListing.jsonString(body))
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
