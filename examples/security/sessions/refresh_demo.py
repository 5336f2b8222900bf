"""Refresh-token rotation, and what happens when a stolen token is used."""

from examples.machine_coding.clock import ManualClock
from examples.security.sessions.refresh_tokens import (
    RefreshError,
    RefreshTokens,
    connect,
)

connection = connect()
clock = ManualClock()
tokens = RefreshTokens(connection, clock)

# --8<-- [start:rotation]
first = tokens.issue(user_id=42)
second = tokens.rotate(first)  # every use returns a new token...
print(second.user_id, second.refresh_token != first)
#> 42 True
third = tokens.rotate(second.refresh_token)
print(connection.execute("SELECT count(*) FROM refresh_tokens").fetchone())
#> (3,)
# --8<-- [end:rotation]

# --8<-- [start:theft]
# A thief copied `third` and refreshes first; the user's app follows.
thief = tokens.rotate(third.refresh_token)
try:
    tokens.rotate(third.refresh_token)  # the user's app, with the same token
except RefreshError as error:
    print(type(error).__name__, "-", error)
    #> ReuseDetected - refresh token reused; family of user 42 revoked
try:
    tokens.rotate(thief.refresh_token)  # the thief's fresh token died with it
except RefreshError as error:
    print(type(error).__name__, "-", error)
    #> RefreshError - refresh token expired or revoked
# --8<-- [end:theft]

# --8<-- [start:expiry]
idle = tokens.issue(user_id=7)
clock.advance(14 * 86_400)  # two weeks unused
try:
    tokens.rotate(idle)
except RefreshError as error:
    print(error)
    #> refresh token expired or revoked
# --8<-- [end:expiry]

connection.close()
