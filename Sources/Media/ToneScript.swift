/// A parsed FreeSWITCH tone script (TGML, libteletone), as used by `tone_stream://`, `gentones` and
/// `silence_stream://`.
///
/// Syntax: settings and tones separated by `;`:
/// - `%(on_ms,off_ms,f1[,f2…])` — a tone: the frequencies summed for `on_ms`, then `off_ms` of silence.
///   No frequencies (or only 0) means silence for `on_ms + off_ms`.
/// - `f1[,f2…]` — a tone with the default durations (`d=`, `w=`).
/// - `L=N` — play the whole script N times (`-1` = forever). `l=N` — repeat each following tone N times.
/// - `v=dB` — level of each following frequency in dBm0 (−63…0, default −7); 0 dBm0 is a sine of peak
///   −3.17 dBFS (G.711: full scale is +3.17 dBm0).
/// - `d=ms` / `w=ms` — default on / off time (2000 / 500). `r=rate` is accepted and ignored (we generate at the
///   caller's rate).
public struct ToneScript: Sendable, Hashable {
    /// One `%(…)` element.
    public struct Tone: Sendable, Hashable {
        public var onMilliseconds: Int
        public var offMilliseconds: Int
        public var frequencies: [Double]
        /// Level of each frequency, dBm0.
        public var level: Double
        /// Times this tone is played in a row (`l=`).
        public var repeats: Int

        public init(onMilliseconds: Int, offMilliseconds: Int, frequencies: [Double], level: Double = -7, repeats: Int = 1) {
            self.onMilliseconds = onMilliseconds
            self.offMilliseconds = offMilliseconds
            self.frequencies = frequencies
            self.level = level
            self.repeats = repeats
        }
    }

    public var tones: [Tone]
    /// Times the whole script plays; `nil` = forever.
    public var loops: Int?

    public init(tones: [Tone], loops: Int? = 1) {
        self.tones = tones
        self.loops = loops
    }

    /// 1004 Hz at 0 dBm0, forever (the `milliwatt` test tone, FreeSWITCH extension 9193).
    public static let milliwatt = ToneScript(
        tones: [Tone(onMilliseconds: 1000, offMilliseconds: 0, frequencies: [1004], level: 0)], loops: nil)

    /// `milliseconds` of silence; `nil` = forever.
    public static func silence(milliseconds: Int?) -> ToneScript {
        guard let milliseconds else {
            return ToneScript(tones: [Tone(onMilliseconds: 0, offMilliseconds: 1000, frequencies: [])], loops: nil)
        }
        return ToneScript(tones: [Tone(onMilliseconds: 0, offMilliseconds: max(0, milliseconds), frequencies: [])])
    }

    /// Parses TGML, e.g. `L=2;v=-10;%(2000,4000,440,480)`.
    public init(parsing tgml: String) throws(ToneScriptError) {
        var tones: [Tone] = []
        var loops: Int? = 1
        var settings = (level: -7.0, repeats: 1, on: 2000, off: 500)
        for raw in tgml.split(separator: ";", omittingEmptySubsequences: true) {
            let token = raw.trimmingSpaces
            guard !token.isEmpty else { continue }
            if token.hasPrefix("%(") {
                guard token.hasSuffix(")") else { throw .invalidTone(String(token)) }
                let numbers = try Self.numbers(token.dropFirst(2).dropLast(), token: token)
                guard numbers.count >= 2, (0...Self.longest).contains(numbers[0]), (0...Self.longest).contains(numbers[1])
                else { throw .invalidTone(String(token)) }
                tones.append(Tone(onMilliseconds: Int(numbers[0]), offMilliseconds: Int(numbers[1]),
                                  frequencies: numbers.dropFirst(2).filter { $0 > 0 },
                                  level: settings.level, repeats: settings.repeats))
            } else if let equals = token.firstIndex(of: "="), token.distance(from: token.startIndex, to: equals) == 1 {
                let key = token[token.startIndex]
                guard let value = Double(token[token.index(after: equals)...].trimmingSpaces), abs(value) <= Self.longest
                else {
                    throw .invalidSetting(String(token))
                }
                switch key {
                case "L": loops = value < 0 ? nil : Int(value)
                case "l": settings.repeats = max(1, Int(value))
                case "v": settings.level = min(0, max(-63, value))
                case "d": settings.on = max(0, Int(value))
                case "w": settings.off = max(0, Int(value))
                case "r": break
                default: throw .invalidSetting(String(token))
                }
            } else {
                let frequencies = try Self.numbers(token[...], token: token)
                tones.append(Tone(onMilliseconds: settings.on, offMilliseconds: settings.off,
                                  frequencies: frequencies.filter { $0 > 0 },
                                  level: settings.level, repeats: settings.repeats))
            }
        }
        guard !tones.isEmpty else { throw .empty }
        self.init(tones: tones, loops: loops)
    }

    /// Parses a playback URL: `tone_stream://<TGML>` or `silence_stream://<ms>[,<cng_level>]` (`-1` = forever;
    /// the comfort-noise level is accepted and ignored).
    public init(url: String) throws(ToneScriptError) {
        if url.hasPrefix("tone_stream://") {
            try self.init(parsing: String(url.dropFirst("tone_stream://".count)))
        } else if url.hasPrefix("silence_stream://") {
            let argument = url.dropFirst("silence_stream://".count).split(separator: ",", maxSplits: 1).first ?? ""
            guard let milliseconds = Int(argument.trimmingSpaces), milliseconds <= Int(Self.longest) else {
                throw .invalidSetting(url)
            }
            self = .silence(milliseconds: milliseconds < 0 ? nil : milliseconds)
        } else {
            throw .unsupportedURL(url)
        }
    }

    /// Parses the `gentones` application argument: `<TGML>[|<loops>]`.
    public init(gentones argument: String) throws(ToneScriptError) {
        let parts = argument.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        try self.init(parsing: String(parts[0]))
        if parts.count == 2 {
            guard let count = Int(parts[1].trimmingSpaces), count <= Int(Self.longest) else {
                throw .invalidSetting(String(parts[1]))
            }
            loops = count < 0 ? nil : max(1, count)
        }
    }

    /// Largest accepted number of milliseconds or loops (one day), so that conversions to `Int` cannot trap.
    private static let longest = 86_400_000.0

    private static func numbers(_ list: Substring, token: Substring) throws(ToneScriptError) -> [Double] {
        var result: [Double] = []
        for field in list.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Double(field.trimmingSpaces), value.isFinite else { throw .invalidTone(String(token)) }
            result.append(value)
        }
        return result
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: SubSequence {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
