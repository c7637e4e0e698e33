import Foundation
import Testing
@testable import SwitchCore

struct SessionRegistryTests {
    static let listing = ChannelListing(hostname: "pbx1", timeZone: TimeZone(identifier: "UTC")!)

    @Test func showChannelsEmpty() async {
        let fixture = SessionFixture()
        #expect(await fixture.registry.show("channels", listing: Self.listing) == "\n0 total.\n")
        #expect(await fixture.registry.show("channels as json", listing: Self.listing) == "{\"row_count\":0}")
    }

    @Test func showChannelsCSV() async throws {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        await session.route()
        await session.setVariable("read_codec", "PCMU", origin: .system)
        await session.setVariable("read_rate", "8000", origin: .system)
        let text = await fixture.registry.show("channels", listing: Self.listing)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == ChannelListing.channelColumns.joined(separator: ","))
        #expect(lines[0].hasPrefix("uuid,direction,created,created_epoch,name,state,cid_name,cid_num,ip_addr,dest,"))
        let row = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(row.count == ChannelListing.channelColumns.count)
        let columns = Dictionary(uniqueKeysWithValues: zip(ChannelListing.channelColumns, row))
        #expect(columns["uuid"] == "leg-a")
        #expect(columns["direction"] == "inbound")
        #expect(columns["created"] == "2023-11-14 22:13:20")
        #expect(columns["created_epoch"] == "1700000000")
        #expect(columns["name"] == "sofia/internal/1000@example.com")
        #expect(columns["state"] == "CS_ROUTING")
        #expect(columns["cid_name"] == "Alice")
        #expect(columns["dest"] == "9196")
        #expect(columns["read_codec"] == "PCMU")
        #expect(columns["read_rate"] == "8000")
        #expect(columns["hostname"] == "pbx1")
        #expect(columns["callstate"] == "DOWN")
        #expect(columns["initial_dest"] == "9196")
        #expect(lines[2] == "")
        #expect(lines[3] == "1 total.")
        #expect(await fixture.registry.show("channels count", listing: Self.listing) == "\n1 total.\n")
    }

    @Test func showChannelsJSON() async throws {
        let fixture = SessionFixture()
        _ = await fixture.makeSession(callerIDName: "Al \"quoted\"")
        let text = await fixture.registry.show("channels as json", listing: Self.listing)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["row_count"] as? Int == 1)
        let rows = try #require(object["rows"] as? [[String: String]])
        #expect(rows.first?["cid_name"] == "Al \"quoted\"")
        #expect(rows.first?["state"] == "CS_INIT")
    }

    @Test func showCallsPairsBridgedLegs() async throws {
        let fixture = SessionFixture()
        let aLeg = await fixture.makeSession(uuid: "a-leg")
        fixture.clock.advance(by: 1)
        let bLeg = await fixture.makeSession(uuid: "b-leg", direction: .outbound, callerIDNumber: "1001")
        fixture.clock.advance(by: 1)
        _ = await fixture.makeSession(uuid: "lone", callerIDNumber: "1002")
        for leg in [aLeg, bLeg] {
            await leg.route()
            await leg.park()
        }
        await aLeg.bridged(to: "b-leg")
        await bLeg.bridged(to: "a-leg")

        let text = await fixture.registry.show("calls", listing: Self.listing)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == ChannelListing.callColumns.joined(separator: ","))
        #expect(lines.suffix(3) == ["", "2 total.", ""])
        let rows = lines[1...2].map { line in
            Dictionary(uniqueKeysWithValues: zip(
                ChannelListing.callColumns, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
        #expect(rows[0]["uuid"] == "a-leg")
        #expect(rows[0]["b_uuid"] == "b-leg")
        #expect(rows[0]["b_cid_num"] == "1001")
        #expect(rows[0]["b_state"] == "CS_EXCHANGE_MEDIA")
        #expect(rows[0]["call_uuid"] == "a-leg")
        #expect(rows[0]["call_created_epoch"] == "1700000000")
        #expect(rows[1]["uuid"] == "lone")
        #expect(rows[1]["b_uuid"] == "")
        #expect(await fixture.registry.show("calls count", listing: Self.listing) == "\n2 total.\n")
        #expect(await fixture.registry.show("channels count", listing: Self.listing) == "\n3 total.\n")
    }

    @Test func uuidKill() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        #expect(await fixture.registry.kill("nope") == "-ERR No such channel!\n")
        #expect(await fixture.registry.kill("") == "-ERR No such channel!\n")
        #expect(await fixture.registry.kill("leg-a USER_BUSY") == "+OK\n")
        #expect(await session.cause == .userBusy)
        #expect(await fixture.registry.count == 0)
        #expect(await fixture.registry.kill("leg-a") == "-ERR No such channel!\n")
    }

    @Test func uuidKillDefaultsToManagerRequest() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        _ = await fixture.registry.kill("leg-a")
        #expect(await session.cause == .managerRequest)
        #expect(fixture.driver.signals == [.hangup(.managerRequest)])
    }

    @Test func commandsThroughTheAPIRegistry() async {
        let fixture = SessionFixture()
        var commands = APICommandRegistry()
        fixture.registry.installCommands(
            into: &commands, listing: Self.listing, clock: fixture.clock, productName: "Switchboard",
            version: "0.1.0")
        let first = await fixture.makeSession(uuid: "one")
        _ = await fixture.makeSession(uuid: "two")
        #expect(commands.names == ["hupall", "show", "status", "uuid_kill"])
        #expect(await commands.execute("show channels count") == "\n2 total.\n")
        #expect(await commands.execute("  uuid_kill   one  ") == "+OK\n")
        #expect(await first.cause == .managerRequest)
        #expect(await commands.execute("hupall NORMAL_CLEARING")
            == "+OK hangup all channels with cause NORMAL_CLEARING\n")
        #expect(await fixture.registry.count == 0)
        #expect(await commands.execute("reloadacl") == "-ERR reloadacl Command not found!\n")
    }

    @Test func statusReport() async {
        let fixture = SessionFixture()
        for index in 0..<3 {
            _ = await fixture.makeSession(uuid: "s\(index)")
        }
        _ = await fixture.registry.kill("s0")
        fixture.clock.advance(by: 3_723.004_005)
        let report = await fixture.registry.status(at: fixture.clock.now(), productName: "Switchboard", version: "0.1.0")
        #expect(report.text == """
            UP 0 years, 0 days, 1 hour, 2 minutes, 3 seconds, 4 milliseconds, 5 microseconds
            Switchboard (Version 0.1.0) is ready
            3 session(s) since startup
            2 session(s) - peak 3, last 5min 2 \("")
            0 session(s) per Sec out of max 30, peak 3, last 5min 0 \("")
            1000 session(s) max

            """)
    }

    @Test func statusWithinFiveMinutes() async {
        let fixture = SessionFixture()
        for index in 0..<3 {
            _ = await fixture.makeSession(uuid: "s\(index)")
        }
        _ = await fixture.registry.kill("s0")
        fixture.clock.advance(by: 10)
        let text = await fixture.registry.status(at: fixture.clock.now(), productName: "P", version: "v").text
        #expect(text.contains("2 session(s) - peak 3, last 5min 3 \n"))
        #expect(text.contains("0 session(s) per Sec out of max 30, peak 3, last 5min 3 \n"))
    }

    @Test func perSecondCountsTheCurrentSecondAndThePeaksKeepFiveMinutes() {
        var statistics = SessionStatistics()
        let start = Date(timeIntervalSince1970: 2_000)
        for n in 1...50 { statistics.recordCreation(at: start.addingTimeInterval(Double(n) / 100), current: n) }
        #expect(statistics.perSecond(at: start.addingTimeInterval(0.9)) == 50)
        #expect(statistics.perSecond(at: start.addingTimeInterval(1.5)) == 0)
        #expect(statistics.peakPerSecond == 50)
        let later = start.addingTimeInterval(120)
        statistics.recordCreation(at: later, current: 3)
        #expect(statistics.peakLastFiveMinutes(at: later) == 50)
        #expect(statistics.peakPerSecondLastFiveMinutes(at: later) == 50)
        // 300 s later the busy second has left the window, even though its ring slot was never reused.
        let past = start.addingTimeInterval(301)
        #expect(statistics.peakLastFiveMinutes(at: past) == 3)
        #expect(statistics.peakPerSecondLastFiveMinutes(at: past) == 1)
        #expect(statistics.sessionsSinceStartup == 51)
    }

    @Test func fiveMinutePeakExpires() async {
        var statistics = SessionStatistics()
        let start = Date(timeIntervalSince1970: 1_000)
        statistics.recordCreation(at: start, current: 5)
        let later = start.addingTimeInterval(400)
        statistics.recordCreation(at: later, current: 1)
        #expect(statistics.peak == 5)
        #expect(statistics.peakLastFiveMinutes(at: later) == 1)
        #expect(statistics.perSecond(at: later) == 1)
        #expect(statistics.sessionsSinceStartup == 2)
    }

    @Test(arguments: [
        (Duration.seconds(0), "UP 0 years, 0 days, 0 hours, 0 minutes, 0 seconds, 0 milliseconds, 0 microseconds"),
        (Duration.seconds(366 * 86_400 + 1), "UP 1 year, 1 day, 0 hours, 0 minutes, 1 second, 0 milliseconds, 0 microseconds"),
        (Duration.microseconds(1_001), "UP 0 years, 0 days, 0 hours, 0 minutes, 0 seconds, 1 millisecond, 1 microsecond"),
    ])
    func uptimeLine(_ row: (Duration, String)) {
        #expect(StatusReport.uptimeLine(row.0) == row.1)
    }

    @Test func cpuLineWhenGiven() {
        let report = StatusReport(
            uptime: .zero, productName: "Switchboard", version: "1", sessionsSinceStartup: 0, currentSessions: 0,
            peakSessions: 0, peakSessionsLastFiveMinutes: 0, sessionsPerSecond: 0, peakSessionsPerSecond: 0,
            peakSessionsPerSecondLastFiveMinutes: 0, idleCPU: (0, 97.5))
        #expect(report.text.hasSuffix("1000 session(s) max\nmin idle cpu 0.00/97.50\n"))
    }
}
