import Foundation
import Server
import Testing

@Suite("ServerConfiguration")
struct ConfigurationTests {
    private func configuration(_ text: String) throws -> ServerConfiguration {
        try ServerConfiguration(toml: text, file: "switchboard.toml")
    }

    /// The description of the error `text` throws.
    private func failure(_ text: String) -> String? {
        let error = #expect(throws: ConfigurationError.self) { try configuration(text) }
        return error?.description
    }

    @Test func defaultsMatchTheDocumentedValues() {
        let defaults = ServerConfiguration()
        #expect(defaults.core.domain == nil)
        #expect(defaults.core.dataDir == "./var")
        #expect(defaults.core.logLevel == .info)
        #expect(defaults.core.dialplanDir == "dialplan")
        #expect(defaults.core.phrasesDir == "phrases")
        #expect(defaults.core.scriptsDir == "scripts")
        #expect(defaults.core.soundsDir == "sounds")
        #expect(defaults.sip.listenIP == "127.0.0.1")
        #expect(defaults.sip.udpPort == 5060)
        #expect(defaults.sip.tcpPort == 5060)
        #expect(defaults.sip.tlsPort == 5061)
        #expect(defaults.sip.wsPort == 5066)
        #expect(defaults.sip.wssPort == 7443)
        #expect(defaults.sip.extSIPIP == nil)
        #expect(defaults.sip.tlsCertificate == nil && defaults.sip.tlsPrivateKey == nil)
        #expect(defaults.sip.maxMessageSize == 65535)
        let registrar = defaults.registrar
        #expect(registrar.minExpires == 60)
        #expect(registrar.maxExpires == 7200)
        #expect(registrar.defaultExpires == 3600)
        #expect(registrar.nonceLifetime == 300)
        #expect(registrar.authFailureLimit == 20)
        #expect(registrar.authFailureWindow == 60)
        #expect(registrar.authBlockSeconds == 60)
        #expect(defaults.rtp.portMin == 16384)
        #expect(defaults.rtp.portMax == 32768)
        #expect(defaults.rtp.extRTPIP == nil)
        #expect(defaults.media.codecs == ["PCMU", "PCMA"])
        #expect(defaults.verto.listenIP == "127.0.0.1")
        #expect(defaults.verto.wsPort == 8081)
        #expect(defaults.verto.wssPort == 8082)
        #expect(defaults.eventSocket.listenIP == "127.0.0.1")
        #expect(defaults.eventSocket.port == 8021)
        #expect(defaults.eventSocket.password == "ClueCon")
    }

    @Test func emptyFileAndEmptyTablesGiveDefaults() throws {
        #expect(try configuration("") == ServerConfiguration())
        let allTables = "[core]\n[sip]\n[registrar]\n[rtp]\n[media]\n[verto]\n[event_socket]\n# nothing set\n"
        #expect(try configuration(allTables) == ServerConfiguration())
    }

    @Test func loadWithoutAFileGivesDefaults() throws {
        #expect(try ServerConfiguration.load(file: nil) == ServerConfiguration())
    }

    @Test func loadOfAMissingFileFails() {
        let path = "/nonexistent-\(UUID().uuidString)/switchboard.toml"
        let error = #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(file: path) }
        #expect(error?.description == "\(path): no such file")
    }

    @Test func loadOfAFolderFails() {
        let path = FileManager.default.temporaryDirectory.path
        let error = #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(file: path) }
        #expect(error?.description == "\(path): cannot be read")
    }

    @Test func loadReadsTheFileAndNamesItInErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.toml")
        try Data("[sip]\nudp_port = 5080\n".utf8).write(to: good)
        #expect(try ServerConfiguration.load(file: good.path).sip.udpPort == 5080)

