from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.deployment.dockerfile_rules import DockerfileError, check, check_file, parse
from examples.system_design.deployment.paths import DOCKERFILE, DOCKERIGNORE

GOOD_TAIL = 'USER 10001\nHEALTHCHECK CMD ["true"]\nCMD ["python", "app.py"]\n'


def rules(text: str) -> set[tuple[str, int]]:
    return {(f.rule, f.line) for f in check(text)}


def test_our_dockerfile_passes_every_rule() -> None:
    assert check_file(DOCKERFILE) == []


def test_our_dockerfile_pins_a_tag_runs_as_a_numeric_user_in_exec_form() -> None:
    by_keyword = {i.keyword: i.args for i in parse(DOCKERFILE.read_text())}
    assert by_keyword["FROM"] == "python:3.11.7-slim-bookworm"
    assert by_keyword["USER"] == "10001:10001"
    assert by_keyword["CMD"] == '["python", "app.py", "serve"]'


def test_dockerignore_sends_only_the_app() -> None:
    lines = [line for line in DOCKERIGNORE.read_text().splitlines() if not line.startswith("#")]
    assert lines == ["*", "!app.py"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FROM python\n" + GOOD_TAIL, ("unpinned-base", 1)),
        ("FROM python:latest\n" + GOOD_TAIL, ("unpinned-base", 1)),
        ("FROM registry:5000/team/app\n" + GOOD_TAIL, ("unpinned-base", 1)),
        ('FROM python:3.11\nHEALTHCHECK CMD ["true"]\nCMD ["x"]\n', ("runs-as-root", 1)),
        ("FROM python:3.11\nUSER 10001\nUSER root\n" + 'HEALTHCHECK CMD ["true"]\nCMD ["x"]\n', ("runs-as-root", 3)),
        ("FROM python:3.11\nUSER 0:0\n" + 'HEALTHCHECK CMD ["true"]\nCMD ["x"]\n', ("runs-as-root", 2)),
        ('FROM python:3.11\nUSER 1\nHEALTHCHECK CMD ["true"]\nCMD python app.py\n', ("shell-form", 4)),
        ('FROM python:3.11\nUSER 1\nHEALTHCHECK CMD ["true"]\nENTRYPOINT [\'python\']\n', ("shell-form", 4)),
        ("FROM python:3.11\nADD https://example.com/x.tgz /x\n" + GOOD_TAIL, ("add-url", 2)),
        ("FROM python:3.11\nENV DB_PASSWORD=hunter2\n" + GOOD_TAIL, ("secret-in-image", 2)),
        ("FROM python:3.11\nENV GITHUB_TOKEN abc\n" + GOOD_TAIL, ("secret-in-image", 2)),
        ("FROM python:3.11\nARG NPM_SECRET\n" + GOOD_TAIL, ("secret-in-image", 2)),
        ('FROM python:3.11\nUSER 1\nCMD ["x"]\n', ("no-healthcheck", 1)),
        ('FROM python:3.11\nUSER 1\nHEALTHCHECK NONE\nCMD ["x"]\n', ("no-healthcheck", 1)),
        ("FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n" + GOOD_TAIL,
         ("apt-recommends", 2)),
        ("FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl\n" + GOOD_TAIL,
         ("apt-lists", 2)),
        ("FROM python:3.11\nRUN pip install --no-cache-dir -r req.txt\n" + GOOD_TAIL, ("pip-hashes", 2)),
        ("FROM python:3.11\nRUN python -m pip install flask==3.0.0\n" + GOOD_TAIL, ("pip-cache", 2)),
    ],
)  # fmt: skip
def test_each_rule_is_caught_on_the_right_line(text: str, expected: tuple[str, int]) -> None:
    assert expected in rules(text)


def test_clean_variants_pass() -> None:
    clean = [
        "FROM python@sha256:" + "a" * 64 + "\n" + GOOD_TAIL,
        "FROM scratch\n" + GOOD_TAIL,
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl "
        "&& rm -rf /var/lib/apt/lists/*\n" + GOOD_TAIL,
        "FROM python:3.11\nRUN pip install --no-cache-dir --require-hashes -r req.txt\n" + GOOD_TAIL,
        "FROM python:3.11\nENV PORT=8080 LOG_LEVEL=info\n" + GOOD_TAIL,
        # ADD verifies a pinned checksum itself (Dockerfile syntax 1.6 and later).
        "FROM python:3.11\nADD --checksum=sha256:" + "b" * 64 + " https://example.com/x.tgz /x\n" + GOOD_TAIL,
    ]
    for text in clean:
        assert check(text) == [], text


def test_multi_stage_checks_user_and_healthcheck_on_the_final_stage_only() -> None:
    text = (
        "FROM python:3.11 AS build\n"  # no USER here: a build stage may run as root
        "RUN pip install --no-cache-dir --require-hashes -r req.txt\n"
        "FROM build AS test\n"  # a stage name is not an unpinned image
        "FROM python:3.11-slim\n" + GOOD_TAIL
    )
    assert check(text) == []
    assert [i.stage for i in parse(text)] == [0, 0, 1, 2, 2, 2, 2]


def test_continuations_and_comments_inside_them_keep_the_first_line_number() -> None:
    text = "FROM python:3.11\nENV A=1 \\\n# a comment inside the continuation\n    API_KEY=x\n" + GOOD_TAIL
    instructions = parse(text)
    assert (instructions[1].line, instructions[1].args) == (2, "A=1 API_KEY=x")
    assert ("secret-in-image", 2) in rules(text)


def test_the_escape_directive_changes_the_continuation_character() -> None:
    text = "# escape=`\nFROM python:3.11\nENV A=1 `\n    B=2\n" + GOOD_TAIL
    assert parse(text)[1].args == "A=1 B=2"
    # After an instruction, `# escape=` is only a comment.
    assert parse("FROM python:3.11\n# escape=`\n" + GOOD_TAIL)[0].keyword == "FROM"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no instructions"),
        ("# only a comment\n\n", "no instructions"),
        ("ARG VERSION=3.11\n", "no FROM"),
        ("RUN echo hi\nFROM python:3.11\n", "RUN before the first FROM"),
        ("FROM python:3.11\nFRM x\n", "unknown instruction 'FRM'"),
        ("FROM python:3.11\nRUN echo \\\n", "ends inside a continued instruction"),
        ("# escape=x\nFROM python:3.11\n", "escape must be"),
        ("FROM --platform=linux/amd64\n", "FROM needs an image"),
        ('FROM python:3.11\nENV GREETING="hello\n', "line 2: ENV: No closing quotation"),
    ],
)
def test_bad_input_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(DockerfileError, match=message):
        check(text)


def test_non_text_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="as str"):
        parse(b"FROM python:3.11")  # type: ignore[arg-type]


@given(tag=st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True))
def test_any_tag_but_latest_pins_the_base(tag: str) -> None:
    flagged = ("unpinned-base", 1) in rules(f"FROM python:{tag}\n" + GOOD_TAIL)
    assert flagged is (tag == "latest")


@given(comments=st.lists(st.sampled_from(["# note", "", "   # indented note"]), max_size=5))
def test_comment_and_blank_lines_only_shift_line_numbers(comments: list[str]) -> None:
    body = "FROM python\nCMD python app.py\n"
    text = "\n".join(comments) + ("\n" if comments else "") + body
    offset = len(comments)
    assert {(rule, line - offset) for rule, line in rules(text)} == rules(body)
