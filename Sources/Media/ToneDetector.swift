#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Detects a single-frequency tone (beep, dial tone component, 1004 Hz test tone) in a sample stream.
///
/// Works on fixed blocks (default 20 ms). A block contains the tone when the Goertzel energy at ``frequency``
/// carries at least ``minimumPurity`` of the block's total energy and the tone's RMS level is at least
/// ``minimumLevel`` (dBFS). ``isDetected`` changes only after `requiredBlocks` consecutive agreeing blocks.
public struct ToneDetector: Sendable {
    public let frequency: Double
    public let sampleRate: Int
    public let blockSize: Int
    public let minimumPurity: Double
    public let minimumLevel: Double
    public let requiredBlocks: Int

    /// Whether the tone is currently present.
    public private(set) var isDetected = false
    /// Whole blocks in which the tone was present, since creation.
    public private(set) var detectedBlocks = 0

    private var goertzel: Goertzel
    private var energy = 0.0
    private var agreeing = 0

    public init(
        frequency: Double, sampleRate: Int, blockMilliseconds: Int = 20,
        minimumPurity: Double = 0.7, minimumLevel: Double = -40, requiredBlocks: Int = 2
    ) {
        self.frequency = frequency
        self.sampleRate = sampleRate
        self.blockSize = max(1, sampleRate * blockMilliseconds / 1000)
        self.minimumPurity = minimumPurity
        self.minimumLevel = minimumLevel
        self.requiredBlocks = max(1, requiredBlocks)
        self.goertzel = Goertzel(frequency: frequency, sampleRate: sampleRate)
    }

    /// Consumes samples; returns ``isDetected`` afterwards.
    @discardableResult
    public mutating func process(_ samples: some Collection<Int16>) -> Bool {
        for sample in samples {
            goertzel.process(sample)
            energy += Double(sample) * Double(sample)
            if goertzel.count == blockSize { finishBlock() }
        }
        return isDetected
    }

    private mutating func finishBlock() {
        let n = Double(blockSize)
        let toneEnergy = 2 * goertzel.power / n
        let toneRMS = (toneEnergy / n).squareRoot() / 32768
        let level = toneRMS > 0 ? 20 * log10(toneRMS) : -200
        let present = energy > 0 && toneEnergy / energy >= minimumPurity && level >= minimumLevel
        if present { detectedBlocks += 1 }
        if present == isDetected {
            agreeing = 0
        } else {
            agreeing += 1
            if agreeing >= requiredBlocks {
                isDetected = present
                agreeing = 0
            }
        }
        goertzel.reset()
        energy = 0
    }
}
