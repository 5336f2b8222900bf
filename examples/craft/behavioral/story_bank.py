"""A story bank as data, and the checks you would otherwise do by eye.

Seven question families come up in an SDE-II behavioral round. Each story in
the bank says which families it can answer. The checks list the families with
no story, the families with only one (an interviewer who asks "another
example?" finds the gap), and the red flags a draft shows before anyone hears
it: a result without a number, "we" where the interviewer needs "I", and a
lesson that is missing or names no change. The stories are invented; the page
tells the same stories with the same numbers, and a test holds them together.
"""

from __future__ import annotations

# --8<-- [start:model]
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

Family = Literal[
    "ownership",
    "incident",
    "disagreement",
    "mistake",
    "ambiguity",
    "mentoring",
    "trade-off",
]
FAMILIES: tuple[Family, ...] = get_args(Family)


@dataclass(frozen=True)
class Story:
    title: str
    families: frozenset[Family]
    situation: str
    task: str
    action: str
    result: str
    learned: str  # may be empty in a draft: red_flags() reports it

    def __post_init__(self) -> None:
        if not isinstance(self.families, frozenset):
            kind = type(self.families).__name__
            raise TypeError(f"{self.title!r}: families must be a frozenset, not {kind}")
        unknown = sorted(self.families - set(FAMILIES))
        if unknown:
            raise ValueError(f"{self.title!r}: unknown families {unknown}")
        if not self.families:
            raise ValueError(f"{self.title!r}: a story answers at least one family")
        for part in ("title", "situation", "task", "action", "result"):
            if not getattr(self, part).strip():
                raise ValueError(f"{self.title!r}: {part} is empty")


# --8<-- [end:model]

# --8<-- [start:one_story]
CHECKOUT = Story(
    title="Checkout p99 after a deploy",
    families=frozenset({"incident", "ownership"}),
    situation="At 14:10 on a Friday, checkout p99 went from 180 ms to 2.4 s "
    "and 5xx responses from 0.1% to 3.8%, minutes after a deploy.",
    task="I was on call for the checkout service.",
    action="I declared an incident, told support what customers were seeing, "
    "and rolled back at 14:21 without waiting for a cause. Then I traced the "
    "slow requests to an N+1 query from an ORM change: 41 queries per order "
    "instead of 2. I wrote the post-mortem.",
    result="Mitigated in 11 minutes; about 1,900 checkouts failed. A test now "
    "fails CI when an order takes more than 5 queries, and it has caught 2 "
    "regressions since.",
    learned="Roll back first, debug second; I now open the deploy timeline "
    "before the dashboards.",
)
# --8<-- [end:one_story]

BANK = (
    CHECKOUT,
    Story(
        title="Double charges on retried payments",
        families=frozenset({"ownership", "ambiguity"}),
        situation="0.3% of payments, about 140 a week, were charged twice when "
        "the mobile app retried after a timeout. Product's ask: stop it.",
        task="I owned the fix, with no spec and two client teams involved.",
        action="I measured where the duplicates came from, wrote a one-page "
        "design for idempotency keys, got both client teams to agree on the "
        "header, and shipped it behind a flag: 5% of traffic for a week, then "
        "100%.",
        result="Duplicate charges fell from about 140 a week to 0 within 8 "
        "weeks; refund tickets fell from 230 a week to 90.",
        learned="I write down the number that defines done before the design.",
    ),
    Story(
        title="An outbox table instead of Kafka",
        families=frozenset({"disagreement", "trade-off"}),
        situation="A senior teammate wanted to add Kafka for order events. We "
        "sent 200 events a second, already ran RabbitMQ, and nobody on the "
        "team had run Kafka.",
        task="I thought a transactional outbox relayed to our RabbitMQ was "
        "enough, and it was on me to show it or be convinced.",
        action="I wrote both options in one doc: cost, failure modes, who "
        "operates it. His worry was growth, so I load-tested the outbox relay "
        "at 2,000 events a second and proposed a switch point: move to Kafka "
        "above 1,000 a second. He agreed; had the test failed, I'd have built "
        "Kafka with him.",
        result="The outbox shipped in 3 weeks instead of the 8 estimated for "
        "Kafka, with no lost events in 6 months and a p99 publish lag of "
        "400 ms.",
        learned="I put the number that would change a decision in the doc.",
    ),
    Story(
        title="The index that blocked order writes",
        families=frozenset({"mistake", "incident"}),
        situation="My migration added an index to our 40-million-row orders "
        "table with a plain CREATE INDEX, which blocks writes to the table "
        "until the build finishes.",
        task="I had written it, had one teammate review it, and merged it.",
        action="When insert latency alerts fired a minute in, I found my "
        "migration holding the lock, canceled it, said in the incident channel "
        "that it was mine, and ran it again that night with CREATE INDEX "
        "CONCURRENTLY.",
        result="Order writes were blocked for 6 minutes and about 4,000 "
        "checkouts failed. I added a CI check that rejects index builds on "
        "existing tables without CONCURRENTLY; it has blocked 3 since.",
        learned="I time every migration on a production-sized copy first.",
    ),
    Story(
        title="A 60-second cache on prices",
        families=frozenset({"trade-off", "disagreement"}),
        situation="Two weeks before a sale, product pages had a p99 of 420 ms, "
        "mostly waiting on the pricing service at 3,000 calls a second.",
        task="I had to get page p99 under 200 ms before the sale.",
        action="I proposed a 60-second cache: prices up to a minute stale. The "
        "pricing lead objected that showing one price and charging another is "
        "a real bug. I measured how often prices change, 0.2% of products an "
        "hour, and added invalidation on price-change events, with the TTL "
        "kept as a backstop.",
        result="Hit rate 96%: pricing calls fell from 3,000 to 120 a second and "
        "page p99 to 140 ms, with no stale-price tickets during the sale.",
        learned="I measure the cost of staleness before arguing about it.",
    ),
    Story(
        title="'Make search better'",
        families=frozenset({"ambiguity", "ownership"}),
        situation="My manager asked me to 'make search better' this quarter, "
        "and search had no metric.",
        task="I had one quarter and no spec.",
        action="I read 200 support tickets: 35% were misspelled searches that "
        "returned nothing. I measured the zero-result rate at 12%, got my "
        "manager and the product manager to agree on 5% as the target, and "
        "shipped fuzzy matching in two steps so each could be measured.",
        result="Zero-result rate 4.5%; search-to-purchase conversion from 8.0% "
        "to 8.2%.",
        learned="I get one number agreed before building anything.",
    ),
    Story(
        title="A new engineer's first on-call",
        families=frozenset({"mentoring"}),
        situation="A junior engineer joined our on-call rotation; his first two "
        "pages took over 50 minutes each to mitigate.",
        task="My lead asked me to get him ready to be on call alone.",
        action="I paired with him on 3 incidents and let him drive, stepping in "
        "once, and we wrote runbooks for the 5 noisiest alerts together.",
        result="Six weeks later he led an incident alone and mitigated it in 14 "
        "minutes; the team's median time to mitigate fell from 32 to 19 "
        "minutes.",
        learned="I let him make calls I would have made differently.",
    ),
)


