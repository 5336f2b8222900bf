"""Attacking the login service: enumeration, guessing, and an upgraded hash.

The clock is manual, so the backoff is exact and nothing sleeps.
"""

from argon2 import PasswordHasher, extract_parameters
from fastapi.testclient import TestClient

from examples.machine_coding.clock import ManualClock
from examples.security.passwords.accounts import Accounts, connect
from examples.security.passwords.login_app import create_app
from examples.security.passwords.throttle import LoginThrottle

connection = connect()
clock = ManualClock()
outbox: list[tuple[str, str]] = []
app = create_app(connection, throttle=LoginThrottle(clock), outbox=outbox)
client = TestClient(app)
ADA = {"email": "ada@example.com", "password": "correct horse battery staple"}
client.post("/register", json=ADA)

# --8<-- [start:enumeration]
unknown = client.post("/login", json={"email": "bob@example.com", "password": "x"})
wrong = client.post("/login", json={"email": "ada@example.com", "password": "x"})
print(unknown.status_code, unknown.json()["detail"])
#> 401 Wrong email or password.
# Status, headers and body: byte for byte the same.
print(unknown.content == wrong.content, unknown.headers == wrong.headers)
#> True True

# Sign-up and reset answer the same way for a taken or free address;
# only the mail (to the address's owner) differs.
for email in ["ada@example.com", "eve@example.com"]:
    taken = client.post("/register", json={"email": email, "password": "p" * 12})
    print(taken.status_code, taken.json()["detail"])
    #> 202 If the address can receive email, a message is on its way.
    #> 202 If the address can receive email, a message is on its way.
print(outbox)
"""
[
    ('ada@example.com', 'confirm-address'),
    ('ada@example.com', 'already-registered'),
    ('eve@example.com', 'confirm-address'),
]
"""
# --8<-- [end:enumeration]

# --8<-- [start:guessing]
# Ada already has 1 failure above; two more are free, then each waits longer.
for guess in ["123456", "password", "qwerty", "letmein", "dragon"]:
    answer = client.post("/login", json={"email": ADA["email"], "password": guess})
    print(guess, answer.status_code, answer.headers.get("retry-after"))
    #> 123456 401 None
    #> password 401 None
    #> qwerty 429 1
    #> letmein 429 1
    #> dragon 429 1
clock.advance(1)
print(client.post("/login", json={**ADA, "password": "qwerty"}).status_code)
#> 401
print(client.post("/login", json=ADA).headers["retry-after"])  # now 2 s
#> 2
clock.advance(2)
print(client.post("/login", json=ADA).json())  # the real user gets in
#> {'account_id': 1}
# --8<-- [end:guessing]

# --8<-- [start:upgrade]
# An account created back when the app used cheaper parameters...
old = PasswordHasher(memory_cost=19_456, time_cost=2, parallelism=1)
accounts = Accounts(connection)
accounts.create("grace@example.com", old.hash("hopper-1906-cobol"))
before = extract_parameters(accounts.find("grace@example.com").password_hash)
print(before.memory_cost, before.time_cost, before.parallelism)
#> 19456 2 1
# ...is upgraded by her next successful login, with no migration and no reset.
grace = {"email": "grace@example.com", "password": "hopper-1906-cobol"}
print(client.post("/login", json=grace).status_code)
#> 200
upgraded = extract_parameters(accounts.find("grace@example.com").password_hash)
print(upgraded.memory_cost, upgraded.time_cost, upgraded.parallelism)
#> 65536 3 4
# --8<-- [end:upgrade]

client.close()
connection.close()
