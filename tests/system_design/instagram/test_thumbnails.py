"""Renditions: sizes, orientation, determinism, refusals; and the worker on a real RabbitMQ."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pika
import pytest
from PIL import EpsImagePlugin, Image, ImageFile

from examples.data.queues.broker import connect, ready_count, temporary_topology
from examples.data.queues.work_queue import drain, publish
from examples.system_design.instagram.thumbnails import (
    SIZES,
    Bucket,
    render,
    rendition_key,
    sample_photo,
    thumbnail_handler,
)

PHOTO_ID = "ab" * 16


def job(original_key: str) -> bytes:
    return json.dumps({"photo_id": PHOTO_ID, "original_key": original_key, "content_type": "image/jpeg"}).encode()


def dimensions(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        return image.size


def test_each_rendition_fits_its_box_and_keeps_the_aspect_ratio() -> None:
    out = render(sample_photo(3, 1200, 900), "image/jpeg")
    assert set(out) == set(SIZES)
    for name, side in SIZES.items():
        width, height = dimensions(out[name])
        assert max(width, height) == min(side, 1200)
        assert abs(width / height - 4 / 3) < 0.02


def test_a_small_original_is_never_enlarged() -> None:
    assert dimensions(render(sample_photo(3, 400, 300), "image/jpeg")["large"]) == (400, 300)


def test_rendering_is_deterministic_so_a_redelivery_rewrites_the_same_bytes() -> None:
    original = sample_photo(5, 1600, 1200)
    assert render(original, "image/jpeg") == render(original, "image/jpeg")


def test_draft_decoding_gives_the_same_sizes_as_full_decoding() -> None:
    original = sample_photo(4, 2400, 1800)  # draft halves it to 1200 x 900, still above 1080
    fast, full = render(original, "image/jpeg"), render(original, "image/jpeg", draft=False)
    assert {k: dimensions(v) for k, v in fast.items()} == {k: dimensions(v) for k, v in full.items()}


def test_the_exif_orientation_is_applied() -> None:
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    Image.new("RGB", (800, 400), "red").save(buffer, "JPEG", exif=exif)
    assert dimensions(render(buffer.getvalue(), "image/jpeg")["large"]) == (400, 800)


@pytest.mark.parametrize("data", [b"", b"<html>not a photo</html>", sample_photo(1, 64, 48)[:200]])
def test_what_is_not_a_photo_raises_value_error(data: bytes) -> None:
    with pytest.raises(ValueError, match="not a photo"):
        render(data, "image/jpeg")


def claims_size(width: int, height: int) -> bytes:
    """A tiny JPEG whose frame header (SOF0) claims `width` x `height` pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")  # marker, length (2), precision (1), height, width
    data[sof + 5 : sof + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


def never_decode(*_args, **_kwargs):
    raise AssertionError("pixels were decoded")


def test_too_many_pixels_are_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = claims_size(8000, 7500)  # 60 MP in the header, a few hundred bytes on the wire
    monkeypatch.setattr(ImageFile.ImageFile, "load", never_decode)
    with pytest.raises(ValueError, match="8000x7500 is too many pixels"):
        render(bomb, "image/jpeg")


EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n%%EndComments\nshowpage\n"


def test_a_postscript_file_is_never_handed_to_ghostscript(monkeypatch: pytest.MonkeyPatch) -> None:
    with Image.open(io.BytesIO(EPS)) as image:  # unrestricted, Pillow would take it
        assert image.format == "EPS"
    monkeypatch.setattr(EpsImagePlugin.EpsImageFile, "load", never_decode)
    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", never_decode)
    for content_type in ("image/jpeg", "image/png"):
        with pytest.raises(ValueError, match="not a photo"):
            render(EPS, content_type)


def test_the_bytes_must_be_the_declared_format() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "blue").save(buffer, "PNG")
    png = buffer.getvalue()
    assert dimensions(render(png, "image/png")["large"]) == (300, 200)
    with pytest.raises(ValueError, match="not a photo"):
        render(png, "image/jpeg")
    with pytest.raises(ValueError, match="not a photo"):
        render(sample_photo(1, 64, 48), "image/png")


