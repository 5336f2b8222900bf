import threading
from pathlib import Path

import pytest

from examples.language.python import context_managers
from examples.language.python.context_managers import held, merge


def test_the_lock_is_released_when_the_body_raises() -> None:
    lock, log = threading.Lock(), []
    with pytest.raises(KeyError), held(lock, log):
        raise KeyError("x")
    assert not lock.locked()
    assert log == ["acquired", "released"]


def test_merge_closes_every_file_it_opened_when_one_open_fails(tmp_path: Path, monkeypatch) -> None:
    opened = []
    real_open = Path.open

    def tracking_open(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        opened.append(handle)
        return handle

    (tmp_path / "a.log").write_text("a\n")
    (tmp_path / "b.log").write_text("b\n")
    monkeypatch.setattr(Path, "open", tracking_open)
    with pytest.raises(FileNotFoundError):
        merge([tmp_path / "a.log", tmp_path / "b.log", tmp_path / "gone.log"], tmp_path / "out")
    assert len(opened) == 2
    assert all(handle.closed for handle in opened)
    assert not (tmp_path / "out").exists()  # the output is never opened


def test_merge_copies_every_line_in_order(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("1\n2\n")
    (tmp_path / "b").write_text("3\n")
    assert merge([tmp_path / "a", tmp_path / "b"], tmp_path / "out") == 6
    assert (tmp_path / "out").read_text() == "1\n2\n3\n"


def test_a_failed_transaction_leaves_no_partial_write() -> None:
    db = context_managers.sqlite3.connect(":memory:")
    db.execute("CREATE TABLE account (cents INTEGER NOT NULL CHECK (cents >= 0))")
    with db:
        db.execute("INSERT INTO account VALUES (100)")
    with pytest.raises(context_managers.sqlite3.IntegrityError), db:
        db.execute("UPDATE account SET cents = cents - 30")
        db.execute("UPDATE account SET cents = cents - 90")
    assert context_managers.balance(db) == 100
    db.close()


def test_without_try_finally_an_error_in_the_body_leaves_the_lock_held() -> None:
    # The page's warning, shown: the same generator minus try/finally.
    from collections.abc import Iterator
    from contextlib import contextmanager

    @contextmanager
    def held_badly(lock: threading.Lock) -> Iterator[None]:
        lock.acquire()
        yield
        lock.release()

    lock = threading.Lock()
    with pytest.raises(KeyError), held_badly(lock):
        raise KeyError("x")
    assert lock.locked()
    lock.release()


def test_merge_reads_and_writes_utf8_whatever_the_locale(tmp_path: Path) -> None:
    # Under the C locale with UTF-8 mode off, open() without encoding= is ASCII.
    import os
    import subprocess
    import sys

    from tests.support.example_files import REPO_ROOT

    (tmp_path / "a").write_text("caf\u00e9\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; "
        "from examples.language.python.context_managers import merge; "
        "merge([Path(sys.argv[1])], Path(sys.argv[2]))"
    )
    env = {**os.environ, "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "a"), str(tmp_path / "out")],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out").read_text(encoding="utf-8") == "caf\u00e9\n"
