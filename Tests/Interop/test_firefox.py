"""Firefox (Debian firefox-esr, headless, no automation driver: a throwaway profile whose user.js turns on fake
media and skips the permission prompt) calls the echo extension over Verto with web/verto.js from a small test
page, and hears its own fake-microphone tone back, measured with WebAudio on both sides of the call."""
from browsers import Firefox, PageServer, host_address
from test_calls import assert_no_channels


def test_firefox_calls_the_echo_over_verto(server_factory):
    # Firefox (nICEr) gathers no 127.0.0.1 candidate here, even with media.peerconnection.ice.loopback, and does not
    # pair its 192.0.2.2 host candidate with a loopback one: so SIP/media and Verto listen on this machine's own
    # address instead of 127.0.0.1 (the traffic still never leaves the machine). The event socket stays on 127.0.0.1.
    ip = host_address()
    server = server_factory()
    server.config.write_text(server.config.read_text().replace('listen_ip = "127.0.0.1"', f'listen_ip = "{ip}"')
                             .replace("[verto]\n", f'[verto]\nlisten_ip = "{ip}"\n'))
    server.start()
    with PageServer() as pages:
        url = pages.url(f"verto_echo.html?verto=ws://{ip}:{server.verto_port}/&user=1000&password=secret"
                        "&destination=9196&seconds=4")
        with Firefox(url) as firefox:
            local = pages.wait("local", timeout=60, alive=firefox.alive)
            offer = pages.wait("offer", timeout=20, alive=firefox.alive)
            echo = pages.wait("echo", timeout=60, alive=firefox.alive)
    log = server.log()
    assert "Firefox/" in offer["userAgent"] and "mozilla...THIS_IS_SDPARTA" in offer["sdp"], offer
    # Firefox's fake microphone is a tone (1 kHz by default); the page measured it on its own track first.
    assert local["peakHz"] is not None and local["rms"] > 0.01, local
    assert abs(local["peakHz"] - 1000) < 30, local
    assert echo["connectionState"] == "connected", (echo, log[-3000:])
    assert echo["stats"].get("packetsReceived", 0) > 100, echo
    assert echo["loud"] >= echo["readings"] // 2, echo
    assert echo["peakHz"] == local["peakHz"], (echo, local)
    assert "a=ice-lite" in echo["answer"] and "opus/48000/2" in echo["answer"], echo["answer"]
    assert "verto login" in log and "verto call routed" in log and "DTLS-SRTP connected" in log, log[-3000:]
    assert_no_channels(server)
