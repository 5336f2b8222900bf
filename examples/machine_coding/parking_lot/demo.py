"""A day at a small two-level lot: park, pay, and the errors a driver can hit."""

from __future__ import annotations

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.parking_lot.allocation import NearestFirst
from examples.machine_coding.parking_lot.errors import ParkingError
from examples.machine_coding.parking_lot.lot import ParkingLot
from examples.machine_coding.parking_lot.models import SpotSize, Vehicle, VehicleType
from examples.machine_coding.parking_lot.pricing import (
    DailyCapPricing,
    HourlyPricing,
    PerVehicleTypePricing,
)

HOUR = 3600


def dollars(cents: int) -> str:
    """Format integer cents for people; arithmetic never leaves cents."""
    return f"${cents // 100}.{cents % 100:02d}"


# --8<-- [start:setup]
def build_lot(clock: ManualClock) -> ParkingLot:
    """Two levels; hourly prices per vehicle type, each capped per day."""
    pricing = PerVehicleTypePricing(
        {
            VehicleType.MOTORCYCLE: DailyCapPricing(HourlyPricing(100, 50), 800),
            VehicleType.CAR: DailyCapPricing(HourlyPricing(300, 200), 2_000),
            VehicleType.VAN: DailyCapPricing(HourlyPricing(500, 300), 3_000),
        }
    )
    layout = [
        {SpotSize.SMALL: 1, SpotSize.REGULAR: 1, SpotSize.LARGE: 1},
        {SpotSize.REGULAR: 2},
    ]
    return ParkingLot(layout, pricing=pricing, allocation=NearestFirst(), clock=clock)


# --8<-- [end:setup]


def main() -> None:
    """Park, leave, pay, and hit each error once."""
    # --8<-- [start:park_and_pay]
    clock = ManualClock()
    lot = build_lot(clock)
    car = lot.park(Vehicle("KA-01-1234", VehicleType.CAR))
    van = lot.park(Vehicle("KA-02-9999", VehicleType.VAN))
    bike = lot.park(Vehicle("KA-03-0007", VehicleType.MOTORCYCLE))
    for ticket in (car, van, bike):
        print(ticket.ticket_id, ticket.vehicle.plate, "->", ticket.spot.label)
        #> T-000001 KA-01-1234 -> L0-002
        #> T-000002 KA-02-9999 -> L0-003
        #> T-000003 KA-03-0007 -> L0-001
    print("free:", lot.free_count(), "parked:", lot.parked_count())
    #> free: 2 parked: 3

    clock.advance(2.5 * HOUR)  # 3 started hours: 300 + 2 x 200
    print("car pays", dollars(lot.unpark(car).fee_cents))
    #> car pays $7.00
    clock.advance(24 * HOUR)  # 26.5 h: a capped day + 3 more hours at 300
    print("van pays", dollars(lot.unpark(van).fee_cents))
    #> van pays $39.00
    # --8<-- [end:park_and_pay]

    # --8<-- [start:errors]
    try:
        lot.unpark(car)  # this ticket was already paid
    except ParkingError as error:
        print(type(error).__name__, "-", error)
        #> UnknownTicketError - ticket T-000001 is not active here
    try:
        lot.park(bike.vehicle)  # the motorcycle never left
    except ParkingError as error:
        print(type(error).__name__, "-", error)
        #> AlreadyParkedError - KA-03-0007 is already parked
    outcomes = []
    for plate in ("C2", "C3", "C4", "C5", "C6"):  # four spots fit a car
        try:
            outcomes.append(lot.park(Vehicle(plate, VehicleType.CAR)).spot.label)
        except ParkingError as error:
            outcomes.append(type(error).__name__)
    print(outcomes)
    #> ['L0-002', 'L0-003', 'L1-001', 'L1-002', 'LotFullError']
    print("free:", lot.free_count(), "parked:", lot.parked_count())
    #> free: 0 parked: 5
    # --8<-- [end:errors]


if __name__ == "__main__":
    main()
