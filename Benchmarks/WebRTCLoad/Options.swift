/// Command-line options (`--name value`), with defaults for the two-namespace set-up of TESTING.md §5.
struct Options: Sendable {
    var target = "switchboard"
    var host = "10.77.0.1"
    var port: UInt16 = 5066
    var localIP = "10.77.0.2"
    var calls = 10
    var destination = "9196"
    var user = "1000"
    var password = "secret"
    var domain = "127.0.0.1"
    /// New calls per second.
    var rate = 25.0
    var settle = 3.0
    var window = 20.0
    /// `honour` (libwebrtc: Chrome, Edge, Safari) encodes to the answer's Opus `maxplaybackrate`; `ignore`
    /// (Firefox, bug 1043543) always sends full-band.
    var maxPlaybackRate = "honour"

    init(_ arguments: ArraySlice<String>) {
        var values: [String: String] = [:]
        var iterator = arguments.makeIterator()
        while let name = iterator.next() {
            guard name.hasPrefix("--"), let value = iterator.next() else { continue }
            values[String(name.dropFirst(2))] = value
        }
        target = values["target"] ?? target
        host = values["host"] ?? host
        port = values["port"].flatMap { UInt16($0) } ?? port
        localIP = values["local-ip"] ?? localIP
        calls = values["calls"].flatMap { Int($0) } ?? calls
        destination = values["destination"] ?? destination
        user = values["user"] ?? user
        password = values["password"] ?? password
        domain = values["domain"] ?? domain
        rate = values["rate"].flatMap { Double($0) } ?? rate
        settle = values["settle"].flatMap { Double($0) } ?? settle
        window = values["window"].flatMap { Double($0) } ?? window
        maxPlaybackRate = values["max-playback-rate"] ?? maxPlaybackRate
    }
}
