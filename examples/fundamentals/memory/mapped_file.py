"""A shared file mapping is the page cache itself: other readers see a write at once.

mmap with MAP_SHARED (Python's default for a file) maps the file's cached
pages into this process. A store into the mapping changes those pages, so any
other process reading the file, with read() or its own mapping, sees the new
bytes before anything reaches the disk. msync (mmap.flush()) is what writes
the dirty pages back and waits: the step that makes the change durable.
A MAP_PRIVATE mapping copies a page on the first write, and nobody else sees it.
"""

from __future__ import annotations

import mmap
import subprocess
import sys
import tempfile
from pathlib import Path

# Another process, so the point is not one Python object's buffer.
READER = "import sys; print(open(sys.argv[1], 'rb').read().decode())"


def read_in_another_process(path: Path) -> str:
    """The file's contents as a separate Python process reads them with read()."""
    return subprocess.run(  # noqa: S603 - our interpreter, our script, our file
        [sys.executable, "-c", READER, str(path)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout.strip()


# --8<-- [start:demo]
if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "state.txt"
        path.write_bytes(b"status=old")
        with open(path, "r+b") as file, mmap.mmap(file.fileno(), 0) as shared:
            shared[7:10] = b"new"  # a store into memory, no write() call
            print("other process reads:", read_in_another_process(path))
            #> other process reads: status=new
            shared.flush()  # msync(MS_SYNC): dirty pages to disk, then return
        with (
            open(path, "r+b") as file,
            mmap.mmap(file.fileno(), 0, flags=mmap.MAP_PRIVATE) as private,
        ):
            private[7:10] = b"xyz"  # copy-on-write: this process's page only
            print("private mapping sees:", private[:].decode())
            #> private mapping sees: status=xyz
            print("other process reads:", read_in_another_process(path))
            #> other process reads: status=new
# --8<-- [end:demo]
