"""MkDocs hook: under `mkdocs serve --dirty`, also rebuild pages whose includes or shared inputs changed."""

from pathlib import Path

from handbook_build.stale_pages import stale_pages

_dirty = False


def on_startup(command, dirty, **_):
    global _dirty
    _dirty = dirty


def on_files(files, config):
    if not _dirty:
        return files
    root = Path(config.config_file_path).parent
    shared = [root / name for name in ("mkdocs.yml", "data", "hooks", "handbook_build", "overrides")]
    pages = {
        f.src_uri: (Path(f.abs_src_path), Path(f.abs_dest_path))
        for f in files.documentation_pages()
        if f.abs_src_path is not None
    }
    for uri in stale_pages(pages, root, shared):
        # MkDocs asks each File whether it changed; these did, through their inputs.
        files.get_file_from_path(uri).is_modified = lambda: True
    return files
