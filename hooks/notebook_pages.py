"""MkDocs hook: notebook pages get Material's markup instead of JupyterLab's inlined CSS."""

from handbook_build.notebook_html import materialize
from handbook_build.skills import is_notebook


def on_page_content(html, page, **_):
    if is_notebook(page.file.src_uri):
        return materialize(html)
    return html
