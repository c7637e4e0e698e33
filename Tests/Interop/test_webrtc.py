"""A WebRTC caller end to end: aiortc (ICE, DTLS-SRTP, Opus — an independent implementation) behind a SIP user
agent over WebSocket, calling the echo and milliwatt extensions. The tone aiortc sends and what it receives are
checked by FFT (baresip.analyse)."""
import asyncio

import aioice.ice
import pytest
import websockets
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaPlayer, MediaRecorder

from baresip import analyse, tone_wav
from sipws import SIPWebSocketUA
from test_calls import RECORD_PLAN, make_phone

# aioice leaves loopback out of its host candidates (TESTING.md §4): offer 127.0.0.1 only, where the server listens.
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["127.0.0.1"]


async def webrtc_call(server, destination, source_wav, received_wav, seconds=4.0):
    """Registers 1000 over ws://, calls `destination` with aiortc's offer, records what comes back for `seconds`,
    hangs up. Returns (INVITE status, answer SDP, aiortc's connection state while the call was up)."""
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    player = MediaPlayer(str(source_wav))
    pc.addTrack(player.audio)
    recorder = MediaRecorder(str(received_wav))
    pc.on("track", lambda track: recorder.addTrack(track))
    try:
        async with websockets.connect(f"ws://127.0.0.1:{server.ws_port}", subprotocols=["sip"]) as ws:
            ua = SIPWebSocketUA(ws, "1000", "secret")
            assert await ua.register() == 200
            await pc.setLocalDescription(await pc.createOffer())  # gathers every candidate: no trickle
            status, answer = await ua.invite(destination, pc.localDescription.sdp)
            if status != 200:
                return status, answer, None
            await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
            await recorder.start()
            await asyncio.sleep(seconds)
            state = (pc.iceConnectionState, pc.connectionState)
            await recorder.stop()
            assert await ua.bye() == 200
            return status, answer, state
    finally:
        await pc.close()
        player.audio.stop()


def test_webrtc_echo_returns_the_callers_tone(server, tmp_path):
    source, received = tmp_path / "tone1k_48k.wav", tmp_path / "echo_rx.wav"
    tone_wav(source, 1000, seconds=10, rate=48000)
    status, answer, state = asyncio.run(webrtc_call(server, "9196", source, received))
    assert status == 200, answer
    assert "UDP/TLS/RTP/SAVPF" in answer and "a=ice-lite" in answer and "a=setup:active" in answer, answer
    assert "opus/48000/2" in answer and "a=fingerprint:sha-256" in answer, answer
    # The echo returns the caller's own Opus untouched: nothing narrows its band.
    assert "maxplaybackrate" not in answer, answer
    assert state == ("completed", "connected"), (state, server.log())
    rms, freq = analyse(received, skip=1.0)
    assert rms > -30 and abs(freq - 1000) < 20, (rms, freq, server.log())
    assert "DTLS-SRTP connected" in server.log()


def test_webrtc_milliwatt_plays_1004_hz_over_opus(server, tmp_path):
    source, received = tmp_path / "tone440_48k.wav", tmp_path / "milliwatt_rx.wav"
    tone_wav(source, 440, seconds=10, rate=48000)
    status, answer, state = asyncio.run(webrtc_call(server, "9197", source, received))
    assert status == 200, answer
    assert state == ("completed", "connected"), (state, server.log())
    rms, freq = analyse(received, skip=1.0)
    assert rms > -30 and abs(freq - 1004) < 20, (rms, freq, server.log())


def test_webrtc_offer_without_fingerprint_is_refused(server, tmp_path):
    """A WebRTC offer the DTLS engine could not authenticate (no a=fingerprint) gets 488, not a broken call."""
    async def attempt():
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        pc.addTransceiver("audio", direction="sendrecv")
        try:
            await pc.setLocalDescription(await pc.createOffer())
            sdp = "\r\n".join(line for line in pc.localDescription.sdp.split("\r\n")
                              if not line.startswith("a=fingerprint"))
            async with websockets.connect(f"ws://127.0.0.1:{server.ws_port}", subprotocols=["sip"]) as ws:
                ua = SIPWebSocketUA(ws, "1000", "secret")
                status, _ = await ua.invite("9196", sdp)
                return status
        finally:
            await pc.close()
    assert asyncio.run(attempt()) == 488


