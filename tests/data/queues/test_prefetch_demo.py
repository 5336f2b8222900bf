from __future__ import annotations

import pytest

from examples.data.queues.prefetch_demo import spread


@pytest.mark.usefixtures("amqp_url")
def test_without_prefetch_the_first_worker_takes_everything() -> None:
    assert spread(0).endswith("A holds job-1 job-2 job-3 job-4; B holds nothing; 0 waiting")


@pytest.mark.usefixtures("amqp_url")
def test_prefetch_one_gives_each_worker_one_job() -> None:
    assert spread(1) == "prefetch=1: A holds job-1; B holds job-2; 2 waiting"
