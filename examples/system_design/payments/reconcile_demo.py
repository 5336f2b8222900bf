"""A day of payments, the processor's settlement report for it, and what did not match."""

# requires-server: postgres

from __future__ import annotations

import random
from functools import partial

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.payments.bookkeeping import NewPayment
from examples.system_design.payments.processor import DECLINED_TOKEN, FakeProcessor
from examples.system_design.payments.reconcile import (
    Mismatch,
    ledger_lines,
    reconcile,
    report_lines,
    summary,
)
from examples.system_design.payments.schema import create_schema
from examples.system_design.payments.service import PaymentService

if __name__ == "__main__":
    with scratch_schema("ex_recon") as schema, connect(schema) as conn:
        create_schema(conn)
        processor = FakeProcessor()
        service = PaymentService(
            partial(connect, schema), processor, rng=random.Random(1)
        )
        # --8<-- [start:day]
        made = []
        for n in range(12):
            token = DECLINED_TOKEN if n % 5 == 4 else "tok_visa"
            new = NewPayment("shop-1", 1_000 + 37 * n, "USD", token)
            made.append(service.create_payment(f"order-{n}", new).body)
        for payment in made[:2]:  # two refunds, told to us by webhook
            processor.refund(payment["id"])
        for event in processor.events:
            service.handle_event(event)
        ours = ledger_lines(conn)
        theirs = report_lines(processor.settlement_report(seed=22, faults=4))
        print(len(ours), "ledger lines,", len(theirs), "report lines")
        #> 12 ledger lines, 13 report lines
        findings = reconcile(ours, theirs)
        print(", ".join(f"{n} {k}" for k, n in summary(findings).items() if n))
        #> 1 missing in ledger, 1 missing in report, 1 duplicate, 1 amount differs
        for f in sorted(findings, key=lambda f: list(Mismatch).index(f.mismatch)):
            ledger, report = [x.amount for x in f.ledger], [x.amount for x in f.report]
            print(f"{f.mismatch}: {f.kind}, ledger {ledger}, report {report}")
            #> missing in ledger: charge, ledger [], report [3118]
            #> missing in report: charge, ledger [1407], report []
            #> duplicate: refund, ledger [1000], report [1000, 1000]
            #> amount differs: refund, ledger [1037], report [1036]
        # --8<-- [end:day]
