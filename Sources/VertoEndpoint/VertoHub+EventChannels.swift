import Verto

/// Event channels (compat §1.10): subscribe, unsubscribe, broadcast and fan-out as `verto.event`.
extension VertoHub {
    /// Whether a connection may use a channel: the configured hook if any; otherwise the identity's
    /// `jsonrpc-allowed-event-channels`, channels granted at run time, its own sessid and its calls' UUIDs.
    func mayUse(_ channel: String, on id: VertoConnectionID) -> Bool {
        guard let connection = connections[id], let identity = connection.identity else { return false }
        if let hook = configuration.authorizeEventChannel { return hook(identity, channel) }
        return identity.permissions.eventChannels.permits(channel) || connection.grantedChannels.contains(channel)
            || channel == connection.sessid || connection.calls.contains(channel)
    }

    /// Grants channels to a connection (a conference does this on join, §1.10).
    public mutating func grantEventChannels(_ channels: [String], to id: VertoConnectionID) {
        connections[id]?.grantedChannels.formUnion(channels)
    }

    /// Revokes granted channels and drops subscriptions to them (on conference part).
    public mutating func revokeEventChannels(_ channels: [String], from id: VertoConnectionID) {
        connections[id]?.grantedChannels.subtract(channels)
        for channel in channels where !mayUse(channel, on: id) { removeSubscription(channel, of: id) }
    }

    func channels(of request: JSONRPCRequest) -> [String] {
        (try? request.decodeParams(as: SubscribeParams.self))?.eventChannel?.channels ?? []
    }

    /// `verto.subscribe`: the result lists subscribed / unauthorized / already subscribed channels; if nothing
    /// was subscribable the same lists come back in an error (-32602 "Permission Denied").
    mutating func subscribe(_ request: JSONRPCRequest, on id: VertoConnectionID, actions: inout [VertoAction])
        -> VertoReply
    {
        var subscribed: [String] = []
        var unauthorized: [String] = []
        var already: [String] = []
        for channel in channels(of: request) {
            if connections[id]?.subscriptions.contains(channel) == true {
                already.append(channel)
            } else if mayUse(channel, on: id) {
                connections[id]?.subscriptions.insert(channel)
                subscribers[channel, default: []].insert(id)
                subscribed.append(channel)
            } else {
                unauthorized.append(channel)
            }
        }
        if !subscribed.isEmpty { actions.append(.channelsSubscribed(subscribed, connection: id)) }
        let result = SubscribeResult(subscribed: subscribed, unauthorized: unauthorized, alreadySubscribed: already)
        guard subscribed.isEmpty, already.isEmpty else { return encoded(result) }
        return .error(listError(result))
    }

    /// `verto.unsubscribe`: an error only if no channel was subscribed.
    mutating func unsubscribe(_ request: JSONRPCRequest, on id: VertoConnectionID) -> VertoReply {
        var removed: [String] = []
        var missing: [String] = []
        for channel in channels(of: request) {
            if removeSubscription(channel, of: id) {
                removed.append(channel)
            } else {
                missing.append(channel)
            }
        }
        let result = UnsubscribeResult(unsubscribed: removed, notSubscribed: missing)
        return removed.isEmpty ? .error(listError(result)) : encoded(result)
    }

    /// Drops one subscription from the connection and the index; false if it was not subscribed.
    @discardableResult
    mutating func removeSubscription(_ channel: String, of id: VertoConnectionID) -> Bool {
        subscribers[channel]?.remove(id)
        if subscribers[channel]?.isEmpty == true { subscribers[channel] = nil }
        return connections[id]?.subscriptions.remove(channel) != nil
    }

    func listError(_ lists: some Encodable) -> JSONRPCError {
        var error = JSONRPCError.permissionDenied
        error.additionalMembers = (try? JSONValue(encoding: lists))?.objectValue ?? [:]
        return error
    }

    /// `verto.broadcast`: relays the object (plus `userid`, `sessid`, `fromDisplay`) to the channel's
    /// subscribers and hands it to the host. Always a result; failures are `{code:-32002, message}` inside it.
    mutating func broadcast(_ request: JSONRPCRequest, on id: VertoConnectionID, identity: VertoIdentity,
                            actions: inout [VertoAction]) -> VertoReply {
        guard var members = request.params?.objectValue, let channel = members["eventChannel"]?.stringValue,
            !channel.isEmpty
        else {
            return .result(["code": .number(Double(VertoErrorCode.sessionError)),
                            "message": "eventChannel not specified."])
        }
        guard mayUse(channel, on: id) else {
            return .result(["code": .number(Double(VertoErrorCode.sessionError)), "message": "Permission Denied."])
        }
        members["eventChannel"] = nil
        members["userid"] = .string(identity.login)
        members["sessid"] = connections[id]?.sessid.map(JSONValue.string) ?? .null
        if let display = identity.displayName { members["fromDisplay"] = .string(display) }
        let publication = VertoPublication(eventChannel: channel, members: members)
        actions += fanOut(publication, privateTo: nil)
        actions.append(.broadcastReceived(publication, from: identity))
        return .result(.object([:]))
    }

    /// Publishes from the switch (presence, conference, liveArray). A publication carrying `sessid`, or on a
    /// channel named after a connection's sessid or one of its call UUIDs, goes only to that connection,
    /// subscribed or not; otherwise to subscribers of the channel and of its prefix before the first dot.
    public mutating func publish(_ publication: VertoPublication) -> [VertoAction] {
        let channel = publication.eventChannel
        if let sessid = publication.privateSessid ?? (connection(forSessid: channel) != nil ? channel : nil) {
            return fanOut(publication, privateTo: connection(forSessid: sessid).map { [$0] } ?? [])
        }
        if let call = calls[channel], case .connection(let owner) = call.owner {
            return fanOut(publication, privateTo: [owner])
        }
        return fanOut(publication, privateTo: nil)
    }

    /// Sends `verto.event` to each receiver once, with its own `eventSerno`.
    mutating func fanOut(_ publication: VertoPublication, privateTo targets: [VertoConnectionID]?) -> [VertoAction] {
        var actions: [VertoAction] = []
        let channel = publication.eventChannel
        let receivers = targets ?? EventChannelName.deliveryTargets(of: channel)
            .reduce(into: Set<VertoConnectionID>()) { $0.formUnion(subscribers[$1] ?? []) }.sorted()
        for id in receivers {
            guard let connection = connections[id], connection.identity != nil, !connection.isClosing else { continue }
            let subscribed: String?
            if targets != nil {
                subscribed = channel
            } else {
                subscribed = EventChannelName.deliveryTargets(of: channel).first {
                    connection.subscriptions.contains($0)
                }
            }
            guard let subscribed else { continue }
            connections[id]?.eventSerno += 1
            let params = publication.eventParams(eventSerno: connection.eventSerno + 1, subscribedChannel: subscribed)
            actions += sendRequest(.event, params: params, to: id)
        }
        return actions
    }
}
