"""Replace a file so that a crash leaves the old version or the new one, never half.

write() only copies bytes into the kernel's page cache; a power cut loses them.
fsync() returns once the file's data (and the metadata needed to read it) is on
the device. A new name is a change to the *directory*, so the directory needs an
fsync of its own before the rename is durable.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path


# --8<-- [start:atomic_write]
def atomic_write(path: Path, data: bytes) -> None:
    """Durably replace `path` with `data`: write a temp file, fsync, rename, fsync dir."""
    if not isinstance(data, bytes):
        raise TypeError(f"data must be bytes, not {type(data).__name__}")
    directory = path.parent
    # Same directory: rename() fails (EXDEV) across file systems.
    fd, temp_name = tempfile.mkstemp(
        dir=directory, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as temp:
            with suppress(FileNotFoundError):  # keep the old mode, not mkstemp's 0600
                os.fchmod(temp.fileno(), stat.S_IMODE(os.stat(path).st_mode))
            temp.write(data)
            temp.flush()  # Python's buffer -> the kernel
            os.fsync(temp.fileno())  # the kernel -> the device
        os.replace(temp_name, path)  # atomic: readers see old or new
    except BaseException:
        os.unlink(temp_name)
        raise
    dir_fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(dir_fd)  # makes the new directory entry itself durable
    finally:
        os.close(dir_fd)


# --8<-- [end:atomic_write]


if __name__ == "__main__":
    # --8<-- [start:demo]
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "config.json"
        atomic_write(config, b'{"version": 1}')
        atomic_write(config, b'{"version": 2}')
        print(config.read_text())
        #> {"version": 2}
        try:
            atomic_write(config, '{"version": 3}')  # type: ignore[arg-type]
        except TypeError as error:
            print(error)
            #> data must be bytes, not str
        print(config.read_text(), sorted(p.name for p in Path(folder).iterdir()))
        #> {"version": 2} ['config.json']
    # --8<-- [end:demo]
