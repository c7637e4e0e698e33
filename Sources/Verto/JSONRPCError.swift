/// A JSON-RPC error object (§5.1). mod_verto puts extra members beside `code` and `message` (e.g. `callID`,
/// `cause`, `causeCode`) rather than under `data`, so extra members are kept flat in `additionalMembers`.
public struct JSONRPCError: Error, Sendable, Hashable {
    public var code: Int
    public var message: String
    /// Members besides `code` and `message`, written at the same level.
    public var additionalMembers: [String: JSONValue]

    public init(code: Int, message: String, additionalMembers: [String: JSONValue] = [:]) {
        self.code = code
        self.message = message
        self.additionalMembers = additionalMembers
    }

    /// Reads an error object; nil when `code` is not a number. A missing `message` reads as "".
    public init?(json: JSONValue) {
        guard var members = json.objectValue, let code = members["code"]?.intValue else { return nil }
        self.code = code
        self.message = members["message"]?.stringValue ?? ""
        members["code"] = nil
        members["message"] = nil
        self.additionalMembers = members
    }

    public var json: JSONValue {
        var members = additionalMembers
        members["code"] = .number(Double(code))
        members["message"] = .string(message)
        return .object(members)
    }
}

/// The error codes mod_verto uses (compat §1.8). Names follow mod_verto's `CODE_*` constants.
public enum VertoErrorCode {
    /// `jsonrpc` missing or not "2.0", unparseable JSON (JSON-RPC 2.0 §5.1 "Invalid Request").
    public static let invalid = -32600
    /// Any request before a successful login.
    public static let authRequired = -32000
    /// Bad or missing credentials; "Session in use".
    public static let authFailed = -32001
    /// Call-level failures: unknown callID, SDP problems, bad action.
    public static let sessionError = -32002
    /// Unknown, missing or not-permitted method (JSON-RPC 2.0 "Method not found").
    public static let method = -32601
    /// A handler refused without details (JSON-RPC 2.0 "Invalid params" slot).
    public static let permission = -32602
}

extension JSONRPCError {
    /// Unparseable JSON: answered with `"id":null` (§1.2).
    public static let invalidRequest = JSONRPCError(code: VertoErrorCode.invalid, message: "Invalid Request")
    /// `jsonrpc` missing or not "2.0" (§1.2).
    public static let invalidMessage = JSONRPCError(code: VertoErrorCode.invalid, message: "Invalid message")
    /// Unknown, missing or not-permitted method (§1.2).
    public static let invalidMethod = JSONRPCError(
        code: VertoErrorCode.method, message: "Invalid Method, Missing Method or Permission Denied")
    /// A handler failed without its own error body (§1.2).
    public static let permissionDenied = JSONRPCError(code: VertoErrorCode.permission, message: "Permission Denied")
    /// Any request before login, including `login` without `login` (§1.3).
    public static let authenticationRequired = JSONRPCError(
        code: VertoErrorCode.authRequired, message: "Authentication Required")

    /// A -32001 login failure: "Missing params", "Missing passwd", "Login Incorrect", "Authentication Failure",
    /// "Missing or improper credentials", "Session in use" (§1.3).
    public static func authFailed(_ message: String) -> JSONRPCError {
        JSONRPCError(code: VertoErrorCode.authFailed, message: message)
    }

    /// A -32002 call-level failure such as "CALL DOES NOT EXIST" or "SDP missing" (§1.5), optionally naming the call.
    public static func sessionError(_ message: String, callID: String? = nil) -> JSONRPCError {
        JSONRPCError(
            code: VertoErrorCode.sessionError, message: message,
            additionalMembers: callID.map { ["callID": .string($0)] } ?? [:])
    }

    /// `{"callID":…,"message":"CALL DOES NOT EXIST","code":-32002}` (§1.12 C).
    public static func callDoesNotExist(_ callID: String?) -> JSONRPCError {
        sessionError("CALL DOES NOT EXIST", callID: callID)
    }
}
