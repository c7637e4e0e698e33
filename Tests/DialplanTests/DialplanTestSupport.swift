import Dialplan
import Foundation

/// Wednesday 2025-03-12 10:30:15 local time (day 71 of the year).
let wednesdayMorning = DialplanTime(year: 2025, month: 3, mday: 12, wday: 4, hour: 10, minute: 30, second: 15, yday: 71)

/// Compiles one in-memory document.
func compile(_ xml: String) throws -> DialplanPlan {
    try DialplanLoader(reader: DialplanInMemoryReader(files: [:])).load(xml: xml)
}

/// Wraps extensions in `<include><context name="default">…`.
func compileExtensions(_ extensions: String) throws -> DialplanPlan {
    try compile("<include><context name=\"default\">\(extensions)</context></include>")
}

extension DialplanPlan {
    func hunt(
        _ destination: String, context: String = "default", callerIDNumber: String = "1000",
        variables: [String: String] = [:], now: DialplanTime = wednesdayMorning
    ) -> DialplanResult {
        let input = DialplanInput(
            destinationNumber: destination, callerIDNumber: callerIDNumber, callerIDName: "Alice",
            context: context, networkAddr: "192.0.2.10", variables: variables)
        return hunt(context: context, channel: input, now: now)
    }
}

extension DialplanResult {
    /// `application(data)` strings, the way `dialplan test` prints them.
    var calls: [String] { actions.map { "\($0.application)(\($0.data.text))" } }
}

/// Directory of a fixture folder in the test bundle.
func fixtureDirectory(_ name: String) throws -> String {
    guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        throw CocoaError(.fileNoSuchFile)
    }
    return root.appendingPathComponent(name).path
}
