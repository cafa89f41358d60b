"""Column types that behave the same on SQLite and PostgreSQL.

PostgreSQL's text types cannot hold the NUL character (U+0000), which SQLite and the API allow
in any text. On PostgreSQL, `text_type` columns store text through `escape_nul`, which writes
NUL as U+0001 `0` and U+0001 itself as U+0001 `1`, and read it back through `unescape_nul`; a
value holding neither character, nearly every value, is stored as it is. `key_type` columns hold
only the server's own ids, which hold neither, so only the values compared with them are
escaped: a client's id with a NUL in it then matches nothing instead of failing in the driver.
SQLite gets the plain types, with no conversion either way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, Dialect, String, Text
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = ["UTCDateTime", "escape_nul", "key_type", "text_type", "unescape_nul", "utcnow"]

_NUL = "\x00"
_ESCAPE = "\x01"
_ESCAPED_NUL = _ESCAPE + "0"
_ESCAPED_ESCAPE = _ESCAPE + "1"


def escape_nul(value: str) -> str:
    """Write text so that it holds no NUL character, reversibly (see `unescape_nul`).

    Args:
        value: Any text.

    Returns:
        The text with U+0001 written as U+0001 `1` and then NUL as U+0001 `0`; the same
        object when it holds neither.
    """
    if _NUL not in value and _ESCAPE not in value:
        return value
    return value.replace(_ESCAPE, _ESCAPED_ESCAPE).replace(_NUL, _ESCAPED_NUL)


def unescape_nul(value: str) -> str:
    """Read text written by `escape_nul`.

    Every U+0001 of escaped text starts a pair, so each replacement finds whole pairs only.

    Args:
        value: Text `escape_nul` returned.

    Returns:
        The original text.
    """
    if _ESCAPE not in value:
        return value
    return value.replace(_ESCAPED_NUL, _NUL).replace(_ESCAPED_ESCAPE, _ESCAPE)


class _EscapedText(TypeDecorator[str]):
    """PostgreSQL `text` holding any text, NUL included (see the module)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        """Escape the text before it is stored or compared."""
        return None if value is None else escape_nul(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        """Unescape what the database returns."""
        return None if value is None else unescape_nul(value)


class _EscapedKey(TypeDecorator[str]):
    """PostgreSQL `varchar` of the server's ids: values compared with them are escaped."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        """Escape a value, so that one with a NUL can be sent and matches no id."""
        return None if value is None else escape_nul(value)


def text_type(length: int | None = None) -> TypeEngine[str]:
    """Return the type of a column holding a client's text.

    Args:
        length: The longest value the API accepts, declared on SQLite (which ignores it);
            PostgreSQL gets `text`, as escaped text may be longer than what was sent.

    Returns:
        `VARCHAR(length)` (or `TEXT`) on SQLite, NUL-escaped `text` on PostgreSQL.
    """
    plain: TypeEngine[str] = Text() if length is None else String(length)
    return plain.with_variant(_EscapedText(), "postgresql")


def key_type(length: int) -> TypeEngine[str]:
    """Return the type of a column holding the server's ids, which clients name in requests.

    Args:
        length: The declared length.

    Returns:
        `VARCHAR(length)` on every backend; on PostgreSQL the values compared with it escaped.
    """
    return String(length).with_variant(_EscapedKey(length), "postgresql")


def utcnow() -> dt.datetime:
    """Return the current time as an aware UTC datetime.

    Returns:
        Now, in UTC.
    """
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime on every backend.

    SQLite has no time zone type and hands back naive datetimes; PostgreSQL's `timestamptz`
    hands back aware ones. Storing UTC and re-attaching UTC on the way out makes both the same,
    so the API always answers RFC 3339 timestamps in UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:  # noqa: ANN401 - the driver value differs per dialect
        """Convert an aware datetime to UTC before it is stored."""
        if value is None:
            return None
        if value.tzinfo is None:
            msg = "naive datetimes are not stored; pass an aware UTC datetime"
            raise ValueError(msg)
        value = value.astimezone(dt.UTC)
        # SQLite would store the offset text and then fail to compare it; store naive UTC there.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:  # noqa: ANN401 - the driver value differs per dialect
        """Re-attach UTC to what the database returns."""
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
