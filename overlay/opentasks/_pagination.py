"""Lazy, auto-paginating iterators over the API's cursor pages.

A pager fetches nothing until it is iterated, then one page at a time, only when the previous
page is used up. The cursor rule (`next_page_cursor`) is a pure function shared by both pagers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, NoReturn, TypeVar

from ._exceptions import OpenTasksError

__all__ = ["AsyncPager", "Page", "SyncPager", "next_page_cursor"]

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


class SyncPager(Generic[T]):
    """Iterates over every item of a list, fetching pages lazily.

    `for item in pager` walks the items; `pager.pages()` walks the pages.

    Args:
        fetch: Fetches the page after a cursor (`None` for the first page).
        after: The cursor to start after.
    """

    def __init__(self, fetch: Callable[[str | None], Page[T]], *, after: str | None = None) -> None:
        self._fetch = fetch
        self._after = after

    def pages(self) -> Iterator[Page[T]]:
        """Iterate over the pages, fetching each when the previous one is done.

        Yields:
            Each page, the first included even when empty.
        """
        cursor = self._after
        while True:
            page = self._fetch(cursor)
            yield page
            cursor = next_page_cursor(page, cursor)
            if cursor is None:
                return

    def first_page(self) -> Page[T]:
        """Fetch only the first page.

        Returns:
            The first page.
        """
        return self._fetch(self._after)

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.data


class AsyncPager(Generic[T]):
    """Iterates asynchronously over every item of a list, fetching pages lazily.

    `async for item in pager` walks the items; `pager.pages()` walks the pages.

    Args:
        fetch: Fetches the page after a cursor (`None` for the first page).
        after: The cursor to start after.
    """

    def __init__(
        self, fetch: Callable[[str | None], Awaitable[Page[T]]], *, after: str | None = None
    ) -> None:
        self._fetch = fetch
        self._after = after

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Iterate over the pages, fetching each when the previous one is done.

        Yields:
            Each page, the first included even when empty.
        """
        cursor = self._after
        while True:
            page = await self._fetch(cursor)
            yield page
            cursor = next_page_cursor(page, cursor)
            if cursor is None:
                return

    async def first_page(self) -> Page[T]:
        """Fetch only the first page.

        Returns:
            The first page.
        """
        return await self._fetch(self._after)

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.data:
                yield item

    if not TYPE_CHECKING:
        # Hidden from type checkers, which then flag `await pager` as the mistake it is; at
        # run time the error says what to write instead of "can't be used in 'await'".
        def __await__(self) -> NoReturn:
            msg = (
                "an AsyncPager is not awaitable: iterate it with `async for item in pager`, "
                "or `await pager.first_page()` for one page"
            )
            raise TypeError(msg)
