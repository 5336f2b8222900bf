"""A year of uploads under storage policies: where a tier change pays, and where not."""

from __future__ import annotations

from examples.system_design.instagram.tiering import (
    DAYS_PER_MONTH,
    GLACIER_IR,
    INFREQUENT,
    KINDS,
    Policy,
    Sample,
    break_even_reads,
    daily_cost_by_age,
    draw_sample,
    monthly_costs,
)

PHOTOS_PER_DAY = 1_000_000  # every bill is for a million uploads a day
SAMPLE_PHOTOS = 400
MONTHS = 36  # the first year pays for the moves; the third shows what lasts

# --8<-- [start:policies]
lifecycle = [(30, INFREQUENT), (90, GLACIER_IR)]
POLICIES = [
    Policy("all Standard", {}),
    Policy("lifecycle: IA 30 d, Glacier IR 90 d", {k: lifecycle for k in KINDS}),
    Policy("originals to Glacier IR at once", {"original": [(0, GLACIER_IR)]}),
    # Written to Standard, where the thumbnail worker reads them; a lifecycle
    # rule with Days=0 moves them at the next midnight UTC.
    Policy("originals to Glacier IR after a day", {"original": [(1, GLACIER_IR)]}),
    Policy("lifecycle, no 128 KiB filter", {k: lifecycle for k in KINDS}, 0),
]
LARGE_ONLY = [
    Policy("Standard", {}),
    Policy("IA at 30 d", {"large": [(30, INFREQUENT)]}),
    Policy("IA 30 d, Glacier IR 90 d", {"large": lifecycle}),
    Policy("Glacier IR at 7 d", {"large": [(7, GLACIER_IR)]}),
]
# --8<-- [end:policies]


def bills(
    sample: Sample, policies: list[Policy], scale: float
) -> dict[str, list[float]]:
    """Each policy's monthly bills, MONTHS of them."""
    days = MONTHS * DAYS_PER_MONTH
    return {
        p.name: monthly_costs(daily_cost_by_age(sample, p, days), scale, MONTHS)
        for p in policies
    }


def first_and_third_year(months: list[float]) -> tuple[float, float]:
    return sum(months[:12]), sum(months[24:36])


def table(bills: dict[str, list[float]]) -> str:
    """Year 1 and year 3 of each policy, each against the first policy's."""
    base_1, base_3 = first_and_third_year(next(iter(bills.values())))
    head = f"{'year 1 $':>8} {'change':>6} {'year 3 $':>8} {'change':>6}"
    lines = [f"{'policy':<35} {head}"]
    for name, months in bills.items():
        one, three = first_and_third_year(months)
        change_1, change_3 = one / base_1 - 1, three / base_3 - 1
        cells = f"{one:8,.0f} {change_1:+6.0%} {three:8,.0f} {change_3:+6.0%}"
        lines.append(f"{name:<35} {cells}")
    return "\n".join(lines)


def main() -> None:
    sample = draw_sample(SAMPLE_PHOTOS, seed=2024)
    scale = PHOTOS_PER_DAY / SAMPLE_PHOTOS
    # --8<-- [start:run]
    print("whole photos (original and three renditions):")
    #> whole photos (original and three renditions):
    print(table(bills(sample, POLICIES, scale)))
    """
    policy                              year 1 $ change year 3 $ change
    all Standard                         150,267    +0%  736,096    +0%
    lifecycle: IA 30 d, Glacier IR 90 d   90,115   -40%  263,806   -64%
    originals to Glacier IR at once       84,039   -44%  241,809   -67%
    originals to Glacier IR after a day   52,098   -65%  209,888   -71%
    lifecycle, no 128 KiB filter         132,422   -12%  464,226   -37%
    """
    print("the large rendition alone:")
    #> the large rendition alone:
    print(table(bills(sample.only("large"), LARGE_ONLY, scale)))
    """
    policy                              year 1 $ change year 3 $ change
    Standard                              10,314    +0%   49,602    +0%
    IA at 30 d                            10,898    +6%   40,382   -19%
    IA 30 d, Glacier IR 90 d              17,430   +69%   63,066   +27%
    Glacier IR at 7 d                     18,194   +76%   62,458   +26%
    """
    # --8<-- [end:run]

    # --8<-- [start:break_even]
    for kind in ("original", "large"):
        size = KINDS[kind][0]
        for cold in (INFREQUENT, GLACIER_IR):
            reads = break_even_reads(cold, size)
            label = f"{kind} ({size:,} B) in {cold.name}"
            print(f"{label}: pays below {reads:.2f} reads/month")
            #> original (2,500,000 B) in Standard-IA: pays below 1.03 reads/month
            #> original (2,500,000 B) in Glacier IR: pays below 0.56 reads/month
            #> large (180,000 B) in Standard-IA: pays below 0.79 reads/month
            #> large (180,000 B) in Glacier IR: pays below 0.23 reads/month
    # --8<-- [end:break_even]


if __name__ == "__main__":
    main()
