import SwitchCore
import Testing
import Verto

@testable import VertoEndpoint

/// Drives a `VertoHub` the way a WebSocket host would, with a manual clock and no sockets.
struct VertoTestHost {
    var hub: VertoHub
    var now = VertoInstant.seconds(1_700_000_000)

    init(configuration: VertoConfiguration = VertoConfiguration()) {
        hub = VertoHub(configuration: configuration)
    }

    static let permissions = VertoPermissions(methods: .only(["verto"]), eventChannels: .only(["presence", "demo"]))

    static func identity(_ user: String = "1008", domain: String = "pbx.example") -> VertoIdentity {
        VertoIdentity(user: user, domain: domain, permissions: permissions)
    }

    mutating func open(_ n: Int) -> VertoConnectionID {
        let id = VertoConnectionID(n)
        hub.connectionOpened(id, now: now)
        return id
    }

    mutating func advance(_ duration: Duration) { now += duration }

    mutating func receive(_ text: String, on id: VertoConnectionID) -> [VertoAction] {
        hub.received(Array(text.utf8), on: id, now: now)
    }

    /// Sends a request with `params` and returns the actions.
    mutating func call(_ method: String, id requestID: Int, params: JSONValue, on id: VertoConnectionID) -> [VertoAction] {
        let request = JSONRPCRequest(id: JSONRPCID(requestID), method: method, params: params)
        return hub.received(request.json.serialized(), on: id, now: now)
    }

    /// Logs `user` in on `id` with `sessid`, the host accepting the credentials; returns the actions of the verdict.
    mutating func login(_ id: VertoConnectionID, user: String = "1008", sessid: String = "sess-1",
                        requestID: Int = 2, identity: VertoIdentity? = nil) -> [VertoAction] {
        let actions = call("login", id: requestID, params: [
            "login": .string("\(user)@pbx.example"), "passwd": "1234", "sessid": .string(sessid),
        ], on: id)
        guard case .authenticate(let attempt) = actions.first else {
            Issue.record("no authenticate action: \(actions)")
            return []
        }
        return hub.loginChecked(attempt, .accepted(identity ?? Self.identity(user)), now: now)
    }

    /// Places a client call on `id` and returns its callID.
    mutating func invite(_ callID: String, on id: VertoConnectionID, extra: [String: JSONValue] = [:]) -> [VertoAction] {
        var dialog: [String: JSONValue] = ["callID": .string(callID), "destination_number": "9196"]
        dialog.merge(extra) { _, new in new }
        return call("verto.invite", id: 3, params: ["sdp": "v=0 offer", "dialogParams": .object(dialog)], on: id)
    }
}

/// The JSON frames sent to one connection, in order.
func frames(_ actions: [VertoAction], to id: VertoConnectionID) -> [JSONValue] {
    actions.compactMap { action in
        guard case .send(let target, let bytes) = action, target == id else { return nil }
        return try? JSONValue(parsing: bytes)
    }
}

/// Actions other than sends.
func effects(_ actions: [VertoAction]) -> [VertoAction] {
    actions.filter { if case .send = $0 { false } else { true } }
}

/// The methods of server requests sent to a connection.
func methods(_ actions: [VertoAction], to id: VertoConnectionID) -> [String] {
    frames(actions, to: id).compactMap { $0["method"]?.stringValue }
}

func parse(_ text: String) -> JSONValue { (try? JSONValue(parsing: text)) ?? nil }