def test_webrtc_caller_bridged_to_a_g711_phone_is_transcoded(server, tmp_path):
    """aiortc (Opus 48 kHz, 1000 Hz) calls 1001, a registered baresip on PCMU (440 Hz): the relay decodes,
    resamples and encodes in both directions, and each side hears the other's tone. The answer asks the browser
    for narrowband Opus (RFC 7587 maxplaybackrate, FreeSWITCH's opus@8000h): the audio ends at G.711 anyway."""
    callee = make_phone(server, tmp_path, "1001", "hunter2", 440, extra=";answermode=auto;audio_codecs=PCMU")
    source, received = tmp_path / "tone1k_48k.wav", tmp_path / "bridge_rx.wav"
    tone_wav(source, 1000, seconds=10, rate=48000)
    try:
        callee.wait_registered()
        status, answer, state = asyncio.run(webrtc_call(server, "1001", source, received, seconds=5.0))
        assert status == 200, answer
        assert "maxplaybackrate=8000" in answer and "sprop-maxcapturerate=8000" in answer, answer
        assert state == ("completed", "connected"), (state, server.log())
        callee.wait_event("CALL_CLOSED")
    finally:
        callee.close()
    rms, freq = analyse(received, skip=2.0)
    assert rms > -30 and abs(freq - 440) < 20, f"WebRTC caller heard {freq:.0f} Hz at {rms:.1f} dBFS, expected 440"
    rms, freq = analyse(callee.received_audio(), skip=1.0)
    assert rms > -40 and abs(freq - 1000) < 20, f"phone heard {freq:.0f} Hz at {rms:.1f} dBFS, expected 1000"


def test_webrtc_peer_gone_without_bye_ends_the_call_on_consent_expiry(server, tmp_path):
    """The browser disappears (peer connection closed, no BYE): after 30 s without ICE checks (RFC 7675 consent)
    the server ends the call itself, with BYE and MEDIA_TIMEOUT."""
    source = tmp_path / "tone1k_48k.wav"
    tone_wav(source, 1000, seconds=10, rate=48000)

    async def call():
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        player = MediaPlayer(str(source))
        pc.addTrack(player.audio)
        async with websockets.connect(f"ws://127.0.0.1:{server.ws_port}", subprotocols=["sip"]) as ws:
            ua = SIPWebSocketUA(ws, "1000", "secret")
            await pc.setLocalDescription(await pc.createOffer())
            status, answer = await ua.invite("9196", pc.localDescription.sdp)
            assert status == 200, answer
            await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
            await asyncio.sleep(2)
            assert pc.connectionState == "connected"
            await pc.close()
            player.audio.stop()
            started = asyncio.get_running_loop().time()
            headers = await ua.wait_request("BYE", timeout=45)
            return headers, asyncio.get_running_loop().time() - started
    headers, waited = asyncio.run(call())
    assert 25 < waited < 40, waited
    assert any("MEDIA_TIMEOUT" in reason for reason in headers.get("reason", [])), headers
    assert "ICE consent expired" in server.log()


def test_webrtc_record_decodes_opus_to_an_8k_wav(server_with_plan, tmp_path):
    """`record` on a WebRTC leg: Opus through the jitter buffer, decoded and resampled to 8 kHz."""
    srv = server_with_plan(RECORD_PLAN)
    source = tmp_path / "tone700_48k.wav"
    tone_wav(source, 700, seconds=10, rate=48000)

    async def call():
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        player = MediaPlayer(str(source))
        pc.addTrack(player.audio)
        try:
            async with websockets.connect(f"ws://127.0.0.1:{srv.ws_port}", subprotocols=["sip"]) as ws:
                ua = SIPWebSocketUA(ws, "1000", "secret")
                await pc.setLocalDescription(await pc.createOffer())
                status, answer = await ua.invite("7400", pc.localDescription.sdp)
                assert status == 200, answer
                await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
                await ua.wait_request("BYE", timeout=10)  # the plan hangs up after the 3 s limit
        finally:
            await pc.close()
            player.audio.stop()
    asyncio.run(call())
    recording = srv.data_dir / "recordings" / "calls" / "rec-7400.wav"
    rms, freq = analyse(recording, skip=1.0)
    assert rms > -30 and abs(freq - 700) < 15, f"recording has {freq:.0f} Hz at {rms:.1f} dBFS, expected 700"


