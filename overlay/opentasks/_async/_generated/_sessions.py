# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The `client.sessions` operations of openapi.yaml (their `x-sdk`), in async form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentasks_api.types import UNSET

from opentasks._async._calls import apaginate, arequest
from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import Namespace, build_body, if_match_header, load_page, request_fields
from opentasks._session import Session
from opentasks._statuses import to_member
from opentasks._task import Task

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any, Unpack

    from opentasks_api.fields import SessionCreateFields, SessionUpdateFields
    from opentasks_api.models import ListOrder

    from opentasks._async._pagination import AsyncPager
    from opentasks._context import QueryValue
    from opentasks._http import TimeoutTypes

__all__ = ["AsyncSessionsOperations"]


class AsyncSessionsOperations(Namespace):
    """The operations of `client.sessions`, as the spec describes them."""

    async def acreate(
        self,
        *,
        extra_fields: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, QueryValue] | None = None,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
        **fields: Unpack[SessionCreateFields],
    ) -> Session:
        """Create a session.

        Creates a session that tasks can be attached to.

        Args:
            extra_fields: Fields of a newer API version that this SDK has no keyword for.
            extra_headers: Headers to send with this call's request, over the client's.
            extra_query: Query parameters to add to this call's request.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.
            **fields: The properties of the `SessionCreate` body, one keyword each: the
                fields of a new session; all are optional; see
                `opentasks_api.fields.SessionCreateFields`.

        Returns:
            A `Session`: the session was created.

        Raises:
            TypeError: A keyword is not a property of `SessionCreate`, or a required one is
                missing.
            ValueError: A field cannot be turned into the request body (e.g. a workflow step
                of an unknown kind).
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.sessions import create_session
        from opentasks_api.fields import SessionCreateFields
        from opentasks_api.models import SessionCreate

        given = request_fields(SessionCreateFields, "acreate", fields, extra_fields)

        response = await arequest(
            self._client,
            timeout,
            create_session.asyncio_detailed,
            body=build_body(SessionCreate, given),
            extra_headers=extra_headers,
            extra_query=extra_query,
            idempotency_key=idempotency_key or UNSET,
        )
        return Session._from_response(self._client, response)

    def alist(
        self,
        *,
        agent_id: str | None = None,
        user_id: str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Session]:
        """List sessions.

        Lists the project's sessions, oldest first, one page at a time.

        Args:
            agent_id: Only sessions of this agent.
            user_id: Only sessions of this user.
            after: The `next_cursor` of the previous page; omit it for the first page. A
                cursor is the id of the last item of a page, and any string of an id's shape
                is a position in the list (ids sort by creation): the page holds the items
                after it, whether or not that id exists. Anything else answers 422
                (`invalid_cursor`).
            page_size: How many items a page holds at most (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over `Session` objects (a page of sessions), fetching each page as it is
            iterated; `.pages()` gives the pages themselves.

        Raises:
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.sessions import list_sessions
        from opentasks_api.models import SessionPage

        return apaginate(
            self._client,
            timeout,
            list_sessions.asyncio_detailed,
            lambda response: load_page(SessionPage, response, self._client, Session),
            after=after,
            page_size=page_size,
            agent_id=UNSET if agent_id is None else agent_id,
            user_id=UNSET if user_id is None else user_id,
        )

    async def aget(
        self,
        session_id: str,
        *,
        timeout: TimeoutTypes | None = None,
    ) -> Session:
        """Get a session.

        Returns one session, with its version as the `ETag`.

        Args:
            session_id: The session's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            A `Session`: the session.

        Raises:
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.sessions import get_session

        response = await arequest(self._client, timeout, get_session.asyncio_detailed, session_id)
        return Session._from_response(self._client, response)

    async def aupdate(
        self,
        session_id: str,
        *,
        extra_fields: Mapping[str, Any] | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, QueryValue] | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
        **fields: Unpack[SessionUpdateFields],
    ) -> Session:
        """Update a session.

        Changes the fields present in the body and leaves the others as they are; `null` clears
        a field. With `If-Match`, the change applies only if the session is still at that
        version.

        Args:
            session_id: The session's id.
            extra_fields: Fields of a newer API version that this SDK has no keyword for.
            extra_headers: Headers to send with this call's request, over the client's.
            extra_query: Query parameters to add to this call's request.
            if_match: Sent as `If-Match`: apply only if the resource is still at this
                version (a version number or an ETag).
            timeout: A timeout for this call instead of the client's.
            **fields: The properties of the `SessionUpdate` body, one keyword each: fields
                to change on a session; absent fields are left as they are, `null` clears
                one; see `opentasks_api.fields.SessionUpdateFields`.

        Returns:
            A `Session`: the updated session.

        Raises:
            TypeError: A keyword is not a property of `SessionUpdate`, or a required one is
                missing.
            ValueError: A field cannot be turned into the request body (e.g. a workflow step
                of an unknown kind).
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            PreconditionFailedError: `If-Match` names a version that is no longer current.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.sessions import update_session
        from opentasks_api.fields import SessionUpdateFields
        from opentasks_api.models import SessionUpdate

        given = request_fields(SessionUpdateFields, "aupdate", fields, extra_fields)

        response = await arequest(
            self._client,
            timeout,
            update_session.asyncio_detailed,
            session_id,
            body=build_body(SessionUpdate, given),
            extra_headers=extra_headers,
            extra_query=extra_query,
            if_match=if_match_header(if_match),
        )
        return Session._from_response(self._client, response)

    async def adelete(
        self,
        session_id: str,
        *,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> None:
        """Delete a session.

        Deletes the session. Its tasks are kept and detached from it (their `session_id` becomes
        `null`). With `If-Match`, the delete applies only if the session is still at that
        version.

        Args:
            session_id: The session's id.
            if_match: Sent as `If-Match`: apply only if the resource is still at this
                version (a version number or an ETag).
            timeout: A timeout for this call instead of the client's.

        Raises:
            NotFoundError: No such resource in the key's project.
            ConflictError: The change is not allowed in the resource's current state
                (`conflict`, `illegal-transition`), or its `Idempotency-Key` was already
                used with another request (`idempotency-key-reuse`).
            PreconditionFailedError: `If-Match` names a version that is no longer current.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.sessions import delete_session

        await arequest(
            self._client,
            timeout,
            delete_session.asyncio_detailed,
            session_id,
            if_match=if_match_header(if_match),
        )

    def atasks(
        self,
        session_id: str,
        *,
        order: ListOrder | str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Task]:
        """List a session's tasks.

        Lists the tasks attached to one session one page at a time: oldest first, or newest
        first with `order=desc`.

        Args:
            session_id: The session's id.
            order: `asc` (when omitted): oldest first; `desc`: newest first. A cursor
                continues in the order of the page that gave it, so pass the same `order`
                with `after`.
            after: The `next_cursor` of the previous page; omit it for the first page. A
                cursor is the id of the last item of a page, and any string of an id's shape
                is a position in the list (ids sort by creation): the page holds the items
                after it, whether or not that id exists. Anything else answers 422
                (`invalid_cursor`).
            page_size: How many items a page holds at most (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over `Task` objects (a page of the session's tasks), fetching each page
            as it is iterated; `.pages()` gives the pages themselves.

        Raises:
            ValueError: `order` is not a value this SDK knows.
            NotFoundError: No such resource in the key's project.
            UnprocessableEntityError: The request does not validate; `errors` says where and
                why.
        """
        from opentasks_api.api.sessions import list_session_tasks
        from opentasks_api.models import ListOrder, TaskPage

        return apaginate(
            self._client,
            timeout,
            list_session_tasks.asyncio_detailed,
            lambda response: load_page(TaskPage, response, self._client, Task),
            session_id,
            after=after,
            page_size=page_size,
            order=UNSET if order is None else to_member(ListOrder, order, "list order"),
        )
