"""Notebook pages lose JupyterLab's CSS and copy machinery and gain Material's code markup."""

from __future__ import annotations

from handbook_build.notebook_html import materialize

# The shape of mkdocs-jupyter 0.26's output, trimmed to one code cell and its output.
NOTEBOOK_HTML = """<script>
(function (global, factory) { global.ClipboardCopyElement = factory(); }(this, function () {
  window.customElements.define('clipboard-copy', class extends HTMLElement {});
}));
</script>
<script>
document.addEventListener('clipboard-copy', function(event) {});
</script>
<style type="text/css">
.highlight-ipynb .k { color: #008000 }
</style>
<style type="text/css">:root { --jp-cell-padding: 5px; }</style>
<div class="jupyter-wrapper">
<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell">
<div class="jp-Cell-inputWrapper" tabindex="0">
<p>Prose.</p>
</div>
</div>
<div class="jp-Cell jp-CodeCell jp-Notebook-cell">
<div class="jp-Cell-inputWrapper" tabindex="0">
<div class="jp-InputPrompt jp-InputArea-prompt">In [1]:</div>
<div class="zeroclipboard-container">
<clipboard-copy for="cell-1" aria-label="Copy to Clipboard">
<div><span class="notice" hidden>Copied!</span><svg aria-hidden="true"><path d="M0"></path></svg></div>
</clipboard-copy>
</div>
<div class="highlight-ipynb hl-python"><pre><span></span><span class="nb">print</span><span class="p">(</span>\
<span class="s2">"&lt;div&gt;"</span><span class="p">)</span>
</pre></div>
<div class="clipboard-copy-txt" id="cell-1">print("&lt;div&gt;")</div>
</div>
<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" tabindex="0">
<pre>&lt;div&gt;
</pre>
</div>
<div class="jp-RenderedImage jp-OutputArea-output" tabindex="0">
<img alt="A chart" src="data:image/png;base64,iVBORw0KGgo=">
</div>
</div>
</div>"""


def test_jupyterlab_css_and_copy_machinery_are_gone() -> None:
    html = materialize(NOTEBOOK_HTML)
    for leftover in ("<style", "clipboard-copy", "ClipboardCopyElement", "zeroclipboard", "highlight-ipynb"):
        assert leftover not in html


def test_code_and_output_become_material_code_blocks() -> None:
    html = materialize(NOTEBOOK_HTML)
    assert (
        '<div class="language-python highlight"><pre><span></span><code><span class="nb">print</span>'
        in html
    )
    assert '<div class="highlight"><pre><code>&lt;div&gt;\n</code></pre></div>' in html
    # The source is shown once: the hidden copy for the old copy button is gone.
    assert html.count('print</span>') == 1
    assert 'print("&lt;div&gt;")' not in html


def test_only_the_code_blocks_remain_tab_stops() -> None:
    html = materialize(NOTEBOOK_HTML)
    assert 'tabindex="0"' not in html  # Material makes each <pre><code> focusable itself


def test_a_page_without_notebook_markup_is_unchanged() -> None:
    page = '<h1>Title</h1>\n<div class="highlight"><pre><code>x = 1\n</code></pre></div>'
    assert materialize(page) == page
