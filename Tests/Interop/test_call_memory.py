"""Ended calls give their memory back: a leg's objects must not outlive the call.

Regression for a reference cycle (the session held its SIP leg, whose hangup and hold handlers held the session):
every call leaked its session, SIP leg and media leg, about 20 KB, found as RSS that grew without bound in the CPS
benchmark. Here sipp places rounds of short calls (answer, then the caller's BYE); after a warm-up round the
process's resident memory must stay flat from one round to the next.
"""
from pathlib import Path

from conftest import ROOT, sipp

PLAN = """<include>
  <context name="public">
    <extension name="answer_and_wait">
      <condition field="destination_number" expression="^9000$">
        <action application="answer"/>
        <action application="sleep" data="60000"/>
      </condition>
    </extension>
  </context>
</include>
"""
CALLS_PER_ROUND = 1500


def rss_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def call_round(srv):
    rc, out = sipp(srv, str(ROOT / "Benchmarks" / "sipp" / "call_uac.xml"), service="9000", calls=CALLS_PER_ROUND,
                   rate=150, timeout=60, extra=["-l", "200"])
    assert rc == 0, out


def test_ended_calls_do_not_keep_memory(server_with_plan):
    srv = server_with_plan(PLAN)
    pid = srv.proc.pid
    call_round(srv)  # warm-up: pools, caches and malloc arenas reach their working size
    call_round(srv)
    after_two = rss_kib(pid)
    call_round(srv)
    call_round(srv)
    growth = rss_kib(pid) - after_two
    # The leak cost about 20 KB per call: 3,000 calls would add about 60 MB. Allow a fraction of that for noise.
    assert growth < 12_000, f"RSS grew by {growth} KiB over {2 * CALLS_PER_ROUND} ended calls"
