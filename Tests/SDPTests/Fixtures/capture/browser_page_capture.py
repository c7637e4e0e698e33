"""Capture the audio offer that Tests/Interop/pages/verto_echo.html makes (getUserMedia + addTrack, createOffer,
gathering complete, bundlePolicy balanced) in headless Firefox (Debian firefox-esr, fake media, no driver) and in
Chromium (pip playwright + Debian chromium). Usage: python browser_page_capture.py OUTDIR WAV (Chromium's fake mic)."""
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "Interop"))
from browsers import Firefox, PageServer  # noqa: E402

out, wav = sys.argv[1], sys.argv[2]
with PageServer() as pages:
    url = pages.url("verto_echo.html?offerOnly=1")
    with Firefox(url) as firefox:
        offer = pages.wait("offer", timeout=60, alive=firefox.alive)
    with open(os.path.join(out, "firefox-offer.sdp"), "w", newline="") as f:
        f.write(offer["sdp"])
    print("wrote firefox-offer.sdp:", offer["userAgent"])

    from playwright.sync_api import sync_playwright
    args = ["--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}", "--autoplay-policy=no-user-gesture-required",
            "--allow-loopback-in-peer-connection"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=args)
        try:
            browser.new_page().goto(url)
            offer = pages.wait("offer", timeout=60)
        finally:
            browser.close()
    with open(os.path.join(out, "chromium-offer-verto-page.sdp"), "w", newline="") as f:
        f.write(offer["sdp"])
    print("wrote chromium-offer-verto-page.sdp:", offer["userAgent"])