def test_a_sip_phone_calls_a_webrtc_client_registered_over_websocket(server, tmp_path):
    """baresip 1000 (PCMU, 440 Hz) calls 1001, registered over ws:// by aiortc (Opus, 1000 Hz): the switch offers
    the WebSocket contact WebRTC (ICE-lite, DTLS-SRTP, Opus asked to stay narrowband) and transcodes; each side
    hears the other."""
    caller = make_phone(server, tmp_path, "1000", "secret", 440, extra=";audio_codecs=PCMU")
    source, received = tmp_path / "tone1k_48k.wav", tmp_path / "callee_rx.wav"
    tone_wav(source, 1000, seconds=12, rate=48000)

    async def scenario():
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        player = MediaPlayer(str(source))
        pc.addTrack(player.audio)
        recorder = MediaRecorder(str(received))
        pc.on("track", lambda track: recorder.addTrack(track))

        async def make_answer(offer):
            await pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
            await pc.setLocalDescription(await pc.createAnswer())
            return pc.localDescription.sdp

        try:
            async with websockets.connect(f"ws://127.0.0.1:{server.ws_port}", subprotocols=["sip"]) as ws:
                ua = SIPWebSocketUA(ws, "1001", "hunter2")
                assert await ua.register() == 200
                await asyncio.to_thread(caller.wait_registered)
                await asyncio.to_thread(caller.command, "dial", f"sip:1001@127.0.0.1:{server.sip_port}")
                offer = await ua.answer_invite(make_answer)
                await recorder.start()
                await asyncio.sleep(5)
                state = (pc.iceConnectionState, pc.connectionState)
                await recorder.stop()
                await asyncio.to_thread(caller.command, "hangup")
                await ua.wait_request("BYE", 10)
                return offer, state
        finally:
            await pc.close()
            player.audio.stop()

    try:
        offer, state = asyncio.run(scenario())
        caller.wait_event("CALL_CLOSED")
    finally:
        caller.close()
    assert "UDP/TLS/RTP/SAVPF" in offer and "a=ice-lite" in offer and "a=setup:actpass" in offer, offer
    assert "opus/48000/2" in offer and "a=fingerprint:sha-256" in offer, offer
    # The caller is on G.711: the browser is asked for narrowband Opus (RFC 7587).
    assert "maxplaybackrate=8000;sprop-maxcapturerate=8000" in offer, offer
    assert state == ("completed", "connected"), (state, server.log()[-3000:])
    rms, freq = analyse(received, skip=1.5)
    assert rms > -30 and abs(freq - 440) < 20, f"the WebRTC callee heard {freq:.0f} Hz at {rms:.1f} dBFS"
    rms, freq = analyse(caller.received_audio(), skip=1.5)
    assert rms > -40 and abs(freq - 1000) < 20, f"the SIP caller heard {freq:.0f} Hz at {rms:.1f} dBFS"


def _tamper(sdp, prefix, mangle):
    """`sdp` with every `prefix` line passed through `mangle`."""
    return "\r\n".join(mangle(line) if line.startswith(prefix) else line for line in sdp.split("\r\n"))


async def _call_with(server, source, offer_filter=lambda sdp: sdp, answer_filter=lambda sdp: sdp, wait=45):
    """Calls 9196 with aiortc's offer passed through `offer_filter`, gives aiortc the answer through `answer_filter`,
    and waits for the server's BYE. Returns (BYE headers, seconds waited, aiortc's connection state)."""
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    player = MediaPlayer(str(source))
    pc.addTrack(player.audio)
    try:
        async with websockets.connect(f"ws://127.0.0.1:{server.ws_port}", subprotocols=["sip"]) as ws:
            ua = SIPWebSocketUA(ws, "1000", "secret")
            await pc.setLocalDescription(await pc.createOffer())
            status, answer = await ua.invite("9196", offer_filter(pc.localDescription.sdp))
            assert status == 200, answer
            await pc.setRemoteDescription(RTCSessionDescription(sdp=answer_filter(answer), type="answer"))
            started = asyncio.get_running_loop().time()
            headers = await ua.wait_request("BYE", timeout=wait)
            return headers, asyncio.get_running_loop().time() - started, pc.connectionState
    finally:
        await pc.close()
        player.audio.stop()


def test_webrtc_certificate_not_matching_the_offered_fingerprint_ends_the_call(server, tmp_path):
    """The caller's DTLS certificate does not match its SDP fingerprint (altered here): our DTLS client refuses the
    handshake, the call ends at once with BYE (INCOMPATIBLE_DESTINATION), and no session is left."""
    from test_calls import assert_no_channels
    source = tmp_path / "tone1k_48k.wav"
    tone_wav(source, 1000, seconds=10, rate=48000)

    def wrong_fingerprint(line):
        head, last = line.rsplit(":", 1)
        return f"{head}:{'00' if last.upper() != '00' else '11'}"
    headers, waited, _ = asyncio.run(_call_with(server, source, offer_filter=lambda sdp: _tamper(
        sdp, "a=fingerprint:", wrong_fingerprint)))
    assert waited < 10, waited
    assert any("INCOMPATIBLE_DESTINATION" in reason for reason in headers.get("reason", [])), headers
    assert "WebRTC media failed" in server.log()
    assert_no_channels(server)


def test_webrtc_wrong_ice_credentials_fail_the_call_cleanly(server, tmp_path):
    """aiortc is given a wrong ice-pwd for us: its checks fail our MESSAGE-INTEGRITY, no path is ever selected, and
    the server ends the call when consent runs out (30 s, RFC 7675) with BYE and MEDIA_TIMEOUT; no session is left."""
    from test_calls import assert_no_channels
    source = tmp_path / "tone1k_48k.wav"
    tone_wav(source, 1000, seconds=40, rate=48000)
    headers, waited, state = asyncio.run(_call_with(server, source, answer_filter=lambda sdp: _tamper(
        sdp, "a=ice-pwd:", lambda line: "a=ice-pwd:" + "x" * 24)))
    assert state != "connected", state
    assert 20 < waited < 40, waited
    assert any("MEDIA_TIMEOUT" in reason for reason in headers.get("reason", [])), headers
    assert "ICE consent expired" in server.log()
    assert_no_channels(server)
