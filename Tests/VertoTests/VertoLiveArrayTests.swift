import Testing

@testable import Verto

@Suite struct VertoLiveArrayTests {
    let channel = "conference-liveArray.3500@pbx.example"

    func data(_ p: VertoPublication) -> JSONValue { p.members["data"] ?? nil }

    @Test func addModifyDelClearSequence() {
        var la = VertoLiveArray(channel: channel, name: "3500")
        let row: JSONValue = ["0007", "1008", "Alice", "opus@48000", "ACTIVE", [:], nil]
        let add = la.put("uuid-a", row)
        #expect(add.eventChannel == channel)
        #expect(data(add) == ["action": "add", "name": "3500", "wireSerno": 1, "hashKey": "uuid-a", "arrIndex": 0, "data": row])
        let addB = la.put("uuid-b", ["0008"])
        #expect(data(addB)["arrIndex"] == 1)
        #expect(data(addB)["wireSerno"] == 2)
        let talking: JSONValue = ["0007", "1008", "Alice", "opus@48000", "TALKING", [:], nil]
        let modify = la.put("uuid-a", talking)
        #expect(data(modify) == ["action": "modify", "name": "3500", "wireSerno": 3, "hashKey": "uuid-a", "data": talking])
        let del = la.remove("uuid-b")
        #expect(del.map(data) == ["action": "del", "name": "3500", "wireSerno": 4, "hashKey": "uuid-b", "data": ["0008"]])
        #expect(la.remove("nobody") == nil)
        #expect(la.wireSerno == 4)
        #expect(la.rows.map(\.key) == ["uuid-a"])
        let clear = la.clear()
        #expect(data(clear) == ["action": "clear", "name": "3500", "wireSerno": -1, "data": [:]])
        #expect(la.rows.isEmpty)
        #expect(data(la.put("uuid-c", ["x"]))["wireSerno"] == 5)
    }

    @Test func bootObjIsPrivateSnapshotInOrder() {
        var la = VertoLiveArray(channel: channel, name: "3500")
        _ = la.put("b", ["1"])
        _ = la.put("a", ["2"])
        let boot = la.bootObj(for: "sess-1")
        #expect(boot.privateSessid == "sess-1")
        #expect(boot.json == [
            "eventChannel": .string(channel), "sessid": "sess-1",
            "data": ["action": "bootObj", "name": "3500", "wireSerno": -1, "data": [["b", ["1"]], ["a", ["2"]]]],
        ])
    }

    @Test func contentVisibilityIsCopiedToTopLevel() {
        var la = VertoLiveArray(channel: channel, name: "3500")
        let p = la.put("k", ["contentVisibility": "private", "v": 1])
        #expect(p.members["contentVisibility"] == "private")
    }

    @Test func bootstrapCommandFromBroadcast() {
        let data: JSONValue = ["liveArray": ["command": "bootstrap", "context": .string(channel), "name": "3500", "obj": [:]]]
        let command = LiveArrayCommand(broadcastData: data)
        #expect(command?.command == "bootstrap")
        #expect(command?.context == channel)
        #expect(command?.name == "3500")
        #expect(LiveArrayCommand(broadcastData: ["action": "send"]) == nil)
    }

    @Test func channelDeliveryTargets() {
        #expect(EventChannelName.deliveryTargets(of: "presence.1000@d") == ["presence.1000@d", "presence"])
        #expect(EventChannelName.deliveryTargets(of: "presence") == ["presence"])
        #expect(EventChannelName.deliveryTargets(of: ".x") == [".x"])
        #expect(EventChannelName.prefix(of: "conference-mod.3500@d") == "conference-mod")
    }
}

@Suite struct ChannelPvtDataTests {
    @Test func moderatorJoinNotification() {
        let pvt = ChannelPvtData(
            callID: "uuid-1", action: .join, conferenceName: "3500", domain: "pbx.example", moderator: true, memberID: 7)
        #expect(pvt.channels == [
            "conference-liveArray.3500@pbx.example", "conference-chat.3500@pbx.example",
            "conference-info.3500@pbx.example", "conference-mod.3500@pbx.example",
        ])
        #expect(pvt.publication(toSessid: "sess-1").json == [
            "eventChannel": "sess-1", "eventType": "channelPvtData",
            "pvtData": [
                "callID": "uuid-1", "action": "conference-liveArray-join",
                "laChannel": "conference-liveArray.3500@pbx.example", "laName": "3500", "role": "moderator",
                "chatID": "conf+3500@pbx.example", "conferenceMemberID": "7", "canvasCount": 1,
                "modChannel": "conference-mod.3500@pbx.example", "chatChannel": "conference-chat.3500@pbx.example",
                "infoChannel": "conference-info.3500@pbx.example",
            ],
        ])
    }

    @Test func participantWithQualifiedNameHasNoModChannel() {
        let pvt = ChannelPvtData(
            callID: "u", action: .part, conferenceName: "room@other", domain: "pbx.example", moderator: false,
            memberID: 12)
        #expect(pvt.laChannel == "conference-liveArray.room@other")
        #expect(pvt.laName == "room")
        #expect(pvt.modChannel == nil)
        #expect(pvt.publication(toSessid: "s").members["pvtData"]?["role"] == "participant")
        #expect(pvt.publication(toSessid: "s").members["pvtData"]?["action"] == "conference-liveArray-part")
    }
}
