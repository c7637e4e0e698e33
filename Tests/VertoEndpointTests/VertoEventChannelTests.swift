import SwitchCore
import Testing
import Verto

@testable import VertoEndpoint

/// Event channels (compat §1.10).
@Suite struct VertoEventChannelTests {
    func twoClients() -> (VertoTestHost, VertoConnectionID, VertoConnectionID) {
        var host = VertoTestHost()
        let a = host.open(1)
        let b = host.open(2)
        _ = host.login(a, user: "1008", sessid: "sa")
        _ = host.login(b, user: "1009", sessid: "sb")
        return (host, a, b)
    }

    @Test func subscribeListsOutcomes() {
        var (host, a, _) = twoClients()
        let first = host.call("verto.subscribe", id: 40, params: ["eventChannel": ["presence.1000@pbx.example", "secret"]], on: a)
        #expect(frames(first, to: a).first?["result"] == [
            "subscribedChannels": ["presence.1000@pbx.example"], "unauthorizedChannels": ["secret"], "sessid": "sa",
        ])
        #expect(effects(first) == [.channelsSubscribed(["presence.1000@pbx.example"], connection: a)])
        let again = host.call("verto.subscribe", id: 41, params: ["eventChannel": "presence.1000@pbx.example"], on: a)
        #expect(frames(again, to: a).first?["result"] == ["alreadySubscribedChannels": ["presence.1000@pbx.example"], "sessid": "sa"])
        #expect(effects(again).isEmpty)
        let refused = host.call("verto.subscribe", id: 42, params: ["eventChannel": "secret"], on: a)
        #expect(frames(refused, to: a).first?["error"] == [
            "code": -32602, "message": "Permission Denied", "unauthorizedChannels": ["secret"],
        ])
    }

    @Test func unsubscribe() {
        var (host, a, _) = twoClients()
        _ = host.call("verto.subscribe", id: 40, params: ["eventChannel": "demo"], on: a)
        let out = host.call("verto.unsubscribe", id: 43, params: ["eventChannel": ["demo", "presence"]], on: a)
        #expect(frames(out, to: a).first?["result"] == ["unsubscribedChannels": ["demo"], "notSubscribedChannels": ["presence"], "sessid": "sa"])
        let none = host.call("verto.unsubscribe", id: 44, params: ["eventChannel": "demo"], on: a)
        #expect(frames(none, to: a).first?["error"]?["notSubscribedChannels"] == ["demo"])
    }

    @Test func publishReachesChannelAndPrefixSubscribersWithOwnSerno() {
        var (host, a, b) = twoClients()
        _ = host.call("verto.subscribe", id: 40, params: ["eventChannel": "presence"], on: a)
        _ = host.call("verto.subscribe", id: 40, params: ["eventChannel": "presence.1000@pbx.example"], on: b)
        let first = host.hub.publish(VertoPublication(eventChannel: "presence.1000@pbx.example", data: ["channelCallState": "RINGING"]))
        #expect(frames(first, to: a).first?["params"] == [
            "eventChannel": "presence.1000@pbx.example", "data": ["channelCallState": "RINGING"],
            "eventSerno": 1, "subscribedChannel": "presence",
        ])
        #expect(frames(first, to: b).first?["params"]?["subscribedChannel"] == "presence.1000@pbx.example")
        #expect(methods(first, to: a) == ["verto.event"])
        let second = host.hub.publish(VertoPublication(eventChannel: "presence.1001@pbx.example", data: [:]))
        #expect(frames(second, to: a).first?["params"]?["eventSerno"] == 2)
        #expect(frames(second, to: b).isEmpty)
    }

    @Test func closedConnectionsLeaveTheIndexes() {
        var (host, a, b) = twoClients()
        _ = host.call("verto.subscribe", id: 40, params: ["eventChannel": ["presence", "demo"]], on: a)
        _ = host.call("verto.subscribe", id: 40, params: ["eventChannel": "presence"], on: b)
        _ = host.hub.connectionClosed(a, now: host.now)
        #expect(host.hub.subscribers == ["presence": [b]])
        #expect(host.hub.connection(forSessid: "sa") == nil)
        #expect(host.hub.sessidOwners == ["sb": b])
        let event = host.hub.publish(VertoPublication(eventChannel: "presence.x", data: [:]))
        #expect(effects(event).isEmpty)
        #expect(frames(event, to: b).count == 1)
    }

    @Test func privatePublicationsReachOnlyTheirConnection() {
        var (host, a, b) = twoClients()
        var la = VertoLiveArray(channel: "conference-liveArray.3500@pbx.example", name: "3500")
        _ = la.put("m1", ["0001"])
        _ = host.call("verto.subscribe", id: 40, params: ["eventChannel": "demo"], on: b)
        let boot = host.hub.publish(la.bootObj(for: "sa"))
        #expect(frames(boot, to: a).first?["params"]?["data"]?["action"] == "bootObj")
        #expect(frames(boot, to: b).isEmpty)
        let bySessidChannel = host.hub.publish(VertoPublication(eventChannel: "sb", data: ["eventType": "channelPvtData"]))
        #expect(frames(bySessidChannel, to: b).count == 1)
        #expect(frames(bySessidChannel, to: a).isEmpty)
        _ = host.invite("call-a", on: a)
        let byCall = host.hub.publish(VertoPublication(eventChannel: "call-a", data: [:]))
        #expect(frames(byCall, to: a).count == 1)
        #expect(frames(byCall, to: b).isEmpty)
    }

    @Test func broadcastRelaysAndReportsToHost() {
        var (host, a, b) = twoClients()
        _ = host.call("verto.subscribe", id: 40, params: ["eventChannel": "demo"], on: b)
        let actions = host.call("verto.broadcast", id: 45, params: [
            "eventChannel": "demo.room", "data": ["action": "send", "message": "hi"], "sessid": "sa",
        ], on: a)
        #expect(frames(actions, to: a).first?["result"] == ["sessid": "sa"])
        let event = frames(actions, to: b).first?["params"]
        #expect(event?["userid"] == "1008@pbx.example")
        #expect(event?["sessid"] == "sa")
        #expect(event?["eventChannel"] == "demo.room")
        #expect(event?["subscribedChannel"] == "demo")
        guard case .broadcastReceived(let publication, let from) = effects(actions).first else { Issue.record("no report"); return }
        #expect(publication.members["data"]?["message"] == "hi")
        #expect(from.login == "1008@pbx.example")
    }

    @Test func broadcastFailuresAreResults() {
        var (host, a, _) = twoClients()
        let missing = host.call("verto.broadcast", id: 46, params: ["data": [:]], on: a)
        #expect(frames(missing, to: a).first?["result"] == ["code": -32002, "message": "eventChannel not specified.", "sessid": "sa"])
        let denied = host.call("verto.broadcast", id: 47, params: ["eventChannel": "secret", "data": [:]], on: a)
        #expect(frames(denied, to: a).first?["result"] == ["code": -32002, "message": "Permission Denied.", "sessid": "sa"])
    }

    @Test func grantsAndHook() {
        var (host, a, _) = twoClients()
        host.hub.grantEventChannels(["conference-liveArray.3500@pbx.example"], to: a)
        let ok = host.call("verto.subscribe", id: 48, params: ["eventChannel": "conference-liveArray.3500@pbx.example"], on: a)
        #expect(frames(ok, to: a).first?["result"]?["subscribedChannels"] == ["conference-liveArray.3500@pbx.example"])
        host.hub.revokeEventChannels(["conference-liveArray.3500@pbx.example"], from: a)
        #expect(host.hub.connection(a)?.subscriptions.isEmpty == true)
        // Own sessid is always allowed.
        let own = host.call("verto.subscribe", id: 49, params: ["eventChannel": "sa"], on: a)
        #expect(frames(own, to: a).first?["result"]?["subscribedChannels"] == ["sa"])

        var configuration = VertoConfiguration()
        configuration.authorizeEventChannel = { identity, channel in channel.hasPrefix(identity.user) }
        var hooked = VertoTestHost(configuration: configuration)
        let c = hooked.open(1)
        _ = hooked.login(c)
        let out = hooked.call("verto.subscribe", id: 50, params: ["eventChannel": ["1008.x", "presence"]], on: c)
        #expect(frames(out, to: c).first?["result"] == ["subscribedChannels": ["1008.x"], "unauthorizedChannels": ["presence"], "sessid": "sess-1"])
    }
}
