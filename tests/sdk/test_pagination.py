"""Lazy pagination: pages are fetched one at a time, only when needed."""

from __future__ import annotations

import pytest
from opentasks import AsyncPager, OpenTasksError, Page, SyncPager
from opentasks._pagination import next_page_cursor

PAGES = {
    None: Page([1, 2], True, "c1"),
    "c1": Page([3, 4], True, "c2"),
    "c2": Page([5], False, None),
}


def test_next_cursor_rule() -> None:
    """The next cursor comes from a page that has more; the last page ends the walk."""
    assert next_page_cursor(Page([1], True, "x"), None) == "x"
    assert next_page_cursor(Page([1], False, "x"), None) is None
    assert next_page_cursor(Page([], False, None), "x") is None


@pytest.mark.parametrize("cursor", [None, "", "same"])
def test_more_without_a_new_cursor_stops_a_loop(cursor: str | None) -> None:
    """A server claiming more pages without a new cursor cannot loop the client forever."""
    with pytest.raises(OpenTasksError, match="cursor"):
        next_page_cursor(Page([1], True, cursor), "same")


def test_sync_pager_is_lazy() -> None:
    """Nothing is fetched until iteration, and each page only when the last is used up."""
    fetched: list[str | None] = []

    def fetch(cursor: str | None) -> Page[int]:
        fetched.append(cursor)
        return PAGES[cursor]

    pager = SyncPager(fetch)
    assert fetched == []
    items = iter(pager)
    assert [next(items), next(items)] == [1, 2]
    assert fetched == [None]
    assert list(items) == [3, 4, 5]
    assert fetched == [None, "c1", "c2"]
    assert [page.data for page in pager.pages()] == [[1, 2], [3, 4], [5]]
    assert pager.first_page().data == [1, 2]


def test_sync_pager_starts_after_a_cursor() -> None:
    """`after` starts the walk at a later page."""
    assert list(SyncPager(PAGES.__getitem__, after="c1")) == [3, 4, 5]


async def test_async_pager() -> None:
    """The async pager walks items with `async for` and pages with `.pages()`."""

    async def fetch(cursor: str | None) -> Page[int]:
        return PAGES[cursor]

    pager = AsyncPager(fetch)
    assert [item async for item in pager] == [1, 2, 3, 4, 5]
    assert [len(page) async for page in pager.pages()] == [2, 2, 1]
    assert (await pager.first_page()).data == [1, 2]
