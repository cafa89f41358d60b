"""How an overlay method runs a generated `asyncio_detailed` function."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
from opentasks_api.types import UNSET, Response

from opentasks._arguments import check_page_size, check_path_arguments
from opentasks._context import (
    ErrorAnswer,
    QueryValue,
    finish_call,
    parse_failure,
    start_call,
)
from opentasks._exceptions import OpenTasksError, connection_error
from opentasks._pagination import Page

from ._pagination import AsyncPager

if TYPE_CHECKING:
    from opentasks._client import ClientBase
    from opentasks._http import TimeoutTypes

__all__ = ["apaginate", "arequest"]

T = TypeVar("T")


async def arequest(
    client: ClientBase,
    timeout: TimeoutTypes | None,
    fn: Callable[..., Awaitable[Response[T]]],
    /,
    *args: object,
    extra_headers: Mapping[str, str] | None = None,
    extra_query: Mapping[str, QueryValue] | None = None,
    **kwargs: object,
) -> Response[T]:
    """Run a generated endpoint function as an overlay call, with the client's call options.

    Args:
        client: The client whose generated client, timeout and retries the call uses.
        timeout: The call's own timeout, or `None` for the client's.
        fn: The generated function.
        *args: Its positional arguments.
        extra_headers: Headers to add to the request (the caller's `extra_headers`).
        extra_query: Query parameters to add to the request (the caller's `extra_query`).
        **kwargs: Its keyword arguments, but `client=`.

    Returns:
        The generated response; a successful one, as error statuses raise.

    Raises:
        APIStatusError: The server answered with an error status.
        APIConnectionError: No answer, after the retries.
        ValueError: A path argument (an id) is empty.
    """
    check_path_arguments(fn, args)
    options = client._call_options(timeout)
    if extra_headers or extra_query:
        options = replace(options, extra_headers=extra_headers, extra_query=extra_query)
    failure: OpenTasksError
    scope = start_call(options)
    try:
        return await fn(*args, client=client.api, **kwargs)
    except ErrorAnswer as answer:
        failure = answer.error
    except httpx.TransportError as error:
        failure = connection_error(error)
        # The cause says what httpx saw; its frames inside httpx would only bury the call.
        failure.__cause__ = error.with_traceback(None)
    except (KeyError, TypeError, ValueError) as error:
        # Raised after a success answer arrived, it can only come from parsing that answer.
        parsed = parse_failure(scope, error)
        if parsed is error:
            raise
        raise parsed from error
    finally:
        finish_call(scope)
    # Raised here, outside the handlers, so the traceback ends at the caller's overlay call.
    raise failure


def apaginate(
    client: ClientBase,
    timeout: TimeoutTypes | None,
    fn: Callable[..., Awaitable[Response[Any]]],
    load: Callable[[Response[Any]], Page[T]],
    /,
    *args: object,
    after: str | None,
    page_size: int,
    **filters: object,
) -> AsyncPager[T]:
    """Return a pager over a generated list operation; it fetches each page when needed.

    Args:
        client: The client the pages are fetched through.
        timeout: Each page's timeout, or `None` for the client's.
        fn: The generated function of the list operation.
        load: Turns a page's response into a `Page`.
        *args: The operation's positional arguments (a parent's id).
        after: The cursor to start after.
        page_size: Items per page.
        **filters: The operation's other arguments.

    Returns:
        The pager.
    """
    # Checked now, not when the first page is fetched: the mistake is in this call.
    check_path_arguments(fn, args)
    check_page_size(page_size)

    async def fetch(cursor: str | None) -> Page[T]:
        kwargs: dict[str, Any] = {"limit": page_size, "after": cursor or UNSET, **filters}
        return load(await arequest(client, timeout, fn, *args, **kwargs))

    return AsyncPager(fetch, after=after)
