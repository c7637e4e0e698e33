import Testing
@testable import SwitchCore

@Suite struct ParkTests {
    @Test func waitWhileParkedReturnsOnTransferAndOnHangup() async {
        let fixture = SessionFixture()
        let session = await fixture.makeSession()
        await session.waitWhileParked()  // not parked: returns at once
        _ = await session.route()
        #expect(await session.park())
        let waiting = Task { await session.waitWhileParked() }
        #expect(await session.transfer(to: "1000"))
        await waiting.value
        #expect(await session.channelState == .routing)

        let other = await fixture.makeSession(uuid: "leg-b")
        _ = await other.route()
        #expect(await other.park())
        let parked = Task { await other.waitWhileParked() }
        await other.hangup(.normalClearing)
        await parked.value
        #expect(await other.isHungUp)
    }
}
