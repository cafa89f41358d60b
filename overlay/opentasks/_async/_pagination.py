"""A lazy, auto-paginating iterator over the API's cursor pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Generic, NoReturn, TypeVar

from opentasks._pagination import Page, next_page_cursor

__all__ = ["AsyncPager"]

T = TypeVar("T")


class AsyncPager(Generic[T]):
    """Iterates over every item of a list, fetching pages lazily.

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
        # Hidden from type checkers, which then flag awaiting a pager as the mistake it is; at
        # run time the error says what to write instead of "can't be used in 'await'".
        def __await__(self) -> NoReturn:
            msg = (
                "a pager is not awaitable: iterate it with `async for item in pager`, "
                "or `await pager.first_page()` for one page"
            )
            raise TypeError(msg)
