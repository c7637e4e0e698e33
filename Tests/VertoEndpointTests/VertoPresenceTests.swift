import SwitchCore
import Testing
import Verto
@testable import VertoEndpoint

struct VertoPresenceTests {
    private func callState(
        _ state: String, from original: String, uuid: String = "u-1", presence: String? = "1000@pbx.example",
        extra: [EventHeader] = []
    ) -> SwitchEvent {
        var headers = [
            EventHeader("Channel-State", "CS_EXECUTE"), EventHeader("Channel-Call-State", state),
            EventHeader("Unique-ID", uuid), EventHeader("Presence-Call-Direction", "inbound"),
            EventHeader("Original-Channel-Call-State", original), EventHeader("Caller-Username", "1000"),
            EventHeader("Caller-Caller-ID-Name", "Alice"), EventHeader("Caller-Caller-ID-Number", "1000"),
            EventHeader("Caller-Destination-Number", "9196"),
        ]
        if let presence { headers.append(EventHeader("Channel-Presence-ID", presence)) }
        return SwitchEvent(.channelCallState, headers: headers + extra)
    }

    @Test func aCallStateChangeIsPublishedOnTheUsersPresenceChannelWithModVertosKeys() throws {
        var presence = VertoPresence()
        let published = presence.publication(
            for: callState("ACTIVE", from: "RINGING", extra: [EventHeader("PD-Note", "busy")]))
        let publication = try #require(published)
        #expect(publication.eventChannel == "presence.1000@pbx.example")
        let data = try #require(publication.members["data"]?.objectValue)
        #expect(data["channelCallState"] == "ACTIVE")
        #expect(data["originalChannelCallState"] == "RINGING")
        #expect(data["channelState"] == "CS_EXECUTE")
        #expect(data["callerUserName"] == "1000")
        #expect(data["callerIDName"] == "Alice")
        #expect(data["calleeIDNumber"] == "9196")
        #expect(data["channelUUID"] == "u-1")
        #expect(data["presenceCallDirection"] == "inbound")
        #expect(data["channelPresenceID"] == "1000@pbx.example")
        #expect(data["PD-Note"] == "busy")
        #expect(publication.privateSessid == nil)
    }

    @Test func channelsWithoutAPresenceIDAndOtherEventsAreNotPublished() {
        var presence = VertoPresence()
        let anonymous = presence.publication(for: callState("ACTIVE", from: "DOWN", presence: nil))
        #expect(anonymous == nil)
        let answer = presence.publication(for: SwitchEvent(.channelAnswer, headers: [
            EventHeader("Channel-Presence-ID", "1000@pbx.example"), EventHeader("Unique-ID", "u-1"),
        ]))
        #expect(answer == nil)
        #expect(presence.liveChannelCount == 0)
    }

    @Test func aRefreshRepeatsTheLiveCallsPrivatelyAndForgetsHungUpOnes() throws {
        var presence = VertoPresence()
        _ = presence.publication(for: callState("RINGING", from: "DOWN", uuid: "a"))
        _ = presence.publication(for: callState("ACTIVE", from: "RINGING", uuid: "a"))
        _ = presence.publication(for: callState("ACTIVE", from: "DOWN", uuid: "b", presence: "1001@pbx.example"))
        let mine = presence.refresh("presence.1000@pbx.example", sessid: "s-1")
        #expect(mine.count == 1)
        #expect(mine.first?.privateSessid == "s-1")
        #expect(mine.first?.members["data"]?.objectValue?["channelCallState"] == "ACTIVE")
        #expect(presence.refresh("presence", sessid: "s-1").map(\.eventChannel)
            == ["presence.1000@pbx.example", "presence.1001@pbx.example"])
        #expect(presence.refresh("conference.x", sessid: "s-1").isEmpty)
        let ended = presence.publication(for: callState("HANGUP", from: "ACTIVE", uuid: "a"))
        #expect(ended?.members["data"]?.objectValue?["channelCallState"] == "HANGUP")
        #expect(presence.refresh("presence.1000@pbx.example", sessid: "s-1").isEmpty)
        #expect(presence.liveChannelCount == 1)
    }

    @Test func aPrivatePublicationReachesOnlyTheRequestingConnection() throws {
        var host = VertoTestHost()
        let watcher = host.open(1)
        let other = host.open(2)
        _ = host.login(watcher, user: "1001", sessid: "s-w")
        _ = host.login(other, user: "1002", sessid: "s-o")
        _ = host.call("verto.subscribe", id: 5, params: ["eventChannel": "presence"], on: other)
        var presence = VertoPresence()
        _ = presence.publication(for: callState("ACTIVE", from: "DOWN"))
        var delivered: [VertoConnectionID] = []
        for publication in presence.refresh("presence", sessid: "s-w") {
            for case .send(let id, _) in host.hub.publish(publication) { delivered.append(id) }
        }
        #expect(delivered == [watcher])
    }
}
