# generated from overlay/opentasks/_async/_pagination.py by generator/unasync.py — do not edit; run `python -m nox -s generate`

"""A lazy, auto-paginating iterator over the API's cursor pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Generic, NoReturn, TypeVar

from opentasks._pagination import Page, next_page_cursor

__all__ = ["SyncPager"]

T = TypeVar("T")


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
            for item in page.data:
                yield item

    if not TYPE_CHECKING:
        # Hidden from type checkers, which then flag awaiting a pager as the mistake it is; at
        # run time the error says what to write instead of "can't be used in 'await'".
        def __await__(self) -> NoReturn:
            msg = (
                "a pager is not awaitable: iterate it with `for item in pager`, "
                "or `pager.first_page()` for one page"
            )
            raise TypeError(msg)
