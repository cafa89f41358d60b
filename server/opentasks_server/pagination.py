"""Keyset pagination on `id`: opaque cursors, pages of `limit + 1` rows to know `has_more`.

Ids are ULIDs, so ordering by id is ordering by creation, and a page deep in a large table costs
what the first page costs: `WHERE id > :cursor ORDER BY id LIMIT n` walks an index.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from opentasks_schema import FieldError
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from opentasks_server.problems import ValidationFailed

__all__ = ["Page", "decode_cursor", "encode_cursor", "paginate"]

T = TypeVar("T")
_ID = re.compile(r"[a-z]+_[0-9A-Z]{26}")


def encode_cursor(last_id: str) -> str:
    """Return the cursor that continues after an item.

    Args:
        last_id: The id of the last item of a page.

    Returns:
        The opaque cursor (URL-safe base64 of the id, without padding).
    """
    return base64.urlsafe_b64encode(last_id.encode("ascii")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> str:
    """Return the id a cursor continues after.

    Args:
        cursor: The `after` query parameter.

    Returns:
        The id.

    Raises:
        ValidationFailed: When the cursor was not made by this server.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value = raw.decode("ascii")
    except (binascii.Error, ValueError):
        value = ""
    if not _ID.fullmatch(value):
        raise ValidationFailed(
            "The `after` cursor is not valid; pass the `next_cursor` of a previous page.",
            [
                FieldError(
                    loc=["query", "after"],
                    message="Not a cursor this server made",
                    type="invalid_cursor",
                )
            ],
        )
    return value


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of rows.

    Attributes:
        items: The rows, in the order asked for.
        has_more: Whether another page follows.
        next_cursor: The cursor of the next page, `None` on the last page.
    """

    items: list[T]
    has_more: bool
    next_cursor: str | None


async def paginate(
    session: AsyncSession,
    query: Select[T],
    id_column: InstrumentedAttribute[str],
    *,
    limit: int,
    after: str | None,
    newest_first: bool = False,
) -> Page[T]:
    """Fetch one page of a query, oldest first (or newest first).

    Args:
        session: The database session.
        query: The filtered query of one entity.
        id_column: The entity's `id` column.
        limit: The page size.
        after: The `after` cursor, or `None` for the first page.
        newest_first: Order by descending id; the cursor then continues downwards.

    Returns:
        The page.
    """
    if after is not None:
        cursor = decode_cursor(after)
        query = query.where(id_column < cursor if newest_first else id_column > cursor)
    order = id_column.desc() if newest_first else id_column
    rows: list[Any] = list((await session.scalars(query.order_by(order).limit(limit + 1))).all())
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].id) if has_more and rows else None
    return Page(items=rows, has_more=has_more, next_cursor=next_cursor)
