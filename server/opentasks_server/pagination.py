"""Keyset pagination on `id`: cursors that name a position, pages of `limit + 1` rows.

Ids are ULIDs, so ordering by id is ordering by creation, and a page deep in a large table costs
what the first page costs: `WHERE id > :cursor ORDER BY id LIMIT n` walks an index.

A cursor is the id of the last item of a page. Any string of an id's shape is a position in that
order, whether or not such an id exists (it may have been deleted since), so every well-formed
cursor is accepted: the contract's `pattern` for `after` is the whole rule.
"""

from __future__ import annotations

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
# The contract's pattern for `after`: a type prefix and 26 characters of a ULID.
_ID = re.compile(r"[a-z]{1,16}_[0-9A-Z]{26}")


def encode_cursor(last_id: str) -> str:
    """Return the cursor that continues after an item.

    Args:
        last_id: The id of the last item of a page.

    Returns:
        The cursor: the id itself.
    """
    return last_id


def decode_cursor(cursor: str) -> str:
    """Return the id a cursor continues after.

    Args:
        cursor: The `after` query parameter.

    Returns:
        The id.

    Raises:
        ValidationFailed: When the cursor does not have an id's shape.
    """
    if not _ID.fullmatch(cursor):
        raise ValidationFailed(
            "The `after` cursor is not valid; pass the `next_cursor` of a previous page.",
            [
                FieldError(
                    loc=["query", "after"],
                    message="Not a cursor: an id, such as task_01JD0000000000000000000000",
                    type="invalid_cursor",
                )
            ],
        )
    return cursor


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
