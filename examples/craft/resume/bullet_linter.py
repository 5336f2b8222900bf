"""A linter for résumé bullets, and the before/after rewrites it checks.

A reviewer reads a bullet in a few seconds. Five things make it read as
"did tasks" rather than "owned outcomes", and a text check finds all five:
no number, a weak verb ("helped", "worked on"), "we" with no "I", a list of
tools with no measured result, and a bullet too long to read at a glance.
The rewrites below are invented, the numbers realistic; the linter's verdict
on each is what the page shows.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

# --8<-- [start:rules]
MAX_WORDS = 30  # about two lines on a one-column résumé; our threshold, not a standard

WEAK_PHRASES = (
    "helped",
    "worked on",
    "responsible for",
    "assisted",
    "involved in",
    "participated in",
    "contributed to",
    "exposure to",
    "familiar with",
)

# Matched case-sensitively, so "Go" the language is not "go" the verb.
LANGUAGES = ("Python", "Java", "Go", "Node.js", "TypeScript", "JavaScript")
FRAMEWORKS = ("Spring", "Django", "FastAPI", "Express", "gRPC", "GraphQL", "REST")
DATA = ("PostgreSQL", "MySQL", "MongoDB", "Redis", "Kafka", "RabbitMQ", "Elasticsearch")
INFRA = ("Docker", "Kubernetes", "AWS", "GCP", "Azure", "Terraform", "Jenkins", "SQS")
TOOLS = frozenset(LANGUAGES + FRAMEWORKS + DATA + INFRA)

# Names with digits in them that measure nothing: "p99", "N+1", "S3", "EC2".
NOT_A_NUMBER = re.compile(
    r"\bp\d+(?:\.\d+)?\b|\bN\+1\b|\b(?:S3|EC2|HTTP/[23]|OAuth ?2)\b"
)

# A measured result: a number with a unit, a percentage, a multiple, or a rate.
MEASURE = re.compile(
    r"\d[\d,.]*\s*(%|x\b|ms\b|s\b|seconds?\b|minutes?\b|hours?\b|days?\b|weeks?\b"
    r"|months?\b|[kmb]\b|million\b|billion\b|(?:requests|messages|events|orders)?"
    r"\s*(?:/s|/day|a second|a day|a week|per \w+))",
    re.IGNORECASE,
)


def words(bullet: str) -> list[str]:
    return re.findall(r"[\w.+'/-]+", bullet)


def flags(bullet: str) -> list[str]:
    """Every problem the text shows, in a fixed order; [] means it reads well."""
    if not bullet.strip():
        raise ValueError("empty bullet")
    found = []
    lowered = bullet.casefold()
    tokens = [token.strip(".") for token in words(bullet)]
    lowered_tokens = {token.casefold() for token in tokens}
    if not re.search(r"\d", NOT_A_NUMBER.sub("", bullet)):
        found.append("no number")
    first_seen = (re.search(rf"\b{phrase}\b", lowered) for phrase in WEAK_PHRASES)
    weak = sorted((m.start(), m.group()) for m in first_seen if m)
    if weak:
        found.append("weak verb " + ", ".join(f'"{phrase}"' for _, phrase in weak))
    if {"we", "our", "us"} & lowered_tokens and not {"i", "my", "me"} & lowered_tokens:
        found.append('"we" without "I"')
    tools = sorted({token for token in tokens if token in TOOLS})
    if len(tools) >= 3 and not MEASURE.search(bullet):
        found.append(f"{len(tools)} tools, no measured outcome")
    if len(tokens) > MAX_WORDS:
        found.append(f"too long: {len(tokens)} words (max {MAX_WORDS})")
    return found


# --8<-- [end:rules]


@dataclass(frozen=True)
class Rewrite:
    before: str
    after: str


# --8<-- [start:rewrites]
REWRITES = (
    Rewrite(
        "Worked on the payments service.",
        "Cut duplicate card charges from about 140 a week to 0 by adding "
        "idempotency keys to the payments API, agreed with 2 client teams.",
    ),
    Rewrite(
        "Helped improve API performance using caching.",
        "Brought product-page p99 from 420 ms to 140 ms at 3,000 requests/s "
        "with a Redis cache and event-driven invalidation.",
    ),
    Rewrite(
        "Built microservices with Java, Spring, Kafka, Redis, Docker and Kubernetes.",
        "Moved order events from a nightly batch to Kafka, so warehouses see "
        "a new order in under 2 s instead of up to 24 hours.",
    ),
    Rewrite(
        "We migrated our orders database from MySQL to PostgreSQL.",
        "Led the MySQL-to-PostgreSQL move of a 40-million-row orders table: "
        "dual writes, nightly row-count checks, cutover in 4 minutes of "
        "read-only time.",
    ),
    Rewrite(
        "Responsible for on-call and fixing production issues.",
        "Led 6 incidents as checkout on-call; wrote runbooks for the 5 noisiest "
        "alerts, cutting median time to mitigate from 32 to 19 minutes.",
    ),
    Rewrite(
        "Built a notification service with Node.js, TypeScript, RabbitMQ and "
        "MongoDB for 3 channels.",
        "Built the notification service for email, SMS and push on RabbitMQ: "
        "2 million messages/day, 99.9% delivered within a minute.",
    ),
    Rewrite(
        "Participated in code reviews and mentored junior engineers on best "
        "practices, and helped them get up to speed with the codebase, our "
        "internal tools, our deploy pipeline and the way our team runs the "
        "on-call rotation.",
        "Mentored 2 junior engineers to solo on-call in 6 weeks; one now owns "
        "the notification retry worker.",
    ),
    Rewrite(
        "Wrote unit and integration tests.",
        "Added a CI check that fails a pull request when an order takes more "
        "than 5 SQL queries; it caught 2 N+1 regressions in its first quarter.",
    ),
)
# --8<-- [end:rewrites]


def verdict(bullet: str) -> list[str]:
    return flags(bullet) or ["ok"]


def report(n: int, rewrite: Rewrite, width: int = 70) -> list[str]:
    """Both versions, wrapped for a narrow column, each with the linter's verdict."""
    lines = []
    for label, bullet in (("before", rewrite.before), ("after", rewrite.after)):
        first = f"{n if label == 'before' else '':<2}{label:<8}"
        lines += textwrap.wrap(
            bullet, width, initial_indent=first, subsequent_indent=" " * 10
        )
        lines.extend(f"{'':10}-> {line}" for line in verdict(bullet))
    return lines


