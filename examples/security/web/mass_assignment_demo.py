"""One PATCH with an extra `role`, against three request models and two responses."""

from fastapi.testclient import TestClient

from examples.security.web.mass_assignment import create_app

body = {"email": "ada@example.org", "role": "admin"}

# --8<-- [start:extra]
for extra in ("allow", "ignore", "forbid"):
    with TestClient(create_app(extra, response_model=True)) as client:
        response = client.patch("/me", json=body)
        role = response.json().get("role", "-")
        print(f"extra={extra:<7} {response.status_code} role={role}")
        #> extra=allow   200 role=admin
        #> extra=ignore  200 role=member
        #> extra=forbid  422 role=-
# --8<-- [end:extra]

# --8<-- [start:leak]
for response_model in (False, True):
    with TestClient(create_app("forbid", response_model=response_model)) as client:
        fields = client.patch("/me", json={"email": "a@example.org"}).json()
        leaked = "password_hash" in fields
        print(f"response_model={response_model!s:<5} password_hash sent: {leaked}")
        #> response_model=False password_hash sent: True
        #> response_model=True  password_hash sent: False
# --8<-- [end:leak]
