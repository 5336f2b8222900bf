"""Names for the parts of Material's markup that screen readers would otherwise announce unnamed.

Material renders its search overlay as `role="dialog"` without a name; axe
(aria-dialog-name) and Lighthouse flag it. The name is added to the built HTML
rather than by copying Material's template into overrides/.
"""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'


def name_search_dialog(html: str) -> str:
    """`html` with the search dialog named; an error if Material's markup no longer matches."""
    if SEARCH_DIALOG not in html:
        raise ValueError(
            "the search dialog markup changed in this Material version; update handbook_build/accessible_names.py"
        )
    return html.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)