# --8<-- [start:checks]
def coverage(stories: Iterable[Story]) -> dict[Family, list[str]]:
    """Every family, in order, with the titles of the stories that answer it."""
    by_family: dict[Family, list[str]] = {family: [] for family in FAMILIES}
    for story in stories:
        for family in story.families:
            by_family[family].append(story.title)
    return by_family


def missing(stories: Iterable[Story]) -> list[Family]:
    """Families with no story at all."""
    return [family for family, titles in coverage(stories).items() if not titles]


def thin(stories: Iterable[Story]) -> list[Family]:
    """Families with one story: the second question of that family finds a gap."""
    return [family for family, titles in coverage(stories).items() if len(titles) == 1]


I_WORDS = frozenset({"i", "me", "my", "mine", "myself"})
WE_WORDS = frozenset({"we", "us", "our", "ours", "ourselves"})
# Lessons that name no change in how you work.
NO_CHANGE = re.compile(
    r"\b(be more careful|communicate (?:more|better)|work harder|change nothing)\b",
    re.IGNORECASE,
)


def red_flags(story: Story) -> list[str]:
    """The flags a text check can find. Blame and rehearsal need a listener."""
    flags = []
    if not re.search(r"\d", story.result):
        flags.append("no number in the result")
    words = re.findall(r"[a-z]+", story.action.casefold())  # "I'd" -> "i", "d"
    mine = sum(word in I_WORDS for word in words)
    ours = sum(word in WE_WORDS for word in words)
    if ours > mine:
        flags.append(f"action says we/us/our {ours} times, I/me/my {mine}")
    if not story.learned.strip():
        flags.append("nothing learned")
    elif vague := NO_CHANGE.search(story.learned):
        flags.append(f"lesson names no change: {vague.group().casefold()!r}")
    return flags


# --8<-- [end:checks]

# --8<-- [start:demo]
if __name__ == "__main__":
    for story in BANK:
        print(f"{story.title}: {', '.join(sorted(story.families))}")
        #> Checkout p99 after a deploy: incident, ownership
        #> Double charges on retried payments: ambiguity, ownership
        #> An outbox table instead of Kafka: disagreement, trade-off
        #> The index that blocked order writes: incident, mistake
        #> A 60-second cache on prices: disagreement, trade-off
        #> 'Make search better': ambiguity, ownership
        #> A new engineer's first on-call: mentoring
    print("without the last story, no story for:", missing(BANK[:-1]))
    #> without the last story, no story for: ['mentoring']
    print("no story for:", missing(BANK), "| one story only:", thin(BANK))
    #> no story for: [] | one story only: ['mistake', 'mentoring']

    draft = Story(
        title="Fixed the slow checkout",
        families=frozenset({"incident"}),
        situation="Checkout got slow after a release.",
        task="We had to fix it.",
        action="We looked at our dashboards, we rolled back and we fixed it.",
        result="It was much faster after that.",
        learned="Be more careful with releases.",
    )
    for flag in red_flags(draft):
        print("flag:", flag)
        #> flag: no number in the result
        #> flag: action says we/us/our 4 times, I/me/my 0
        #> flag: lesson names no change: 'be more careful'
    print(red_flags(CHECKOUT))
    #> []
# --8<-- [end:demo]