        let bad = folder.appendingPathComponent("bad.toml")
        try Data("[sip]\n\nudp_port = \"5080\"\n".utf8).write(to: bad)
        let error = #expect(throws: ConfigurationError.self) { try ServerConfiguration.load(file: bad.path) }
        #expect(error?.description == "\(bad.path):3: sip.udp_port: expected an integer 0–65535, found a string")
        #expect(error?.line == 3)
    }

    @Test func fullFileSetsEveryKey() throws {
        let text = """
            # Switchboard settings
            [core]
            domain = "pbx.example.com"
            data_dir = "/var/lib/switchboard"
            log_level = "debug"
            dialplan_dir = "/etc/switchboard/dialplan"
            phrases_dir = "/etc/switchboard/lang"
            scripts_dir = '/etc/switchboard/scripts'
            sounds_dir = "/usr/share/switchboard/sounds"

            [sip]
            listen_ip = "0.0.0.0"
            udp_port = 5080
            tcp_port = 5081
            tls_port = 0          # no TLS listener
            ws_port = 5066
            wss_port = 7_443
            ext_sip_ip = "203.0.113.7"
            tls_certificate = "/etc/ssl/sb.pem"
            tls_private_key = "/etc/ssl/sb.key"
            max_message_size = 16384

            [registrar]
            min_expires = 30
            max_expires = 86400
            default_expires = 600
            nonce_lifetime = 120
            auth_failure_limit = 5
            auth_failure_window = 300
            auth_block_seconds = 900

            [rtp]
            port_min = 20000
            port_max = 20999
            ext_rtp_ip = "203.0.113.8"

            [media]
            codecs = [
              "OPUS",   # matched without regard to case
              "pcma",
            ]

            [verto]
            listen_ip = "::"
            ws_port = 0
            wss_port = 8443

            [event_socket]
            listen_ip = "::1"
            port = 8022
            password = "s3cret \\"quoted\\""
            """
        var expected = ServerConfiguration()
        expected.core.domain = "pbx.example.com"
        expected.core.dataDir = "/var/lib/switchboard"
        expected.core.logLevel = .debug
        expected.core.dialplanDir = "/etc/switchboard/dialplan"
        expected.core.phrasesDir = "/etc/switchboard/lang"
        expected.core.scriptsDir = "/etc/switchboard/scripts"
        expected.core.soundsDir = "/usr/share/switchboard/sounds"
        expected.sip.listenIP = "0.0.0.0"
        expected.sip.udpPort = 5080
        expected.sip.tcpPort = 5081
        expected.sip.tlsPort = 0
        expected.sip.wsPort = 5066
        expected.sip.wssPort = 7443
        expected.sip.extSIPIP = "203.0.113.7"
        expected.sip.tlsCertificate = "/etc/ssl/sb.pem"
        expected.sip.tlsPrivateKey = "/etc/ssl/sb.key"
        expected.sip.maxMessageSize = 16384
        expected.registrar.minExpires = 30
        expected.registrar.maxExpires = 86400
        expected.registrar.defaultExpires = 600
        expected.registrar.nonceLifetime = 120
        expected.registrar.authFailureLimit = 5
        expected.registrar.authFailureWindow = 300
        expected.registrar.authBlockSeconds = 900
        expected.rtp.portMin = 20000
        expected.rtp.portMax = 20999
        expected.rtp.extRTPIP = "203.0.113.8"
        expected.media.codecs = ["opus", "PCMA"]
        expected.verto.listenIP = "::"
        expected.verto.wsPort = 0
        expected.verto.wssPort = 8443
        expected.eventSocket.listenIP = "::1"
        expected.eventSocket.port = 8022
        expected.eventSocket.password = #"s3cret "quoted""#
        #expect(try configuration(text) == expected)
    }

    @Test func keysLeftOutKeepTheirDefaults() throws {
        let parsed = try configuration("[sip]\nudp_port = 5070\n")
        var expected = ServerConfiguration()
        expected.sip.udpPort = 5070
        #expect(parsed == expected)
    }

    @Test func unknownKeyIsNamedWithItsLine() {
        let text = """
            [core]
            log_level = "info"

            [sip]
            listen_ip = "127.0.0.1"
            # typo below
            udp_prot = 5060
            """
        #expect(failure(text) == "switchboard.toml:7: unknown key 'sip.udp_prot'")
    }

    @Test func unknownTableAndTopLevelKeysAreErrors() {
        #expect(failure("[core]\n\n[sipp]\nudp_port = 1") == "switchboard.toml:3: unknown table [sipp]")
        #expect(failure("# no table yet\ndomain = \"x\"") == "switchboard.toml:2: unknown key 'domain'")
        #expect(failure("[event_socket]\npasword = \"x\"") == "switchboard.toml:2: unknown key 'event_socket.pasword'")
    }

    @Test func syntaxErrorsPassThroughWithTheLine() {
        #expect(failure("[sip]\nudp_port = 50 60") == "switchboard.toml:2: unexpected '6' after value")
        #expect(failure("[rtp]\n\n\nport_min = 1.5") == "switchboard.toml:4: floats are not supported ('1.5')")
    }

    /// Every key given a value of the wrong type, and every bounded key a value out of range.
    @Test(arguments: [
        ("core", "domain", "1", "expected a string, found an integer"),
        ("core", "domain", #""two words""#, "expected a host name or IP address, found 'two words'"),
        ("core", "data_dir", "true", "expected a string, found a boolean"),
        ("core", "data_dir", #""""#, "expected a non-empty string"),
        ("core", "log_level", "3", "expected a string, found an integer"),
        ("core", "log_level", #""verbose""#,
         "expected one of trace, debug, info, notice, warning, error, critical, found 'verbose'"),
        ("core", "dialplan_dir", #"["a"]"#, "expected a string, found an array"),
        ("core", "scripts_dir", "0", "expected a string, found an integer"),
        ("core", "sounds_dir", #""""#, "expected a non-empty string"),
        ("sip", "listen_ip", "127", "expected a string, found an integer"),
        ("sip", "listen_ip", #""localhost""#, "expected an IPv4 or IPv6 address, found 'localhost'"),
        ("sip", "listen_ip", #""256.0.0.1""#, "expected an IPv4 or IPv6 address, found '256.0.0.1'"),
        ("sip", "udp_port", #""5060""#, "expected an integer 0–65535, found a string"),
        ("sip", "udp_port", "65536", "expected an integer 0–65535, found 65536"),
        ("sip", "tcp_port", "-1", "expected an integer 0–65535, found -1"),
        ("sip", "tls_port", "true", "expected an integer 0–65535, found a boolean"),
        ("sip", "ws_port", "[5066]", "expected an integer 0–65535, found an array"),
        ("sip", "wss_port", "100000", "expected an integer 0–65535, found 100000"),
        ("sip", "ext_sip_ip", "1", "expected a string, found an integer"),
        ("sip", "tls_certificate", "false", "expected a string, found a boolean"),
        ("sip", "tls_private_key", #""""#, "expected a non-empty string"),
        ("sip", "max_message_size", "100", "expected an integer 1024–1048576, found 100"),
        ("sip", "max_message_size", #""64k""#, "expected an integer 1024–1048576, found a string"),
        ("registrar", "min_expires", "0", "expected an integer 1–2147483647, found 0"),
        ("registrar", "max_expires", #""7200""#, "expected an integer 1–2147483647, found a string"),
        ("registrar", "default_expires", "-3600", "expected an integer 1–2147483647, found -3600"),
        ("registrar", "nonce_lifetime", "0", "expected an integer 1–2147483647, found 0"),
        ("registrar", "auth_failure_limit", "-1", "expected an integer 0–1000000, found -1"),
        ("registrar", "auth_failure_window", "true", "expected an integer 1–2147483647, found a boolean"),
        ("registrar", "auth_block_seconds", "2147483648", "expected an integer 0–2147483647, found 2147483648"),
        ("rtp", "port_min", "80", "expected an integer 1024–65535, found 80"),
        ("rtp", "port_max", "70000", "expected an integer 1024–65535, found 70000"),
        ("rtp", "port_max", #""32768""#, "expected an integer 1024–65535, found a string"),
        ("rtp", "ext_rtp_ip", "[]", "expected a string, found an array"),
        ("media", "codecs", #""PCMU""#, "expected an array of strings, found a string"),
        ("media", "codecs", "[0, 8]", "expected an array of strings, found an array holding an integer"),
        ("media", "codecs", "[]", "expected at least one codec"),
        ("media", "codecs", #"["PCMU", "G729"]"#, "unknown codec 'G729' (supported: PCMU, PCMA, opus)"),
        ("media", "codecs", #"["PCMU", "pcmu"]"#, "codec 'pcmu' is listed twice"),
        ("verto", "listen_ip", #""*""#, "expected an IPv4 or IPv6 address, found '*'"),
        ("verto", "ws_port", "65536", "expected an integer 0–65535, found 65536"),
        ("verto", "wss_port", #""8082""#, "expected an integer 0–65535, found a string"),
        ("event_socket", "listen_ip", "true", "expected a string, found a boolean"),
        ("event_socket", "port", "-8021", "expected an integer 0–65535, found -8021"),
        ("event_socket", "password", #""""#, "expected a non-empty string"),
        ("event_socket", "password", "1234", "expected a string, found an integer"),
    ])
    func wrongValueIsNamedWithKeyAndLine(table: String, key: String, value: String, expectation: String) {
        let text = "# settings\n[\(table)]\n\n\(key) = \(value)\n"
        #expect(failure(text) == "switchboard.toml:4: \(table).\(key): \(expectation)")
    }

    @Test func rtpPortMinMustBeBelowPortMax() {
        #expect(failure("[rtp]\nport_min = 30000\nport_max = 20000")
            == "switchboard.toml:3: rtp.port_min must be less than rtp.port_max, got 30000 and 20000")
        #expect(failure("[rtp]\nport_min = 40000")
            == "switchboard.toml:2: rtp.port_min must be less than rtp.port_max, got 40000 and 32768")
        #expect(failure("[rtp]\nport_max = 16384")
            == "switchboard.toml:2: rtp.port_min must be less than rtp.port_max, got 16384 and 16384")
    }

    @Test func expiryBoundsMustBeOrdered() {
        let expectation = "registrar: expected min_expires ≤ default_expires ≤ max_expires"
        #expect(failure("[registrar]\nmin_expires = 4000")
            == "switchboard.toml:2: \(expectation), got 4000, 3600, 7200")
        #expect(failure("[registrar]\n\nmax_expires = 1800\n")
            == "switchboard.toml:3: \(expectation), got 60, 3600, 1800")
    }

    @Test func tlsCertificateAndKeyComeTogether() {
        #expect(failure("[sip]\ntls_certificate = \"/c.pem\"")
            == "switchboard.toml:2: sip.tls_certificate and sip.tls_private_key must be set together")
        #expect(failure("[sip]\n\ntls_private_key = \"/k.pem\"")
            == "switchboard.toml:3: sip.tls_certificate and sip.tls_private_key must be set together")
    }

    @Test func everyLogLevelIsAccepted() throws {
        for name in ["trace", "debug", "info", "notice", "warning", "error", "critical"] {
            #expect(try configuration("[core]\nlog_level = \"\(name)\"").core.logLevel.rawValue == name)
        }
    }

    @Test func errorDescriptionWithoutLine() {
        let missing = ConfigurationError(file: "a.toml", line: nil, message: "no such file")
        #expect(missing.description == "a.toml: no such file")
        #expect(ConfigurationError(file: "a.toml", line: 9, message: "m").description == "a.toml:9: m")
    }
}
