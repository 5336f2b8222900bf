"""Make a photo's renditions with Pillow, under keys that depend only on the photo.

A queue delivers at least once, so a worker must expect to make the same
renditions twice. Deterministic keys (thumbs/<photo id>/<size>.jpg) make the
second run rewrite the same objects instead of leaving strays, and JPEG
encoding of the same pixels with the same settings gives the same bytes.
"""

from __future__ import annotations

import io
import json
import re
import threading

from PIL import Image, ImageOps

# Longest side in pixels of each rendition: the grid, the feed, full screen.
SIZES = {"small": 150, "medium": 640, "large": 1080}
MAX_PIXELS = 50_000_000  # a 12 MP phone photo is far below; a decompression bomb is not
FORMAT_OF = {"image/jpeg": "JPEG", "image/png": "PNG"}  # the types uploads.py grants
JPEG_QUALITY = 82
_PHOTO_ID = re.compile(r"[0-9a-f]{32}")


class Bucket:
    """An in-memory stand-in for the renditions bucket: put overwrites."""

    def __init__(self) -> None:
        self._objects: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self.writes = 0

    def put(self, key: str, body: bytes) -> None:
        with self._lock:
            self._objects[key] = body
            self.writes += 1

    def get(self, key: str) -> bytes:
        with self._lock:
            return self._objects[key]

    def keys(self) -> list[str]:
        with self._lock:
            return sorted(self._objects)


# --8<-- [start:render]
def rendition_key(photo_id: str, size: str) -> str:
    if not _PHOTO_ID.fullmatch(photo_id) or size not in SIZES:
        raise ValueError(f"bad photo id or size: {photo_id!r}, {size!r}")
    return f"thumbs/{photo_id}/{size}.jpg"


def render(
    original: bytes, content_type: str, *, draft: bool = True
) -> dict[str, bytes]:
    """JPEG bytes of each rendition; ValueError if `original` is not a usable photo."""
    if content_type not in FORMAT_OF:
        raise ValueError(f"not a photo type: {content_type!r}")
    try:
        # Only the declared format is tried: Pillow would otherwise identify
        # dozens of formats, some (EPS) decoded by running Ghostscript.
        formats = (FORMAT_OF[content_type],)
        with Image.open(io.BytesIO(original), formats=formats) as image:
            # open() has read only the header, so this refuses a decompression bomb
            # before a single pixel is decoded.
            if image.width * image.height > MAX_PIXELS:
                raise ValueError(f"{image.width}x{image.height} is too many pixels")
            # A JPEG can decode at 1/2, 1/4 or 1/8 scale for far less work;
            # ask for the smallest scale still at least as large as "large".
            if draft:
                image.draft("RGB", (SIZES["large"], SIZES["large"]))
            current = ImageOps.exif_transpose(image).convert("RGB")
    except (OSError, Image.DecompressionBombError) as error:  # not an image at all
        raise ValueError(f"not a photo: {error}") from error
    out = {}
    # Largest first, each from the one before: the full-size image is resized
    # once, not copied and resized for every rendition.
    for name, side in sorted(SIZES.items(), key=lambda item: -item[1]):
        current.thumbnail((side, side), Image.Resampling.LANCZOS)  # keeps aspect
        buffer = io.BytesIO()
        current.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
        out[name] = buffer.getvalue()
    return {name: out[name] for name in SIZES}


# --8<-- [end:render]


# --8<-- [start:handler]
def thumbnail_handler(originals: dict[str, bytes], bucket: Bucket):
    """The queue handler: raise to fail the attempt, return to have it acked."""

    def handle(message_id: str, body: bytes) -> None:
        job = json.loads(body)
        photo_id = job["photo_id"]
        renditions = render(originals[job["original_key"]], job["content_type"])
        for size, data in renditions.items():
            bucket.put(rendition_key(photo_id, size), data)
        # Only now may the caller ack: every output is written. A crash before
        # this line means a redelivery, which rewrites the same keys.

    return handle


# --8<-- [end:handler]


def sample_photo(seed: int, width: int = 2016, height: int = 1512) -> bytes:
    """A generated JPEG with gradients and blocks: repeatable, photo-like enough."""
    image = Image.linear_gradient("L").resize((width, height))
    color = Image.merge("RGB", (image, image.rotate(90).resize((width, height)), image))
    tile = max(8, width // 16)
    for n in range(24):
        shade = (seed * 37 + n * 53) % 256
        x, y = (seed * 101 + n * 211) % width, (seed * 57 + n * 131) % height
        color.paste((shade, 255 - shade, (shade * 3) % 256), (x, y, x + tile, y + tile))
    buffer = io.BytesIO()
    color.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()