@pytest.mark.parametrize("content_type", ["image/heic", "image/gif", "application/postscript"])
def test_types_the_worker_cannot_decode_are_refused(content_type: str) -> None:
    with pytest.raises(ValueError, match="not a photo type"):
        render(sample_photo(1, 64, 48), content_type)


@pytest.mark.parametrize(("photo_id", "size"), [("../etc", "small"), (PHOTO_ID, "huge"), (PHOTO_ID.upper(), "small")])
def test_rendition_keys_refuse_anything_but_a_photo_id_and_a_size(photo_id: str, size: str) -> None:
    with pytest.raises(ValueError, match="bad photo id or size"):
        rendition_key(photo_id, size)


def test_the_handler_writes_every_rendition_under_its_fixed_key() -> None:
    bucket = Bucket()
    handle = thumbnail_handler({"o/1": sample_photo(1, 800, 600)}, bucket)
    body = job("o/1")
    handle(PHOTO_ID, body)
    handle(PHOTO_ID, body)
    assert bucket.keys() == sorted(f"thumbs/{PHOTO_ID}/{s}.jpg" for s in SIZES)
    assert bucket.writes == 2 * len(SIZES)


MISSING = job("o/missing")


@pytest.mark.parametrize("body", [b"not json", b"{}", MISSING])
def test_a_malformed_job_fails_the_attempt_and_writes_nothing(body: bytes) -> None:
    bucket = Bucket()
    with pytest.raises((ValueError, KeyError)):
        thumbnail_handler({}, bucket)(PHOTO_ID, body)
    assert bucket.writes == 0


# --- on the real broker ------------------------------------------------------------


@pytest.fixture
def amqp(amqp_url: str) -> Iterator[pika.BlockingConnection]:
    with connect(amqp_url) as connection:
        yield connection


def contents(bucket: Bucket) -> dict[str, bytes]:
    return {key: bucket.get(key) for key in bucket.keys()}  # noqa: SIM118 -- not a dict


def test_a_worker_that_dies_before_the_ack_leaves_the_job_for_the_next(amqp: pika.BlockingConnection) -> None:
    bucket = Bucket()
    handle = thumbnail_handler({"o/1": sample_photo(1, 800, 600)}, bucket)
    with temporary_topology(amqp, "test.thumbs", delays_ms=(10, 20)) as topology:
        channel = amqp.channel()
        channel.confirm_delivery()
        publish(channel, topology.work, PHOTO_ID, job("o/1"))
        doomed = amqp.channel()
        _method, properties, body = doomed.basic_get(topology.work, auto_ack=False)
        handle(properties.message_id, body)
        first = contents(bucket)
        doomed.close()
        outcomes = drain(channel, topology, handle, idle_seconds=0.5)
        assert [o.action for o in outcomes] == ["acked"]
        assert contents(bucket) == first  # same keys, same bytes
        assert bucket.writes == 2 * len(SIZES)
        assert ready_count(channel, topology.work) == 0


def test_a_poison_job_is_dead_lettered_after_every_attempt(amqp: pika.BlockingConnection) -> None:
    bucket = Bucket()
    handle = thumbnail_handler({"o/bad": b"GIF89a but not really"}, bucket)
    with temporary_topology(amqp, "test.thumbs", delays_ms=(10, 20)) as topology:
        channel = amqp.channel()
        channel.confirm_delivery()
        publish(channel, topology.work, PHOTO_ID, job("o/bad"))
        outcomes = drain(channel, topology, handle, idle_seconds=0.5)
        assert [o.action for o in outcomes] == ["retry", "retry", "dead-lettered"]
        assert len(outcomes) == topology.max_attempts
        assert ready_count(channel, topology.dead) == 1
        assert bucket.writes == 0
