"""Work that runs alongside a test's body: a task of the test's event loop, or a thread.

The end-to-end tests are written once for the async client and generated for the sync one
(`_async/`, `_sync/`); this is the one place where the two flavours need different code, since a
sync test has no event loop to run a second task on.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import anyio

__all__ = ["abackground", "background"]

WAIT = 30.0
"""Seconds the end of the block waits for the work before the test fails."""


@contextlib.asynccontextmanager
async def abackground(work: Callable[[], Awaitable[object]]) -> AsyncIterator[None]:
    """Run `work` as a task alongside the block; at its end, wait for the work to finish.

    Args:
        work: The coroutine function to run.

    Yields:
        Nothing; the work runs while the block does. Its error fails the block.
    """
    done = anyio.Event()

    async def run() -> None:
        try:
            await work()
        finally:
            done.set()

    async with anyio.create_task_group() as group:
        group.start_soon(run)
        yield
        with anyio.fail_after(WAIT):
            await done.wait()


@contextlib.contextmanager
def background(work: Callable[[], object]) -> Iterator[None]:
    """Run `work` in a thread alongside the block; at its end, wait for the work to finish.

    Args:
        work: The function to run.

    Yields:
        Nothing; the work runs while the block does. Its error is raised at the block's end.
    """
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - raised again in the test's thread
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield
    thread.join(WAIT)
    assert not thread.is_alive(), f"the background work did not finish in {WAIT} s"
    if errors:
        raise errors[0]
