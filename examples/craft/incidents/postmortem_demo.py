"""The numbers of the post-mortem, read from the simulated incident's own log.

Runs the storm scenario, writes its log as JSON lines, reads it back the way a
post-mortem author would, and prints the timeline, the durations, the impact
against a 99.9% SLO, the load the provider saw, and two what-ifs: jitter from
the start, and the retry budget the action items ask for.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from examples.craft.incidents.storm import INCIDENT, SLO, START, Run, Scenario, simulate
from examples.craft.incidents.timeline import (
    Kind,
    build_timeline,
    clock,
    duration,
    impact,
    read_log,
    render,
)

NORMAL_PER_MINUTE = INCIDENT.new_per_s * 60


def load(run: Run, start: datetime, end: datetime) -> float:
    """Mean provider calls a second between two minute marks, as x normal."""
    first, last = (int((at - START).total_seconds()) // 60 for at in (start, end))
    calls = sum(m.attempts for m in run.minutes[first:last])
    return calls / ((last - first) * NORMAL_PER_MINUTE)


def what_if(scenario: Scenario, minutes: int = 15) -> str:
    """The same trigger with nobody responding: load, end of failures, cost."""
    run = simulate(replace(scenario, run_minutes=minutes))
    end = START + timedelta(minutes=minutes)
    page = next(e.at for e in run.events if e.kind is Kind.PAGE)
    ends = [e.at for e in run.events if e.kind is Kind.FAILURES_END]
    ended = f"ended {clock(ends[-1])}" if ends else f"failing at {clock(end)}"
    lost = impact(run.minutes, slo=SLO, normal_per_minute=NORMAL_PER_MINUTE)
    return f"{load(run, page, end):.1f}x load, {ended}, {lost.failed:,} failed"


if __name__ == "__main__":
    # --8<-- [start:timeline]
    run = simulate(INCIDENT)
    log_lines = [event.to_json() for event in run.events]  # what was written
    timeline = build_timeline(read_log(log_lines))  # what the author reads
    print("\n".join(render(timeline)))
    """
    09:02:00 provider   trigger_start  connections reset (status page)
    09:02:00 sms-worker failures_begin OTPs failing
    09:02:30 provider   trigger_end    serving again (status page)
    09:03:00 alerting   page           OTP budget burn over 14.4x
    09:06:00 dana       ack            primary on-call acknowledges
    09:08:00 dana       declared       SEV-2; Dana is IC until Priya joins
    09:09:00 lee        note           status page: SMS login codes failing
    09:11:00 priya      note           takes IC from Dana; Dana to ops
    09:13:00 sam        mitigation     jitter on for SMS retries
    09:18:00 sam        note           provider is up; our retries swamp it
    09:21:00 sam        mitigation     kill switch: retries paused
    09:21:01 sms-worker failures_end   OTPs delivered
    09:27:00 alerting   alert_cleared  burn rate back under
    09:31:01 ic         resolved       10 quiet min, page clear
    """
    # --8<-- [end:timeline]

    # --8<-- [start:durations]
    print(f"time to detect      {duration(timeline.time_to_detect)}")
    #> time to detect      1 min 00 s
    print(f"time to acknowledge {duration(timeline.time_to_acknowledge)}")
    #> time to acknowledge 3 min 00 s
    print(f"time to mitigate    {duration(timeline.time_to_mitigate)}")
    #> time to mitigate    19 min 01 s
    print(f"time to resolve     {duration(timeline.time_to_resolve)}")
    #> time to resolve     29 min 01 s
    assert timeline.fix is not None
    print(f"what ended it       {timeline.fix.detail} ({clock(timeline.fix.at)})")
    #> what ended it       kill switch: retries paused (09:21:00)
    # --8<-- [end:durations]

    # --8<-- [start:impact]
    hit = impact(run.minutes, slo=SLO, normal_per_minute=NORMAL_PER_MINUTE)
    print(f"failed OTP deliveries  {hit.failed:,}")
    #> failed OTP deliveries  57,000
    print(f"monthly budget         {hit.budget_allowed:,.0f} failures at 99.9%")
    #> monthly budget         129,600 failures at 99.9%
    print(f"budget spent           {hit.budget_share:.0%}")
    #> budget spent           44%
    minutes = f"{hit.budget_minutes:.1f} of {hit.budget_minutes_allowed:.1f}"
    print(f"as full-outage minutes {minutes}")
    #> as full-outage minutes 19.0 of 43.2
    # --8<-- [end:impact]

    # --8<-- [start:load]
    jitter_on, paused = (e.at for e in timeline.events if e.kind is Kind.MITIGATION)
    capacity = INCIDENT.capacity_per_s / INCIDENT.new_per_s
    print(f"provider capacity      {capacity:.1f}x normal load")
    #> provider capacity      3.0x normal load
    print(f"page to jitter flag    {load(run, timeline.detected, jitter_on):.1f}x")
    #> page to jitter flag    5.0x
    print(f"jitter flag to pause   {load(run, jitter_on, paused):.1f}x")
    #> jitter flag to pause   6.8x
    print(f"busiest second         {hit.peak_attempts_per_s} calls")
    #> busiest second         370 calls
    # --8<-- [end:load]

    # --8<-- [start:what_if]
    print(what_if(replace(INCIDENT, jitter=True, steps=())))
    #> 6.8x load, failing at 09:15:00, 37,963 failed
    print(what_if(replace(INCIDENT, retry_budget=0.1, steps=())))
    #> 1.0x load, ended 09:02:30, 1,495 failed
    # --8<-- [end:what_if]
