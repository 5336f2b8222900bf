"""The order saga: one that completes, one a payment refusal undoes, one that emailed first."""

import tempfile

from examples.system_design.distributed_transactions.orders import Order, Shop


# --8<-- [start:setup]
def reader(saga_id: str, point: str) -> None:
    """Another request, reading the shop while order o-2's saga is between steps."""
    if saga_id == "o-2" and point == "before charge_payment":
        status = shop.orchestrator.result("o-2").order_status
        print("mid-saga:", shop.inventory.available("lamp"), "in stock,", status)
        #> mid-saga: 1 in stock, PENDING


with tempfile.TemporaryDirectory() as directory:
    shop = Shop(directory, hook=reader)  # each service has its own SQLite file
    shop.inventory.add_stock("lamp", 5)
    shop.payments.add_card("ana", limit_cents=10_000)
    # --8<-- [end:setup]

    # --8<-- [start:completed]
    result = shop.place(Order("o-1", "ana", "lamp", 1, 4_000, "US"))
    print(result.order_status, shop.inventory.available("lamp"))
    #> CONFIRMED 4
    print(shop.orchestrator.events("o-1"))
    """
    [
        'started',
        'reserve_inventory done',
        'charge_payment done',
        'schedule_shipping done',
        'completed',
    ]
    """
    # --8<-- [end:completed]

    # --8<-- [start:declined]
    result = shop.place(Order("o-2", "ana", "lamp", 3, 25_000, "US"))  # over the limit
    print(result.order_status, shop.inventory.available("lamp"))
    #> CANCELED 4
    print(shop.orchestrator.events("o-2"))
    """
    [
        'started',
        'reserve_inventory done',
        'charge_payment failed: card declined for 25000 cents',
        'reserve_inventory undone',
        'aborted',
    ]
    """
    # --8<-- [end:declined]

    # --8<-- [start:emailed]
    result = shop.place(Order("o-3", "ana", "lamp", 1, 2_000, "AQ"))
    print(result.order_status, result.failure)
    #> CANCELED schedule_shipping failed: no carrier serves AQ
    print(shop.orchestrator.events("o-3")[-3:])
    #> ['charge_payment undone', 'reserve_inventory undone', 'aborted']
    print(shop.payments.charged_cents("ana"), shop.inventory.available("lamp"))
    #> 4000 4
    for subject in shop.payments.emails("ana"):
        print(subject)
        #> Payment received for o-1
        #> Payment received for o-3
        #> Refund issued for o-3
    # --8<-- [end:emailed]
    shop.close()
