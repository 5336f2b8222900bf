"""Nested transactions on KVDatabase, step by step, through the Python API."""

from examples.machine_coding.kv_database.database import KVDatabase, NoTransactionError

db = KVDatabase()

# --8<-- [start:nested]
db.set("a", "10")
db.set("b", "10")
print(db.get("a"), db.count("10"))
#> 10 2

db.begin()  # outer transaction
db.set("a", "20")
db.begin()  # inner transaction
db.delete("b")
print(db.get("a"), db.get("b"), db.count("10"), db.depth)
#> 20 None 0 2

db.rollback()  # undoes the inner transaction only: b is back
print(db.get("a"), db.get("b"), db.count("10"), db.depth)
#> 20 10 1 1

db.begin()
db.set("c", "30")
db.commit()  # makes BOTH open transactions permanent
print(db.get("a"), db.get("c"), db.depth)
#> 20 30 0
# --8<-- [end:nested]

# --8<-- [start:bad_calls]
try:
    db.rollback()
except NoTransactionError as error:
    print(error)
    #> ROLLBACK: no transaction is open

try:
    db.set("d", 42)  # type: ignore[arg-type]
except TypeError as error:
    print(error)
    #> value must be a str, got int

print(db.get("d"), len(db))  # the failed call stored nothing
#> None 3
# --8<-- [end:bad_calls]
