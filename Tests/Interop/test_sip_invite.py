"""Incoming calls meet the XML dialplan (issue 3 groundwork): sipp calls a number with no route and gets
404 NO_ROUTE_DESTINATION; an offer with no common codec gets 488."""
from conftest import sipp


def test_unknown_number_gets_404_with_q850_reason(server):
    for mode in ("u1", "t1"):
        rc, out = sipp(server, "invite_no_route.xml", transport=mode, service="5555")
        assert rc == 0, out
    assert server.alive()


def test_offer_without_common_codec_gets_488(server):
    rc, out = sipp(server, "invite_no_codec.xml", service="1000")
    assert rc == 0, out
