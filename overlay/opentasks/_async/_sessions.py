"""`client.sessions`: create, list, get, update and delete sessions, and list their tasks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Unpack

from opentasks_api.fields import SessionCreateFields, SessionUpdateFields
from opentasks_api.models import SessionCreate, SessionUpdate
from opentasks_api.types import UNSET

from opentasks._context import QueryValue
from opentasks._pagination import DEFAULT_PAGE_SIZE
from opentasks._resource import Namespace, build_body, if_match_header, load_page, request_fields
from opentasks._session import Session
from opentasks._task import Task

from ._calls import apaginate, arequest
from ._pagination import AsyncPager

if TYPE_CHECKING:
    from opentasks._http import TimeoutTypes

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = ["AsyncSessions"]


class AsyncSessions(Namespace):
    """The session operations of `client.sessions`."""

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
        """Create a session; every field is optional.

        Args:
            extra_fields: Fields of a newer API version that this SDK has no keyword for.
            extra_headers: Headers to send with this call's request, over the client's.
            extra_query: Query parameters to add to this call's request.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.
            **fields: The session's fields, one keyword for each property of the spec's
                `SessionCreate` schema (`agent_id`, `user_id`, `metadata`, `data`, `notes`):
                see `opentasks_api.fields.SessionCreateFields`.

        Returns:
            The created session.

        Raises:
            TypeError: A keyword is not a field of `SessionCreate`.
        """
        from opentasks_api.api.sessions import create_session

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

    async def aget(self, session_id: str, *, timeout: TimeoutTypes | None = None) -> Session:
        """Fetch one session.

        Args:
            session_id: The session's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The session.

        Raises:
            NotFoundError: No such session in the key's project.
        """
        from opentasks_api.api.sessions import get_session

        response = await arequest(self._client, timeout, get_session.asyncio_detailed, session_id)
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
        """List sessions, oldest first, fetching pages lazily.

        Args:
            agent_id: Only sessions of this agent.
            user_id: Only sessions of this user.
            after: Start after this cursor.
            page_size: Sessions per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over the sessions.
        """
        from opentasks_api.api.sessions import list_sessions
        from opentasks_api.models import SessionPage

        return apaginate(
            self._client,
            timeout,
            list_sessions.asyncio_detailed,
            lambda response: load_page(self._client, Session, SessionPage, response),
            after=after,
            page_size=page_size,
            agent_id=agent_id or UNSET,
            user_id=user_id or UNSET,
        )

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
        """Change some fields of a session; omitted fields are left alone, `None` clears one.

        Args:
            session_id: The session's id.
            extra_fields: Fields of a newer API version that this SDK has no keyword for.
            extra_headers: Headers to send with this call's request, over the client's.
            extra_query: Query parameters to add to this call's request.
            if_match: Apply only if the session is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.
            **fields: The fields to change, one keyword for each property of the spec's
                `SessionUpdate` schema: see `opentasks_api.fields.SessionUpdateFields`.

        Returns:
            The updated session.

        Raises:
            TypeError: A keyword is not a field of `SessionUpdate`.
            PreconditionFailedError: `if_match` is stale.
        """
        from opentasks_api.api.sessions import update_session

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
        """Delete a session; its tasks are kept and detached from it.

        Args:
            session_id: The session's id.
            if_match: Delete only if the session is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Raises:
            NotFoundError: No such session.
            PreconditionFailedError: `if_match` is stale.
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
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Task]:
        """List a session's tasks, oldest first, fetching pages lazily.

        Args:
            session_id: The session's id.
            after: Start after this cursor.
            page_size: Tasks per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            A pager over the tasks.
        """
        from opentasks_api.api.sessions import list_session_tasks
        from opentasks_api.models import TaskPage

        return apaginate(
            self._client,
            timeout,
            list_session_tasks.asyncio_detailed,
            lambda response: load_page(self._client, Task, TaskPage, response),
            session_id,
            after=after,
            page_size=page_size,
        )
