"""The code flow attacked, over loopback HTTP: PKCE, redirect URIs, state and nonce.

The PKCE attacks speak the protocol by hand (query strings and form posts), as
an attacker would, so every parameter is visible. The state and nonce attacks
go through the SPA's LoginClient, because those checks live in the client.
"""

import httpx2

from examples.security.oauth.by_hand import (
    VERIFIER,
    authorize,
    new_code,
    query_of,
    redeem,
)
from examples.security.oauth.demo_setup import SPA_CALLBACK, running
from examples.security.oauth.login_client import HTTP_TIMEOUT_SECONDS, LoginRefused

with running() as setup:
    ada = setup.browser("ada")
    mallory = setup.browser("mallory")
    http = httpx2.Client(timeout=HTTP_TIMEOUT_SECONDS)
    api = httpx2.Client(base_url=setup.api_base, timeout=HTTP_TIMEOUT_SECONDS)

    def outcome(response: httpx2.Response) -> str:
        body = response.json()
        return f"{response.status_code} {body.get('error', 'token issued')}"

    # --8<-- [start:pkce]
    # A thief who intercepted the code has no verifier, or guesses one.
    print(outcome(redeem(setup, http, new_code(setup), code_verifier=None)))
    #> 400 invalid_request
    print(outcome(redeem(setup, http, new_code(setup), code_verifier="w" * 43)))
    #> 400 invalid_grant
    # The rightful client, with the verifier only it has:
    print(outcome(redeem(setup, http, new_code(setup))))
    #> 200 token issued
    # --8<-- [end:pkce]

    # --8<-- [start:reuse]
    code = new_code(setup)
    first = redeem(setup, http, code).json()["access_token"]
    bearer = {"Authorization": f"Bearer {first}"}
    print(api.get("/notes", headers=bearer).status_code)
    #> 200
    print(outcome(redeem(setup, http, code)))  # the same code a second time
    #> 400 invalid_grant
    # The reuse also revoked the token the first redemption got.
    revoked = api.get("/notes", headers=bearer)
    print(revoked.status_code, revoked.headers["www-authenticate"].partition(", ")[2])
    #> 401 error="invalid_token", error_description="revoked"
    # --8<-- [end:reuse]

    # --8<-- [start:redirect]
    # Redirect URIs match exactly: no other host, path, or extra query.
    for uri in [
        "https://evil.example/callback",
        "https://notes.example.com/callback/../admin",
        "https://notes.example.com/callback?next=https://evil.example",
    ]:
        answer = authorize(setup, redirect_uri=uri)
        # An error page at the server itself: never a redirect to that URI.
        print(answer.status_code, "location" in answer.headers)
        #> 400 False
        #> 400 False
        #> 400 False
    # At the token endpoint, the redirect_uri must be the one the code was for.
    print(
        outcome(redeem(setup, http, new_code(setup), redirect_uri=SPA_CALLBACK + "/"))
    )
    #> 400 invalid_grant
    # --8<-- [end:redirect]

    # --8<-- [start:methods]
    # With a known redirect URI, errors go back to the client as parameters.
    plain = authorize(setup, code_challenge=VERIFIER, code_challenge_method="plain")
    print(query_of(plain.headers["location"])["error_description"])
    #> code_challenge_method must be S256.
    no_pkce = authorize(setup, code_challenge=None, code_challenge_method=None)
    print(query_of(no_pkce.headers["location"])["error_description"])
    #> PKCE is required: send a code_challenge.
    # --8<-- [end:methods]

    client = setup.login_client()

    # --8<-- [start:state]
    # Login CSRF: Mallory starts a login in her own browser and stops before
    # the callback. Her callback link holds a valid code for HER account.
    url = client.start({}, scope="openid notes:read")
    trap = mallory.get(url).headers["location"]
    # Ada follows the link. Her session at the SPA has its own pending login.
    ada_session: dict = {}
    client.start(ada_session, scope="openid notes:read")
    try:
        client.finish(ada_session, trap)
    except LoginRefused as error:
        print(error)
        #> state does not match this browser's login
    # --8<-- [end:state]

    # --8<-- [start:state_pkce]
    # Without the state check, PKCE stops it at the token endpoint: Mallory's
    # code was bound to her challenge, and Ada's verifier does not match it.
    ada_session = {}
    client.start(ada_session, scope="openid notes:read")
    try:
        client.redeem(
            query_of(trap)["code"], ada_session["pending_login"].code_verifier
        )
    except LoginRefused as error:
        print(error)
        #> token endpoint: invalid_grant
    # --8<-- [end:state_pkce]

    # --8<-- [start:nonce]
    # Ada logs in; her ID token leaks (a log line, a malicious page that saw it).
    session: dict = {}
    old_login = client.finish(
        session, ada.get(client.start(session, "openid")).headers["location"]
    )
    # Later, someone posts that ID token into a new login (a "sign in with" button
    # that sends the ID token to the backend is exactly this path).
    client.start(session, scope="openid")
    try:
        client.verify_id_token(old_login.id_token, session["pending_login"].nonce)
    except LoginRefused as error:
        print(error)
        #> ID token nonce is not this login's nonce
    # --8<-- [end:nonce]

    for closing in (ada, mallory, http, api, client):
        closing.close()
