"""Authorization code + PKCE + OpenID Connect, end to end over loopback HTTP.

Three parties talk over real sockets: the browser (an httpx2 client holding the
authorization server's session cookie), the authorization server and the API.
The SPA's own logic (LoginClient) runs in this process, as it would in a page.
"""

from urllib.parse import parse_qsl, urlsplit

import httpx2

from examples.security.oauth.demo_setup import running
from examples.security.oauth.login_client import HTTP_TIMEOUT_SECONDS

with running() as setup:
    client = setup.login_client()
    spa_session: dict = {}  # the SPA's per-browser memory (sessionStorage, say)
    browser = setup.browser("ada")
    api = httpx2.Client(base_url=setup.api_base, timeout=HTTP_TIMEOUT_SECONDS)

    # --8<-- [start:login]
    url = client.start(spa_session, scope="openid profile notes:read")
    query = dict(parse_qsl(urlsplit(url).query))
    print(query["response_type"], query["scope"])
    #> code openid profile notes:read
    # Only the verifier's SHA-256 travels in the URL; the verifier stays here.
    print(query["code_challenge_method"], "code_verifier" in query)
    #> S256 False
    print(len(query["state"]), len(query["nonce"]))  # 32 random bytes, base64url
    #> 43 43
    # The browser visits the authorization server, which sends it back.
    answer = browser.get(url)
    callback = answer.headers["location"]
    print(answer.status_code, callback.split("?")[0])
    #> 302 https://notes.example.com/callback
    print(sorted(dict(parse_qsl(urlsplit(callback).query))))
    #> ['code', 'state']
    login = client.finish(spa_session, callback)
    print(login.user_id, login.scope)
    #> ada openid profile notes:read
    # --8<-- [end:login]

    # --8<-- [start:id_token]
    # The ID token tells the client who logged in, and is meant only for it.
    claims = login.id_claims
    print(claims["name"], claims["aud"], claims["exp"] - claims["iat"])
    #> Ada Lovelace ['notes-spa'] 300
    # --8<-- [end:id_token]

    # --8<-- [start:api]
    bearer = {"Authorization": f"Bearer {login.access_token}"}
    print(api.get("/notes", headers=bearer).json())
    #> {'owner': 'ada', 'notes': ['buy milk']}
    # The user granted notes:read only, so writing is refused with 403.
    refused = api.post("/notes", headers=bearer)
    print(refused.status_code, refused.headers["www-authenticate"])
    #> 403 Bearer realm="notes", error="insufficient_scope", scope="notes:write"
    # An ID token is not an access token: the API refuses it.
    wrong = api.get("/notes", headers={"Authorization": f"Bearer {login.id_token}"})
    print(wrong.status_code, wrong.headers["www-authenticate"].partition(", ")[2])
    #> 401 error="invalid_token", error_description="not an access token"
    # No token at all: 401 with no error code (RFC 6750 section 3.1).
    print(api.get("/notes").headers["www-authenticate"])
    #> Bearer realm="notes"
    # --8<-- [end:api]
    browser.close()
    api.close()
    client.close()
