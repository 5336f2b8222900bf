"""Make a notebook page (mkdocs-jupyter's HTML) look and weigh like every other page.

mkdocs-jupyter inlines about 590 KB of JupyterLab CSS into each notebook page,
styles code for the light theme only, and adds its own copy buttons. This turns
its markup into Material's: code cells and printed output become Material code
blocks (palette-aware colors, Material's copy button), and the JupyterLab CSS,
clipboard script and duplicate source copies go. The few layout rules the cells
still need are in docs/assets/stylesheets/handbook.css.
"""

from __future__ import annotations

import re

_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)
# Its copy button, the hidden copy of each cell's source it copies from, and the script behind them.
_COPY_BUTTON = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.DOTALL)
_COPY_SOURCE = re.compile(r'<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>', re.DOTALL)
_SCRIPT = re.compile(r"<script>(?:(?!</script>).)*?clipboard-copy.*?</script>", re.DOTALL | re.IGNORECASE)
_CODE_CELL = re.compile(
    r'<div class="highlight-ipynb hl-(?P<lang>[\w-]+)"><pre>(?P<lead>(?:<span></span>)?)(?P<code>.*?)</pre></div>',
    re.DOTALL,
)
# nbconvert makes every cell's input and output a tab stop, prose and images
# included. Material makes the <code> of each code block focusable, so it can
# be scrolled from the keyboard; nothing else here needs to be a tab stop.
_TAB_STOP = re.compile(r'(<div class="(?:jp-Cell-inputWrapper|jp-\w+ jp-OutputArea-output)[^"]*"[^>]*?)\s+tabindex="0"')
_TEXT_OUTPUT = re.compile(
    r'(?P<open><div class="jp-RenderedText jp-OutputArea-output"[^>]*>)\s*<pre>(?P<text>.*?)</pre>', re.DOTALL
)


def materialize(html: str) -> str:
    """`html` of a notebook page with Material's code markup and without JupyterLab's CSS."""
    html = _STYLE.sub("", html)
    html = _COPY_BUTTON.sub("", html)
    html = _COPY_SOURCE.sub("", html)
    html = _SCRIPT.sub("", html)
    html = _TAB_STOP.sub(r"\1", html)
    code_block = r'<div class="language-\g<lang> highlight"><pre>\g<lead><code>\g<code></code></pre></div>'
    html = _CODE_CELL.sub(code_block, html)
    return _TEXT_OUTPUT.sub(r'\g<open><div class="highlight"><pre><code>\g<text></code></pre></div>', html)
