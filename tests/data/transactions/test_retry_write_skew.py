from examples.data.transactions.retry_write_skew import race_with_retry


def test_b_fails_once_then_commits_the_right_decision(postgres_dsn: str) -> None:
    a_off, b_off, attempts, slept = race_with_retry(postgres_dsn)
    assert (a_off, b_off, attempts) == (True, False, 2)
    assert len(slept) == 1
    assert 0 <= slept[0] <= 0.05  # full jitter within the first backoff step
