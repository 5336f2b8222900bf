"""write()'s return value and 'drain' bound a stream's buffer; ignoring them does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.language.node.node_programs import call_json

CHUNK = 16 * 1024
MARK = 64 * 1024  # the sink's highWaterMark in the example


@pytest.mark.parametrize("chunks", [1, 4, 64, 1024])
def test_ignoring_write_buffers_everything(node_build: Path, chunks: int) -> None:
    result = call_json(node_build, "backpressure", f"m.ignoreBackpressure({chunks})")
    # write() says false from the chunk that fills the mark on: 16, 32, 48 KiB are below it.
    assert result == {"peakBuffered": chunks * CHUNK, "refusals": max(0, chunks - 3)}


@pytest.mark.parametrize("chunks", [1, 4, 64, 1024])
def test_waiting_for_drain_keeps_the_buffer_at_the_mark(
    node_build: Path, chunks: int
) -> None:
    result = call_json(node_build, "backpressure", f"m.respectBackpressure({chunks})")
    assert result == {"peakBuffered": min(chunks * CHUNK, MARK), "pauses": chunks // 4}


def test_pipeline_holds_the_same_bytes_whether_1_or_128_mib_flow_through(
    node_build: Path,
) -> None:
    short, long = call_json(  # type: ignore[misc] - a two-element list from JSON
        node_build,
        "backpressure",
        "Promise.all([m.throughPipeline(64), m.throughPipeline(8192)])",
    )
    assert short == long
    assert short["peakBuffered"] == MARK
    # source, transform (both sides) and sink: 16 + 16 + 16 + 64 KiB of marks, never all full at once
    assert short["peakInAllStages"] <= (16 + 16 + 16 + 64) * 1024
    assert short["outcome"] == "finished"


def test_an_error_midway_rejects_the_pipeline_and_destroys_the_sink(
    node_build: Path,
) -> None:
    result = call_json(node_build, "backpressure", "m.throughPipeline(64, 3)")
    assert result["outcome"] == "rejected (bad record in chunk 3); sink destroyed: true"  # type: ignore[index]
