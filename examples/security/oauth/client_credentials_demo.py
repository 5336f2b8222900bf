"""A backend service calls the API with client credentials, over loopback HTTP.

The reports service is registered for `reports:read` only. Time in the cache
is a manual clock, so the refresh points are exact and nothing sleeps.
"""

import httpx2
from authlib.integrations.base_client import OAuthError

from examples.machine_coding.clock import ManualClock
from examples.security.oauth.demo_setup import SERVICE, running
from examples.security.oauth.service_client import HTTP_TIMEOUT_SECONDS, ServiceTokens

with running() as setup:
    token_url = f"{setup.auth_base}/token"
    api = httpx2.Client(base_url=setup.api_base, timeout=HTTP_TIMEOUT_SECONDS)

    # --8<-- [start:allowed]
    clock = ManualClock()
    tokens = ServiceTokens(
        token_url, SERVICE, setup.service_secret, "reports:read", now=clock
    )
    bearer = {"Authorization": f"Bearer {tokens.access_token()}"}
    print(api.get("/reports", headers=bearer).json())
    #> {'caller': 'reports-service', 'reports': 3}
    # It holds reports:read only; the notes API is another scope.
    print(api.get("/notes", headers=bearer).status_code)
    #> 403
    # --8<-- [end:allowed]

    # --8<-- [start:refused]
    for scope in ["reports:read notes:write", ""]:
        greedy = ServiceTokens(token_url, SERVICE, setup.service_secret, scope)
        try:
            greedy.access_token()
        except OAuthError as error:
            print(error.error, "-", error.description)
            #> invalid_scope - This client may not ask for that scope.
            #> invalid_scope - Ask for the scopes this call needs.
        greedy.close()
    wrong = ServiceTokens(token_url, SERVICE, "not-the-secret", "reports:read")
    try:
        wrong.access_token()
    except OAuthError as error:
        print(error.error)
        #> invalid_client
    wrong.close()
    # --8<-- [end:refused]

    # --8<-- [start:cache]
    # The token lives 300 s; the cache renews it 60 s early, at 240 s.
    for moment in [0, 120, 239, 240, 300]:
        clock.set(moment)
        tokens.access_token()
        print(moment, tokens.fetches)
        #> 0 1
        #> 120 1
        #> 239 1
        #> 240 2
        #> 300 2
    # --8<-- [end:cache]
    tokens.close()
    api.close()
