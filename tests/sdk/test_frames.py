"""`FrameDecoder`: the data of each Server-Sent Events frame, however the bytes are cut."""

from __future__ import annotations

import pytest
from opentasks._sse import FrameDecoder

_STREAM = (
    b": a comment\n"
    b'id: evt_1\nevent: chunk\ndata: {"a": 1}\n\n'
    b"retry: 1000\n\n"
    b"data: first\ndata: second\n\n"
    b"data:no space\n\n"
    b"data:  two spaces\n\n"
    b"data\n\n"
    b"event: empty\n\n"
    b"datax: not data\ndata: kept\n\n"
)
_DATA = [b'{"a": 1}', b"first\nsecond", b"no space", b" two spaces", b"", b"kept"]


def _decode(chunks: list[bytes]) -> list[bytes]:
    decoder = FrameDecoder()
    return [data for chunk in chunks for data in decoder.feed(chunk)]


def test_each_frame_gives_its_data() -> None:
    """Data lines are joined by LF; other fields, comments and data-less frames give nothing."""
    assert _decode([_STREAM]) == _DATA


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_the_cut_between_chunks_does_not_matter(size: int) -> None:
    """The same stream in chunks of any size decodes the same."""
    chunks = [_STREAM[i : i + size] for i in range(0, len(_STREAM), size)]
    assert _decode(chunks) == _DATA


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"], ids=["crlf", "cr"])
@pytest.mark.parametrize("size", [1, 5, 1000])
def test_crlf_and_cr_end_lines_as_lf_does(ending: bytes, size: int) -> None:
    """CRLF and lone CR are line endings too, even with a CRLF cut between two chunks."""
    stream = _STREAM.replace(b"\n", ending)
    chunks = [stream[i : i + size] for i in range(0, len(stream), size)]
    assert _decode(chunks) == _DATA


def test_an_unfinished_frame_waits_for_its_blank_line() -> None:
    """A frame is given only once the blank line that ends it has arrived."""
    decoder = FrameDecoder()
    assert decoder.feed(b"data: x\n") == []
    assert decoder.feed(b"\ndata: y") == [b"x"]
    assert decoder.feed(b"\n\n") == [b"y"]
