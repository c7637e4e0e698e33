// swift-tools-version: 6.0
// Switchboard: a SIP/WebRTC application server. Target tiers follow DESIGN.md:
// C shims → wire formats → sans-IO engines → core → modules → NIO adapters → executable.
import PackageDescription

let swiftSettings: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        // MARK: C shims (no logic; COpenSSL serves DTLS and SRTP's cipher types, the others one Swift target each)
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .systemLibrary(name: "COpus", pkgConfig: "opus", providers: [.apt(["libopus-dev"])]),
        .systemLibrary(name: "CSRTP", pkgConfig: "libsrtp2", providers: [.apt(["libsrtp2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CEpoll"),

        // MARK: Wire formats (pure values)
        .target(name: "SIPMessage", swiftSettings: swiftSettings),
        .target(name: "SDP", swiftSettings: swiftSettings),
        .target(name: "RTP", swiftSettings: swiftSettings),
        .target(name: "STUN", swiftSettings: swiftSettings),
        // Verto JSON-RPC 2.0 envelope, Codable params, liveArray values (compat §1); Foundation only.
        .target(name: "Verto", swiftSettings: swiftSettings),

        // MARK: Engines (sans-IO)
        .target(name: "SIPStack", dependencies: ["SIPMessage"], swiftSettings: swiftSettings),
        .target(name: "Media", dependencies: ["COpus"], swiftSettings: swiftSettings),
        .target(name: "XMLTree", swiftSettings: swiftSettings),
        .target(name: "Dialplan", dependencies: ["XMLTree"], swiftSettings: swiftSettings),
        // Phrase macros (conf/lang XML → steps); Foundation only, like Dialplan.
        .target(name: "Phrases", dependencies: ["XMLTree"], swiftSettings: swiftSettings),
        // libsrtp2 for the protocol; its ciphers and MAC replaced by OpenSSL EVP ones (Sources/SRTP/Crypto).
        .target(name: "SRTP", dependencies: ["CSRTP", "COpenSSL"], swiftSettings: swiftSettings),
        .target(name: "DTLS", dependencies: ["COpenSSL"], swiftSettings: swiftSettings),
        .target(name: "ICE", dependencies: ["STUN"], swiftSettings: swiftSettings),
        // DTLS-SRTP glue: DTLS and SRTP do not import each other; this joins them (RFC 5764 §4.2).
        .target(name: "DTLSSRTP", dependencies: ["DTLS", "SRTP"], swiftSettings: swiftSettings),

        // MARK: Core
        .target(name: "SwitchCore", swiftSettings: swiftSettings),

        // MARK: Modules
        .target(
            name: "Directory",
            dependencies: ["SwitchCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SIPEndpoint",
            dependencies: ["SIPMessage", "SIPStack", "SDP", "SwitchCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LuaScripting",
            dependencies: ["CLua", "SwitchCore", "Media", "Phrases", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Applications", dependencies: ["SwitchCore", "Media", "Phrases"], swiftSettings: swiftSettings),
        .target(name: "EventSocket", swiftSettings: swiftSettings),
        // Sans-IO Verto connection engine (login, sessid/punt, calls, detach/reattach, event channels); no NIO.
        .target(name: "VertoEndpoint", dependencies: ["Verto", "SwitchCore"], swiftSettings: swiftSettings),

        // MARK: Adapters (the only targets that own sockets)
        .target(
            name: "Transport",
            dependencies: [
                "SIPMessage", "EventSocket", "CEpoll",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Composition root
        .target(
            name: "Server",
            dependencies: [
                "SIPMessage", "SIPStack", "SwitchCore", "Directory", "SIPEndpoint", "Transport", "DTLS", "SRTP", "DTLSSRTP", "Dialplan", "Applications", "Phrases",
                "RTP", "Media", "SDP", "EventSocket", "LuaScripting", "Verto", "VertoEndpoint", "ICE", "STUN",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "Server", "Directory", "SwitchCore", "SIPStack", "Dialplan", "LuaScripting", "Applications", "Phrases",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks (run by `make bench`)
        .executableTarget(name: "ParseBench", dependencies: ["SIPMessage"], path: "Benchmarks/ParseBench", swiftSettings: swiftSettings),
        // Per-packet SRTP and Opus cost: the raw C libraries against the SRTP and Media wrappers (issue 5).
        .executableTarget(
            name: "MediaCostBench", dependencies: ["SRTP", "Media", "CSRTP", "COpus"], path: "Benchmarks/MediaCostBench",
            swiftSettings: swiftSettings),
        // N concurrent browser-like WebRTC calls against Switchboard (SIP over WebSocket) or Janus's EchoTest (issue 5).
        .executableTarget(
            name: "WebRTCLoad",
            dependencies: ["SDP", "STUN", "ICE", "DTLS", "SRTP", "DTLSSRTP", "SIPStack", "Media", "CEpoll"],
            path: "Benchmarks/WebRTCLoad", swiftSettings: swiftSettings),

        // MARK: Tests
        .testTarget(name: "SIPMessageTests", dependencies: ["SIPMessage"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "SIPStackTests", dependencies: ["SIPStack", "SIPMessage"], swiftSettings: swiftSettings),
        .testTarget(name: "MediaTests", dependencies: ["Media"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(
            name: "SDPTests", dependencies: ["SDP"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "RTPTests", dependencies: ["RTP"], swiftSettings: swiftSettings),
        .testTarget(name: "STUNTests", dependencies: ["STUN"], swiftSettings: swiftSettings),
        .testTarget(name: "ICETests", dependencies: ["ICE", "STUN"], swiftSettings: swiftSettings),
        .testTarget(name: "PhrasesTests", dependencies: ["Phrases"], swiftSettings: swiftSettings),
        .testTarget(name: "DialplanTests", dependencies: ["Dialplan"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "SwitchCoreTests", dependencies: ["SwitchCore"], swiftSettings: swiftSettings),
        .testTarget(name: "SRTPTests", dependencies: ["SRTP"], swiftSettings: swiftSettings),
        .testTarget(name: "DTLSTests", dependencies: ["DTLS"], swiftSettings: swiftSettings),
        .testTarget(name: "DTLSSRTPTests", dependencies: ["DTLSSRTP", "DTLS", "SRTP"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LuaScriptingTests", dependencies: ["LuaScripting", "SwitchCore", "Applications", "Phrases"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DirectoryTests", dependencies: ["Directory", "SwitchCore"], swiftSettings: swiftSettings),
        .testTarget(name: "SIPEndpointTests", dependencies: ["SIPEndpoint", "SIPStack", "SIPMessage", "SwitchCore", "Directory"], swiftSettings: swiftSettings),
        .testTarget(name: "TransportTests", dependencies: [
            "Transport", "SIPMessage",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
        ], swiftSettings: swiftSettings),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "ICE", "STUN", "DTLS", "DTLSSRTP", "SRTP", "SDP", "Media", "RTP", "Transport", "SIPStack",
                "Phrases",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "EventSocketTests", dependencies: ["EventSocket"], swiftSettings: swiftSettings),
        .testTarget(name: "VertoTests", dependencies: ["Verto"], swiftSettings: swiftSettings),
        .testTarget(
            name: "VertoEndpointTests", dependencies: ["VertoEndpoint", "Verto", "SwitchCore"], swiftSettings: swiftSettings),
        .testTarget(name: "ApplicationsTests", dependencies: ["Applications", "SwitchCore", "Phrases"], swiftSettings: swiftSettings),
    ]
)
