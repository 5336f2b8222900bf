"""Runs the API tests the page shows (examples/apis/testing/order_api_tests.py) as part of the suite."""

from examples.apis.testing.order_api_tests import *  # noqa: F403 - collect its tests and fixture
