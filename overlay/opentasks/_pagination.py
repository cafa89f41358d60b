"""Cursor pages, and the rule that walks them; the pagers are in `_async/_pagination.py`.

A pager fetches nothing until it is iterated, then one page at a time, only when the previous
page is used up. The cursor rule (`next_page_cursor`) is a pure function shared by both pagers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from ._exceptions import OpenTasksError

__all__ = ["DEFAULT_PAGE_SIZE", "Page", "next_page_cursor"]

DEFAULT_PAGE_SIZE = 20
"""Items per page of every list, unless the caller asks for another size."""

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list.

    Attributes:
        data: The items on this page.
        has_more: Whether another page follows.
        next_cursor: The cursor of the next page (`None` on the last page of most lists).
    """

    data: list[T]
    has_more: bool
    next_cursor: str | None

    def __iter__(self) -> Iterator[T]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


def next_page_cursor(page: Page[T], previous: str | None) -> str | None:
    """Return the cursor of the page after `page`, or `None` when it was the last.

    Args:
        page: The page just fetched.
        previous: The cursor `page` was fetched with.

    Returns:
        The next cursor.

    Raises:
        OpenTasksError: The server says there is more but gives no new cursor, which would
            loop forever.
    """
    if not page.has_more:
        return None
    if not page.next_cursor or page.next_cursor == previous:
        msg = "the server reported more pages but no new cursor; stopping to avoid a loop"
        raise OpenTasksError(msg)
    return page.next_cursor
