"""The command-line front end: Session replies, the run loop, and the real
program driven through standard input as a user would drive it."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from examples.machine_coding.kv_database.cli import NO_TRANSACTION, NULL, Session, main, run
from examples.machine_coding.kv_database.database import KVDatabase
from examples.machine_coding.kv_database.session_transcript import SCRIPT
from tests.support.example_files import REPO_ROOT

CLI_MODULE = "examples.machine_coding.kv_database.cli"
CLI_FILE = REPO_ROOT / "examples" / "machine_coding" / "kv_database" / "cli.py"

# ---------------------------------------------------------------- Session


def test_reads_print_results_and_writes_print_nothing() -> None:
    session = Session()
    assert session.handle("SET a 10") is None
    assert session.handle("GET a") == "10"
    assert session.handle("GET b") == NULL
    assert session.handle("COUNT 10") == "1"
    assert session.handle("COUNT 99") == "0"
    assert session.handle("UNSET a") is None
    assert session.handle("DELETE a") is None  # deleting twice is fine
    assert session.handle("GET a") == NULL


def test_transactions_through_the_session() -> None:
    session = Session()
    for line in ["SET a 1", "BEGIN", "SET a 2", "BEGIN", "SET a 3"]:
        assert session.handle(line) is None
    assert session.handle("ROLLBACK") is None
    assert session.handle("GET a") == "2"
    assert session.handle("COMMIT") is None
    assert session.handle("GET a") == "2"
    assert session.handle("ROLLBACK") == NO_TRANSACTION
    assert session.handle("COMMIT") == NO_TRANSACTION
    assert session.handle("GET a") == "2"


def test_a_bad_line_is_an_error_reply_and_the_session_goes_on() -> None:
    session = Session()
    session.handle("SET a 1")
    assert session.handle("SET a") == "ERROR: SET takes 2 argument(s), got 1; usage: SET <key> <value>"
    assert session.handle("JUMP").startswith("ERROR: unknown command 'JUMP'")
    assert session.handle("GET a") == "1"
    assert not session.finished


def test_a_line_that_is_not_text_is_an_error_reply_and_stores_nothing() -> None:
    session = Session()
    reply = session.handle("SET a caf\udcc3")  # what b"caf\xc3" becomes under surrogateescape
    assert reply == "ERROR: the line is not valid text: it holds bytes the input encoding cannot decode"
    assert session.handle("GET a") == NULL


def test_a_blank_line_prints_nothing() -> None:
    assert Session().handle("   ") is None


def test_end_finishes_the_session_and_later_lines_are_refused() -> None:
    session = Session()
    assert session.handle("end") is None
    assert session.finished
    with pytest.raises(RuntimeError, match="the session has ended"):
        session.handle("GET a")


def test_a_session_can_wrap_an_existing_database() -> None:
    db = KVDatabase()
    db.set("a", "preloaded")
    session = Session(db)
    assert session.handle("GET a") == "preloaded"
    session.handle("SET b 2")
    assert db.get("b") == "2"


# ---------------------------------------------------------------- run loop


def test_run_writes_one_line_per_reply_and_stops_at_end() -> None:
    out = io.StringIO()
    run(["SET a 1\n", "GET a\n", "END\n", "GET a\n"], out)
    assert out.getvalue() == "1\n"


def test_run_accepts_windows_line_endings() -> None:
    out = io.StringIO()
    run(["SET a 1\r\n", "GET a\r\n"], out)
    assert out.getvalue() == "1\n"


def test_run_with_echo_shows_each_command_before_its_reply() -> None:
    out = io.StringIO()
    run(["SET a 1", "GET a", "BOGUS", "END", "GET a"], out, echo=True)
    assert out.getvalue() == (
        "> SET a 1\n> GET a\n1\n> BOGUS\n"
        "ERROR: unknown command 'BOGUS'; known: BEGIN, COMMIT, COUNT, DELETE, END, GET, ROLLBACK, SET, UNSET\n"
        "> END\n"
    )


def test_run_on_empty_input_writes_nothing() -> None:
    out = io.StringIO()
    run([], out)
    assert out.getvalue() == ""


def test_main_reads_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("SET a 1\nGET a\nROLLBACK\n"))
    assert main() == 0
    assert capsys.readouterr().out == "1\nNO TRANSACTION\n"


class WriteOnly(io.StringIO):
    def readable(self) -> bool:
        return False


@pytest.mark.parametrize("stdin", [None, WriteOnly("GET a\n")], ids=["no_stdin", "unreadable_stdin"])
def test_main_treats_a_missing_or_unreadable_stdin_as_empty_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin: io.StringIO | None
) -> None:
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main() == 0
    assert capsys.readouterr().out == ""


# ---------------------------------------------------------------- the real program

SESSION_INPUT = """\
SET a 10
SET b 10
COUNT 10
BEGIN
UNSET a
GET a
this is not a command
GET a b
ROLLBACK
GET a
ROLLBACK
COMMIT
END
GET a
"""

SESSION_OUTPUT = """\
2
NULL
ERROR: unknown command 'this'; known: BEGIN, COMMIT, COUNT, DELETE, END, GET, ROLLBACK, SET, UNSET
ERROR: GET takes 1 argument(s), got 2; usage: GET <key>
10
NO TRANSACTION
NO TRANSACTION
"""


def run_cli(stdin: str, *target: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *(target or ("-m", CLI_MODULE))]
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, cwd=REPO_ROOT, timeout=30, check=False
    )


def test_the_cli_answers_a_script_on_stdin_exactly() -> None:
    result = run_cli(SESSION_INPUT)
    assert result.stdout == SESSION_OUTPUT
    assert result.stderr == ""
    assert result.returncode == 0


def test_running_the_file_directly_behaves_the_same() -> None:
    result = run_cli(SESSION_INPUT, str(CLI_FILE))
    assert result.stdout == SESSION_OUTPUT
    assert result.returncode == 0


def test_the_cli_exits_cleanly_at_end_of_input_without_end() -> None:
    result = run_cli("SET a 1\nBEGIN\nGET a")  # no END, no final newline
    assert (result.stdout, result.stderr, result.returncode) == ("1\n", "", 0)


def test_the_cli_on_empty_input_prints_nothing() -> None:
    result = run_cli("")
    assert (result.stdout, result.stderr, result.returncode) == ("", "", 0)


BAD_BYTES_INPUT = b"SET a caf\xc3\nGET a\nSET b caf\xc3\xa9\nGET b\n"
BAD_BYTES_OUTPUT = (
    "ERROR: the line is not valid text: it holds bytes the input encoding cannot decode\nNULL\ncafé\n"
).encode()


# PYTHONIOENCODING=utf-8 gives strict decoding, as on a typical en_US.UTF-8 or macOS
# terminal; without it, this machine's C.UTF-8 locale gives surrogateescape.
@pytest.mark.parametrize("io_encoding", ["utf-8", None], ids=["strict_stdin", "surrogateescape_stdin"])
def test_bytes_that_are_not_utf8_get_an_error_line_and_the_session_goes_on(io_encoding: str | None) -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONIOENCODING"}
    if io_encoding:
        env["PYTHONIOENCODING"] = io_encoding
    result = subprocess.run(
        [sys.executable, "-m", CLI_MODULE],
        input=BAD_BYTES_INPUT,
        capture_output=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=30,
        check=False,
    )
    assert (result.stdout, result.stderr, result.returncode) == (BAD_BYTES_OUTPUT, b"", 0)


def test_a_reader_that_goes_away_ends_the_program_quietly(tmp_path: Path) -> None:
    """`python -m ...cli < script | head -1`: no traceback when head stops reading."""
    script = tmp_path / "script.txt"
    script.write_text("SET a 1\n" + "GET a\n" * 100_000)  # far more output than a pipe buffers
    with script.open("rb") as stdin, subprocess.Popen(
        [sys.executable, "-m", CLI_MODULE],
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO_ROOT,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        try:
            assert process.stdout.readline() == b"1\n"
            process.stdout.close()
            assert process.wait(timeout=30) == 1
            assert process.stderr.read() == b""
        finally:
            if process.poll() is None:
                process.kill()


def test_a_stdin_that_fails_on_read_is_one_error_line_on_stderr() -> None:
    """fd 0 open for writing only (`cli 0>/dev/null`): readable() says yes, read() fails."""
    with open(os.devnull, "wb") as write_only:
        result = subprocess.run(
            [sys.executable, "-m", CLI_MODULE],
            stdin=write_only,
            capture_output=True,
            text=True,
            cwd=REPO_ROOT,
            timeout=30,
            check=False,
        )
    assert (result.stdout, result.returncode) == ("", 1)
    assert result.stderr == "kv_database: [Errno 9] Bad file descriptor\n"


def test_the_page_transcript_matches_what_the_program_prints() -> None:
    transcript = io.StringIO()
    run(SCRIPT.splitlines(), transcript, echo=True)
    replies = [line for line in transcript.getvalue().splitlines() if not line.startswith("> ")]
    result = run_cli(SCRIPT)
    assert result.stdout.splitlines() == replies
    assert "NO TRANSACTION" in replies
    assert any(line.startswith("ERROR: ") for line in replies)


def test_each_reply_arrives_before_the_next_command_is_sent() -> None:
    """A program driving the CLI through a pipe gets each answer right away."""
    with subprocess.Popen(
        [sys.executable, "-m", CLI_MODULE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            for command, reply in [("SET a 1\nGET a\n", "1\n"), ("COUNT 1\n", "1\n"), ("GET b\n", "NULL\n")]:
                process.stdin.write(command)
                process.stdin.flush()
                ready, _, _ = select.select([process.stdout], [], [], 30)
                assert ready, f"no reply to {command!r} while the input stayed open"
                assert process.stdout.readline() == reply
            process.stdin.write("END\n")
            process.stdin.flush()
            assert process.wait(timeout=30) == 0
        finally:
            if process.poll() is None:
                process.kill()
