"""An orchestrator that dies mid-saga, a new one that resumes, and steps that run twice."""

import tempfile

from examples.system_design.distributed_transactions.orders import Order, Shop


class Crash(BaseException):
    """The process dies here: no `except Exception` in the orchestrator sees it."""


# --8<-- [start:crash]
def die_after_charge(saga_id: str, point: str) -> None:
    if point == "after charge_payment":  # charged, but not yet in the saga log
        raise Crash(point)


with tempfile.TemporaryDirectory() as directory:
    shop = Shop(directory, hook=die_after_charge)
    shop.inventory.add_stock("lamp", 5)
    shop.payments.add_card("ana", limit_cents=10_000)
    try:
        shop.place(Order("o-4", "ana", "lamp", 1, 4_000, "US"))
    except Crash:
        result = shop.orchestrator.result("o-4")
        print(result.state, shop.payments.charge_status("o-4"))
        #> running charged
    shop.close()
    # --8<-- [end:crash]

    # --8<-- [start:resume]
    restarted = Shop(directory)  # a new process: same files, no hook
    print(restarted.orchestrator.resume_all())
    #> [SagaResult(saga_id='o-4', state='completed', failure=None)]
    print(restarted.orchestrator.events("o-4"))
    """
    [
        'started',
        'reserve_inventory done',
        'resumed',
        'charge_payment done',
        'schedule_shipping done',
        'completed',
    ]
    """
    # The charge ran twice; the saga id made the second one a no-op.
    print(restarted.payments.charged_cents("ana"), restarted.payments.emails("ana"))
    #> 4000 ['Payment received for o-4']
    # --8<-- [end:resume]

    # --8<-- [start:twice]
    payments, inventory = restarted.payments, restarted.inventory
    payments.charge("o-5", "ana", 1_000)
    payments.charge("o-5", "ana", 1_000)  # a redelivered command
    payments.refund("o-5")
    payments.refund("o-5")
    print(payments.charged_cents("ana"), payments.emails("ana")[1:])
    #> 4000 ['Payment received for o-5', 'Refund issued for o-5']

    inventory.release("o-6")  # the compensation overtook its action...
    inventory.reserve("o-6", "lamp", 2)  # ...which arrives late and does nothing
    print(inventory.available("lamp"), inventory.reservation("o-6"))
    #> 4 released
    # --8<-- [end:twice]
    restarted.close()
