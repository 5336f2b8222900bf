"""Sessions end to end: the cookie, fixation, CSRF, logout and both timeouts.

TestClient talks to the app in-process over https://testserver, so the
Secure cookie is sent. The clock is manual: timeouts are exact, nothing sleeps.
"""

from fastapi.testclient import TestClient

from examples.machine_coding.clock import ManualClock
from examples.security.sessions.session_app import COOKIE, create_app
from examples.security.sessions.session_store import SessionStore, connect

USERS = {
    ("ada@example.com", "correct horse battery staple"): 1,
    ("mallory@example.com", "mallory's own password"): 666,
}


def authenticate(email: str, password: str) -> int | None:
    # Stands in for the Argon2 login of the passwords page.
    return USERS.get((email, password))


connection = connect()
clock = ManualClock()
store = SessionStore(connection, clock)
app = create_app(store, authenticate)
browser = TestClient(app, base_url="https://testserver")
ADA = {"email": "ada@example.com", "password": "correct horse battery staple"}

# --8<-- [start:login]
# Mallory logs in as herself, then plants her session id in Ada's browser
# (through a sibling subdomain, say) before Ada logs in.
mallory = TestClient(app, base_url="https://testserver")
mallory.post(
    "/login",
    json={"email": "mallory@example.com", "password": "mallory's own password"},
)
planted = {"cookie": f"{COOKIE}={mallory.cookies[COOKIE]}"}
logged_in = browser.post("/login", json=ADA, headers=planted)
print(logged_in.headers["set-cookie"].split("=", 1)[0])
#> __Host-session
print(logged_in.headers["set-cookie"].split("; ", 1)[1])
#> HttpOnly; Path=/; SameSite=lax; Secure
# Ada gets a fresh id; the one Mallory knows was deleted, not promoted.
print(browser.cookies[COOKIE] != mallory.cookies[COOKIE])
#> True
print(mallory.get("/me").status_code)
#> 401
csrf = {"X-CSRF-Token": logged_in.json()["csrf_token"]}
print(browser.get("/me").json())
#> {'user_id': 1}
# --8<-- [end:login]

# --8<-- [start:csrf]
payment = {"to": "mallory", "cents": 10_000}
# What a forged cross-site form submission looks like to us: the cookie, no token.
forged = browser.post("/transfer", json=payment)
print(forged.status_code, forged.json()["detail"])
#> 403 Missing or wrong CSRF token.
print(
    browser.post("/transfer", json=payment, headers={"X-CSRF-Token": "x"}).status_code
)
#> 403
print(browser.post("/transfer", json=payment, headers=csrf).json())
#> {'from': 1, 'to': 'mallory', 'cents': 10000}
# --8<-- [end:csrf]

# --8<-- [start:timeouts]
clock.advance(29 * 60)  # 29 idle minutes: still in
print(browser.get("/me").status_code)
#> 200
clock.advance(30 * 60)  # 30 more: idle timeout
print(browser.get("/me").status_code)
#> 401

browser.post("/login", json=ADA)
minutes = 0
while browser.get("/me").status_code == 200:  # busy: a request every 29 minutes
    clock.advance(29 * 60)
    minutes += 29
print(f"logged out after {minutes // 60} h {minutes % 60} min")  # absolute timeout
#> logged out after 12 h 5 min
# --8<-- [end:timeouts]

# --8<-- [start:logout]
csrf = {"X-CSRF-Token": browser.post("/login", json=ADA).json()["csrf_token"]}
stolen = browser.cookies[COOKIE]  # say it was copied off the laptop
print(browser.post("/logout", headers=csrf).status_code)
#> 204
thief = TestClient(app, base_url="https://testserver", cookies={COOKIE: stolen})
print(thief.get("/me").status_code)  # deleted on the server: the copy is dead too
#> 401
# --8<-- [end:logout]

thief.close()
mallory.close()
browser.close()
connection.close()
