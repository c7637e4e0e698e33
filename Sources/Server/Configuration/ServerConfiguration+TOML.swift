import Logging

// Each table's keys, their types and ranges. A key's value is checked alone by `ConfigurationField`; checks that
// relate two keys run after the whole table and name the key that was written last.

extension ServerConfiguration.Core {
    mutating func apply(_ reader: ConfigurationTableReader) throws {
        for field in reader.fields {
            switch field.key {
            case "domain": domain = try field.hostName()
            case "data_dir": dataDir = try field.nonEmptyString()
            case "log_level": logLevel = try field.choice(of: Logger.Level.self)
            case "dialplan_dir": dialplanDir = try field.nonEmptyString()
            case "phrases_dir": phrasesDir = try field.nonEmptyString()
            case "scripts_dir": scriptsDir = try field.nonEmptyString()
            case "sounds_dir": soundsDir = try field.nonEmptyString()
            case "web_dir": webDir = try field.nonEmptyString()
            default: throw field.unknownKey()
            }
        }
    }
}

extension ServerConfiguration.SIP {
    mutating func apply(_ reader: ConfigurationTableReader) throws {
        for field in reader.fields {
            switch field.key {
            case "listen_ip": listenIP = try field.ipAddress()
            case "udp_port": udpPort = try field.port()
            case "tcp_port": tcpPort = try field.port()
            case "tls_port": tlsPort = try field.port()
            case "ws_port": wsPort = try field.port()
            case "wss_port": wssPort = try field.port()
            case "ext_sip_ip": extSIPIP = try field.hostName()
            case "tls_certificate": tlsCertificate = try field.nonEmptyString()
            case "tls_private_key": tlsPrivateKey = try field.nonEmptyString()
            case "max_message_size": maxMessageSize = try field.integer(in: 1024...1_048_576)
            default: throw field.unknownKey()
            }
        }
        if (tlsCertificate == nil) != (tlsPrivateKey == nil) {
            throw reader.relationError(
                keys: ["tls_certificate", "tls_private_key"],
                "sip.tls_certificate and sip.tls_private_key must be set together")
        }
    }
}

extension ServerConfiguration.Registrar {
    mutating func apply(_ reader: ConfigurationTableReader) throws {
        let seconds = 1...Int(Int32.max)
        for field in reader.fields {
            switch field.key {
            case "min_expires": minExpires = try field.integer(in: seconds)
            case "max_expires": maxExpires = try field.integer(in: seconds)
            case "default_expires": defaultExpires = try field.integer(in: seconds)
            case "nonce_lifetime": nonceLifetime = try field.integer(in: seconds)
            case "auth_failure_limit": authFailureLimit = try field.integer(in: 0...1_000_000)
            case "auth_failure_window": authFailureWindow = try field.integer(in: seconds)
            case "auth_block_seconds": authBlockSeconds = try field.integer(in: 0...Int(Int32.max))
            default: throw field.unknownKey()
            }
        }
        guard minExpires <= defaultExpires, defaultExpires <= maxExpires else {
            throw reader.relationError(
                keys: ["min_expires", "default_expires", "max_expires"],
                "registrar: expected min_expires ≤ default_expires ≤ max_expires, got "
                    + "\(minExpires), \(defaultExpires), \(maxExpires)")
        }
    }
}

extension ServerConfiguration.RTP {
    mutating func apply(_ reader: ConfigurationTableReader) throws {
        for field in reader.fields {
            switch field.key {
            case "port_min": portMin = try field.integer(in: 1024...65535)
            case "port_max": portMax = try field.integer(in: 1024...65535)
            case "ext_rtp_ip": extRTPIP = try field.hostName()
            default: throw field.unknownKey()
            }
        }
        guard portMin < portMax else {
            throw reader.relationError(
                keys: ["port_min", "port_max"],
                "rtp.port_min must be less than rtp.port_max, got \(portMin) and \(portMax)")
        }
    }
}

extension ServerConfiguration.Media {
    mutating func apply(_ reader: ConfigurationTableReader) throws {
        for field in reader.fields {
            switch field.key {
            case "codecs": codecs = try field.codecList(supported: Self.supportedCodecs)
            default: throw field.unknownKey()
            }
        }
    }
}

extension ServerConfiguration.Verto {
    mutating func apply(_ reader: ConfigurationTableReader) throws {
        for field in reader.fields {
            switch field.key {
            case "listen_ip": listenIP = try field.ipAddress()
            case "ws_port": wsPort = try field.port()
            case "wss_port": wssPort = try field.port()
            default: throw field.unknownKey()
            }
        }
    }
}

extension ServerConfiguration.EventSocket {
    mutating func apply(_ reader: ConfigurationTableReader) throws {
        for field in reader.fields {
            switch field.key {
            case "listen_ip": listenIP = try field.ipAddress()
            case "port": port = try field.port()
            case "password": password = try field.nonEmptyString()
            default: throw field.unknownKey()
            }
        }
    }
}
