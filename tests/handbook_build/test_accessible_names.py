"""Material's search dialog gets a name, and a change in Material's markup is caught, not ignored."""

from __future__ import annotations

import pytest

from handbook_build.accessible_names import NAMED_SEARCH_DIALOG, SEARCH_DIALOG, name_search_dialog


def test_the_search_dialog_is_named_once() -> None:
    page = f"<body>{SEARCH_DIALOG}<input></div><p>{SEARCH_DIALOG}</p></body>"
    named = name_search_dialog(page)
    assert named.count('aria-label="Search"') == 1
    assert named.startswith(f"<body>{NAMED_SEARCH_DIALOG}")


def test_markup_that_no_longer_matches_is_an_error() -> None:
    with pytest.raises(ValueError, match="search dialog markup changed"):
        name_search_dialog('<div class="md-search" role="dialog" data-md-component="search">')


def test_the_built_site_uses_markup_this_recognizes(built_site) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert NAMED_SEARCH_DIALOG in home
