import Foundation
import Logging

/// Server settings from the optional `switchboard.toml` (DESIGN.md, Files a user touches). Every setting has a
/// default, so `ServerConfiguration()` is a working server on 127.0.0.1 with FreeSWITCH's default ports.
/// TOML keys are snake_case in `[core]`, `[sip]`, `[registrar]`, `[rtp]`, `[media]`, `[verto]` and
/// `[event_socket]`; each table maps to one nested struct. `docs/configuration.md` lists every key.
public struct ServerConfiguration: Sendable, Equatable {
    /// `[core]`
    public struct Core: Sendable, Equatable {
        /// The SIP domain (realm) served; nil → the server picks the host address.
        public var domain: String? = nil
        public var dataDir = "./var"
        public var logLevel: Logger.Level = .info
        public var dialplanDir = "dialplan"
        /// Phrase macros: `<phrases_dir>/<language>/*.xml` (FreeSWITCH's `conf/lang`); reloaded by `reloadxml`.
        public var phrasesDir = "phrases"
        public var scriptsDir = "scripts"
        public var soundsDir = "sounds"
        /// The browser phone's files, served over HTTP on the Verto ports.
        public var webDir = "web"

        public init() {}
    }

    /// `[sip]`: listeners (a port of 0 disables that listener) and message limits.
    public struct SIP: Sendable, Equatable {
        public var listenIP = "127.0.0.1"
        public var udpPort = 5060
        public var tcpPort = 5060
        public var tlsPort = 5061
        public var wsPort = 5066
        public var wssPort = 7443
        /// Address written into Via/Contact/Record-Route instead of `listenIP` (behind NAT).
        public var extSIPIP: String? = nil
        /// PEM files for TLS and WSS; nil → a self-signed certificate. Both or neither are set.
        public var tlsCertificate: String? = nil
        public var tlsPrivateKey: String? = nil
        /// Largest SIP message accepted, in bytes.
        public var maxMessageSize = 65535

        public init() {}
    }

    /// `[registrar]`: REGISTER expiry bounds (RFC 3261 §10.3 steps 7–8), digest nonce lifetime and the
    /// authentication-failure throttle (at most `authFailureLimit` failures per source in `authFailureWindow`
    /// seconds, then blocked for `authBlockSeconds`). All values are seconds except the limit.
    public struct Registrar: Sendable, Equatable {
        public var minExpires = 60
        public var maxExpires = 7200
        public var defaultExpires = 3600
        public var nonceLifetime = 300
        public var authFailureLimit = 20
        public var authFailureWindow = 60
        public var authBlockSeconds = 60

        public init() {}
    }

    /// `[rtp]`: the UDP port range media is allocated from, and the address advertised in SDP behind NAT.
    public struct RTP: Sendable, Equatable {
        public var portMin = 16384
        public var portMax = 32768
        public var extRTPIP: String? = nil

        public init() {}
    }

    /// `[media]`: codecs offered and accepted, in order of preference (SDP rtpmap encoding names).
    public struct Media: Sendable, Equatable {
        public static let supportedCodecs = ["PCMU", "PCMA", "opus"]

        public var codecs = ["PCMU", "PCMA"]

        public init() {}
    }

    /// `[verto]`: Verto JSON-RPC and the web phone (ws/http and wss/https; 0 disables).
    public struct Verto: Sendable, Equatable {
        public var listenIP = "127.0.0.1"
        public var wsPort = 8081
        public var wssPort = 8082

        public init() {}
    }

    /// `[event_socket]`: the FreeSWITCH-style event socket (0 disables).
    public struct EventSocket: Sendable, Equatable {
        public var listenIP = "127.0.0.1"
        public var port = 8021
        public var password = "ClueCon"

        public init() {}
    }

    public var core = Core()
    public var sip = SIP()
    public var registrar = Registrar()
    public var rtp = RTP()
    public var media = Media()
    public var verto = Verto()
    public var eventSocket = EventSocket()

    /// Every setting at its default.
    public init() {}

    /// Reads `file`; nil gives the defaults. A file that does not exist is an error (a named file must be there).
    public static func load(file: String?) throws -> ServerConfiguration {
        guard let file else {
            return ServerConfiguration()
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw ConfigurationError(file: file, line: nil, message: "no such file")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(file: file, line: nil, message: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: file, line: nil, message: "is not valid UTF-8")
        }
        return try ServerConfiguration(toml: text, file: file)
    }

    /// Parses TOML text; `file` names it in error messages. Keys not given keep their defaults.
    public init(toml text: String, file: String) throws {
        let document = try TOMLDocument(parsing: text, file: file)
        for table in document.tables {
            let reader = ConfigurationTableReader(table: table, file: file)
            switch table.name {
            case "":
                if let entry = table.entries.first {
                    throw reader.unknownKey(entry)
                }
            case "core": try core.apply(reader)
            case "sip": try sip.apply(reader)
            case "registrar": try registrar.apply(reader)
            case "rtp": try rtp.apply(reader)
            case "media": try media.apply(reader)
            case "verto": try verto.apply(reader)
            case "event_socket": try eventSocket.apply(reader)
            default:
                throw ConfigurationError(file: file, line: table.line, message: "unknown table [\(table.name)]")
            }
        }
    }
}