if __name__ == "__main__":
    # --8<-- [start:demo_impact]
    for line in [line for n in (1, 2, 3, 4) for line in report(n, REWRITES[n - 1])]:
        print(line)
        #> 1 before  Worked on the payments service.
        #>           -> no number
        #>           -> weak verb "worked on"
        #>   after   Cut duplicate card charges from about 140 a week to 0 by
        #>           adding idempotency keys to the payments API, agreed with 2
        #>           client teams.
        #>           -> ok
        #> 2 before  Helped improve API performance using caching.
        #>           -> no number
        #>           -> weak verb "helped"
        #>   after   Brought product-page p99 from 420 ms to 140 ms at 3,000
        #>           requests/s with a Redis cache and event-driven invalidation.
        #>           -> ok
        #> 3 before  Built microservices with Java, Spring, Kafka, Redis, Docker
        #>           and Kubernetes.
        #>           -> no number
        #>           -> 6 tools, no measured outcome
        #>   after   Moved order events from a nightly batch to Kafka, so
        #>           warehouses see a new order in under 2 s instead of up to 24
        #>           hours.
        #>           -> ok
        #> 4 before  We migrated our orders database from MySQL to PostgreSQL.
        #>           -> no number
        #>           -> "we" without "I"
        #>   after   Led the MySQL-to-PostgreSQL move of a 40-million-row orders
        #>           table: dual writes, nightly row-count checks, cutover in 4
        #>           minutes of read-only time.
        #>           -> ok
    # --8<-- [end:demo_impact]
    # --8<-- [start:demo_craft]
    for line in [line for n in (5, 6, 7, 8) for line in report(n, REWRITES[n - 1])]:
        print(line)
        #> 5 before  Responsible for on-call and fixing production issues.
        #>           -> no number
        #>           -> weak verb "responsible for"
        #>   after   Led 6 incidents as checkout on-call; wrote runbooks for the
        #>           5 noisiest alerts, cutting median time to mitigate from 32
        #>           to 19 minutes.
        #>           -> ok
        #> 6 before  Built a notification service with Node.js, TypeScript,
        #>           RabbitMQ and MongoDB for 3 channels.
        #>           -> 4 tools, no measured outcome
        #>   after   Built the notification service for email, SMS and push on
        #>           RabbitMQ: 2 million messages/day, 99.9% delivered within a
        #>           minute.
        #>           -> ok
        #> 7 before  Participated in code reviews and mentored junior engineers
        #>           on best practices, and helped them get up to speed with the
        #>           codebase, our internal tools, our deploy pipeline and the
        #>           way our team runs the on-call rotation.
        #>           -> no number
        #>           -> weak verb "participated in", "helped"
        #>           -> "we" without "I"
        #>           -> too long: 36 words (max 30)
        #>   after   Mentored 2 junior engineers to solo on-call in 6 weeks; one
        #>           now owns the notification retry worker.
        #>           -> ok
        #> 8 before  Wrote unit and integration tests.
        #>           -> no number
        #>   after   Added a CI check that fails a pull request when an order
        #>           takes more than 5 SQL queries; it caught 2 N+1 regressions
        #>           in its first quarter.
        #>           -> ok
    # --8<-- [end:demo_craft]
    # --8<-- [start:bullet_six]
    print(verdict(REWRITES[5].before))
    #> ['4 tools, no measured outcome']
    # --8<-- [end:bullet_six]
