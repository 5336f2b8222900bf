"""GraphQL over HTTP: the status code and the body for one graphql-core result.

The body follows the GraphQL specification's response format (October 2021,
section 7.1): a request that fails before execution has no `data` entry at all.
The status codes follow the GraphQL over HTTP draft for responses served as
`application/graphql-response+json`. The draft is at Stage 2, not final, and
its codes have changed before, so check the current text when you build a server.
"""

from __future__ import annotations

import logging
from typing import Any

from graphql import ExecutionResult, GraphQLError, GraphQLSyntaxError

MEDIA_TYPE = "application/graphql-response+json"
# The draft's own code for "data came back, and so did errors". Clients treat an
# unknown 2xx as 200 (RFC 9110, section 15); drafts before 2026 said 200 here.
PARTIAL_SUCCESS = 294

log = logging.getLogger(__name__)


# --8<-- [start:http_response]
def client_error(error: GraphQLError) -> dict[str, Any]:
    """The error as the client sees it: an unexpected exception is masked and logged.

    graphql-core copies any exception's text into `message`. Only errors raised
    as GraphQLError (validation, coercion, our resolvers) are written for clients.
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return error.formatted
    log.error("resolver failed at %s", error.path, exc_info=original)
    return {**error.formatted, "message": "Internal server error"}


def http_response(result: ExecutionResult) -> tuple[int, dict[str, Any]]:
    """The HTTP status and JSON body for one GraphQL result."""
    errors = result.errors or []
    if not errors:
        return 200, {"data": result.data}
    body_errors = [client_error(error) for error in errors]
    # Every field error carries a `path`; an error without one, and no data,
    # means the request failed before execution (parse, validation, variables).
    if result.data is None and all(error.path is None for error in errors):
        unparsable = any(isinstance(error, GraphQLSyntaxError) for error in errors)
        return (400 if unparsable else 422), {"errors": body_errors}
    return PARTIAL_SUCCESS, {"errors": body_errors, "data": result.data}


# --8<-- [end:http_response]
