"""MkDocs hook: make `mkdocs serve --dirty` rebuild what an edit changed, and only that.

Also rebuilt: pages whose included examples or shared inputs changed. Not
rebuilt: generated pages whose data did not change. Kept between rebuilds:
compiled theme templates.
"""

from pathlib import Path

from jinja2 import BytecodeCache

from handbook_build.stale_pages import fresh_generated_pages, stale_pages

_dirty = False


class _TemplatesInMemory(BytecodeCache):
    """Compiled Jinja templates, keyed by name and source checksum, for the life of `serve`."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_templates = _TemplatesInMemory()


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
    for uri in fresh_generated_pages(pages, Path(config.docs_dir), shared):
        files.get_file_from_path(uri).is_modified = lambda: False
    return files


def on_env(env, config, files):
    # serve reloads the configuration, and with it a fresh theme, at every
    # rebuild; without this each rebuild compiles every template again.
    if _dirty:
        env.bytecode_cache = _templates
    return env
