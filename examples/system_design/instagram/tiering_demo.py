"""A year of uploads under storage policies: where a tier change pays, and where not."""

from __future__ import annotations

from examples.system_design.instagram.tiering import (
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
MONTHS = 12

# --8<-- [start:policies]
lifecycle = [(30, INFREQUENT), (90, GLACIER_IR)]
POLICIES = [
    Policy("all Standard", {}),
    Policy("lifecycle: IA 30 d, Glacier IR 90 d", {k: lifecycle for k in KINDS}),
    Policy("originals to Glacier IR at once", {"original": [(0, GLACIER_IR)]}),
    Policy("lifecycle, no 128 KiB filter", {k: lifecycle for k in KINDS}, 0),
]
LARGE_ONLY = [
    Policy("Standard", {}),
    Policy("IA at 30 d", {"large": [(30, INFREQUENT)]}),
    Policy("IA 30 d, Glacier IR 90 d", {"large": lifecycle}),
    Policy("Glacier IR at 7 d", {"large": [(7, GLACIER_IR)]}),
]
# --8<-- [end:policies]


def year(
    sample: Sample, policies: list[Policy], scale: float
) -> dict[str, list[float]]:
    """Each policy's twelve monthly bills."""
    return {
        p.name: monthly_costs(daily_cost_by_age(sample, p, MONTHS * 30), scale, MONTHS)
        for p in policies
    }


def table(bills: dict[str, list[float]]) -> str:
    """The year's total, the last month, and the change against the first policy."""
    base = sum(next(iter(bills.values())))
    lines = [f"{'policy':<35} {'year $':>8} {'month 12':>9} {'change':>6}"]
    for name, months in bills.items():
        total = sum(months)
        change = f"{total / base - 1:+6.0%}"
        lines.append(f"{name:<35} {total:8,.0f} {months[-1]:9,.0f} {change}")
    return "\n".join(lines)


def main() -> None:
    sample = draw_sample(SAMPLE_PHOTOS, seed=2024)
    scale = PHOTOS_PER_DAY / SAMPLE_PHOTOS
    # --8<-- [start:run]
    print("whole photos (original and three renditions):")
    # > whole photos (original and three renditions):
    print(table(year(sample, POLICIES, scale)))
    """
    policy                                year $  month 12 change
    all Standard                         150,123    23,699    +0%
    lifecycle: IA 30 d, Glacier IR 90 d   89,971    11,264   -40%
    originals to Glacier IR at once       51,986     7,347   -65%
    lifecycle, no 128 KiB filter         132,278    17,965   -12%
    """
    print("the large rendition alone:")
    # > the large rendition alone:
    print(table(year(sample.only("large"), LARGE_ONLY, scale)))
    """
    policy                                year $  month 12 change
    Standard                              10,314     1,610    +0%
    IA at 30 d                            10,898     1,488    +6%
    IA 30 d, Glacier IR 90 d              17,430     2,421   +69%
    Glacier IR at 7 d                     18,194     2,370   +76%
    """
    # --8<-- [end:run]

    # --8<-- [start:break_even]
    for kind in ("original", "large"):
        size = KINDS[kind][0]
        for cold in (INFREQUENT, GLACIER_IR):
            reads = break_even_reads(cold, size)
            print(
                f"{kind} ({size:,} B) in {cold.name}: pays below {reads:.2f} reads/month"
            )
            # > original (2,500,000 B) in Standard-IA: pays below 1.03 reads/month
            # > original (2,500,000 B) in Glacier IR: pays below 0.56 reads/month
            # > large (180,000 B) in Standard-IA: pays below 0.79 reads/month
            # > large (180,000 B) in Glacier IR: pays below 0.23 reads/month
    # --8<-- [end:break_even]


if __name__ == "__main__":
    main()
