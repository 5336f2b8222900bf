"""The `# requires-server:` and `# requires-tool:` lines: a missing tool skips locally and fails under CI."""

from __future__ import annotations

import pytest

from tests.support.servers import require_what_source_names

SOURCE = '"""An example."""\n\n# requires-tool: ffmpeg, no-such-tool-here\n\nprint(1)\n'


def test_a_missing_tool_skips_locally_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-tool-here not installed"):
        require_what_source_names(SOURCE)


def test_a_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="under CI a missing tool is a failure"):
        require_what_source_names(SOURCE)


def test_tools_on_path_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    require_what_source_names("# requires-tool: python3\n")


def test_a_file_that_names_nothing_needs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    require_what_source_names('"""No requirements."""\nprint(1)\n')
