"""`client.sessions`: create, list, get, update and delete sessions, and list their tasks."""

# ruff: noqa: ASYNC109 - `timeout` is each call's HTTP timeout, handed to httpx, not a cancel scope

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from opentasks_api.models import SessionCreate, SessionUpdate
from opentasks_api.types import UNSET, Response, Unset

from ._http import TimeoutTypes, acall, call, expect
from ._pagination import AsyncPager, Page, SyncPager
from ._resource import build_body, given_fields, if_match_header
from ._session import Session
from ._task import Task

if TYPE_CHECKING:
    from ._client import Client

# Generated endpoint modules, and the models only a request or response needs, are imported
# where they are used: a program loads those of the operations it calls, not all of them.

__all__ = ["Sessions"]

DEFAULT_PAGE_SIZE = 20


class Sessions:
    """The session operations: `client.sessions`.

    Args:
        client: The client they talk through.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def _one(self, response: Response[Any]) -> Session:
        return Session._from_response(self._client, response)

    def _page(self, response: Response[Any]) -> Page[Session]:
        from opentasks_api.models import SessionPage

        page = expect(response, SessionPage)
        items = [Session._load(self._client, item) for item in page.data]
        return Page(items, page.has_more, page.next_cursor or None)

    def _task_page(self, response: Response[Any]) -> Page[Task]:
        from opentasks_api.models import TaskPage

        page = expect(response, TaskPage)
        items = [Task._load(self._client, item) for item in page.data]
        return Page(items, page.has_more, page.next_cursor or None)

    def create(
        self,
        *,
        agent_id: str | Unset | None = UNSET,
        user_id: str | Unset | None = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        data: Mapping[str, Any] | Unset = UNSET,
        notes: str | Unset | None = UNSET,
        extra_fields: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Session:
        """Create a session; every field is optional.

        Args:
            agent_id: The agent the session is with.
            user_id: The user the session is with.
            metadata: Free-form JSON object.
            data: Free-form JSON object.
            notes: Free-form notes.
            extra_fields: Fields of a newer API version that this method has no argument for.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The created session.
        """
        body = build_body(SessionCreate, given_fields(locals(), extra_fields))
        # Imported after the call to locals(), which must hold only the arguments.
        from opentasks_api.api.sessions import create_session

        response = call(
            self._client._call_options(timeout),
            create_session.sync_detailed,
            client=self._client.api,
            body=body,
            idempotency_key=idempotency_key or UNSET,
        )
        return self._one(response)

    async def acreate(
        self,
        *,
        agent_id: str | Unset | None = UNSET,
        user_id: str | Unset | None = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        data: Mapping[str, Any] | Unset = UNSET,
        notes: str | Unset | None = UNSET,
        extra_fields: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Session:
        """Create a session; every field is optional (async).

        Args:
            agent_id: The agent the session is with.
            user_id: The user the session is with.
            metadata: Free-form JSON object.
            data: Free-form JSON object.
            notes: Free-form notes.
            extra_fields: Fields of a newer API version that this method has no argument for.
            idempotency_key: Sent as `Idempotency-Key`; a random one is used when omitted.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The created session.
        """
        body = build_body(SessionCreate, given_fields(locals(), extra_fields))
        # Imported after the call to locals(), which must hold only the arguments.
        from opentasks_api.api.sessions import create_session

        response = await acall(
            self._client._call_options(timeout),
            create_session.asyncio_detailed,
            client=self._client.api,
            body=body,
            idempotency_key=idempotency_key or UNSET,
        )
        return self._one(response)

    def get(self, session_id: str, *, timeout: TimeoutTypes | None = None) -> Session:
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

        options = self._client._call_options(timeout)
        return self._one(
            call(options, get_session.sync_detailed, session_id, client=self._client.api)
        )

    async def aget(self, session_id: str, *, timeout: TimeoutTypes | None = None) -> Session:
        """Fetch one session (async).

        Args:
            session_id: The session's id.
            timeout: A timeout for this call instead of the client's.

        Returns:
            The session.
        """
        from opentasks_api.api.sessions import get_session

        options = self._client._call_options(timeout)
        return self._one(
            await acall(options, get_session.asyncio_detailed, session_id, client=self._client.api)
        )

    def list(
        self,
        *,
        agent_id: str | None = None,
        user_id: str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> SyncPager[Session]:
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

        options = self._client._call_options(timeout)

        def fetch(cursor: str | None) -> Page[Session]:
            response = call(
                options,
                list_sessions.sync_detailed,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
                agent_id=agent_id or UNSET,
                user_id=user_id or UNSET,
            )
            return self._page(response)

        return SyncPager(fetch, after=after)

    def alist(
        self,
        *,
        agent_id: str | None = None,
        user_id: str | None = None,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Session]:
        """List sessions, oldest first (async iteration).

        Args:
            agent_id: Only sessions of this agent.
            user_id: Only sessions of this user.
            after: Start after this cursor.
            page_size: Sessions per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            An async pager over the sessions.
        """
        from opentasks_api.api.sessions import list_sessions

        options = self._client._call_options(timeout)

        async def fetch(cursor: str | None) -> Page[Session]:
            response = await acall(
                options,
                list_sessions.asyncio_detailed,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
                agent_id=agent_id or UNSET,
                user_id=user_id or UNSET,
            )
            return self._page(response)

        return AsyncPager(fetch, after=after)

    def _update(
        self,
        session_id: str,
        body: SessionUpdate,
        if_match: str | int | None,
        timeout: TimeoutTypes | None,
    ) -> Session:
        from opentasks_api.api.sessions import update_session

        response = call(
            self._client._call_options(timeout),
            update_session.sync_detailed,
            session_id,
            client=self._client.api,
            body=body,
            if_match=if_match_header(if_match),
        )
        return self._one(response)

    async def _aupdate(
        self,
        session_id: str,
        body: SessionUpdate,
        if_match: str | int | None,
        timeout: TimeoutTypes | None,
    ) -> Session:
        from opentasks_api.api.sessions import update_session

        response = await acall(
            self._client._call_options(timeout),
            update_session.asyncio_detailed,
            session_id,
            client=self._client.api,
            body=body,
            if_match=if_match_header(if_match),
        )
        return self._one(response)

    def update(
        self,
        session_id: str,
        *,
        agent_id: str | Unset | None = UNSET,
        user_id: str | Unset | None = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        data: Mapping[str, Any] | Unset = UNSET,
        notes: str | Unset | None = UNSET,
        extra_fields: Mapping[str, Any] | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Session:
        """Change some fields of a session; omitted fields are left alone, `None` clears one.

        Args:
            session_id: The session's id.
            agent_id: The agent the session is with.
            user_id: The user the session is with.
            metadata: Free-form JSON object.
            data: Free-form JSON object.
            notes: Free-form notes.
            extra_fields: Fields of a newer API version that this method has no argument for.
            if_match: Apply only if the session is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The updated session.
        """
        fields = given_fields(locals(), extra_fields)
        fields.pop("session_id")
        return self._update(session_id, build_body(SessionUpdate, fields), if_match, timeout)

    async def aupdate(
        self,
        session_id: str,
        *,
        agent_id: str | Unset | None = UNSET,
        user_id: str | Unset | None = UNSET,
        metadata: Mapping[str, Any] | Unset = UNSET,
        data: Mapping[str, Any] | Unset = UNSET,
        notes: str | Unset | None = UNSET,
        extra_fields: Mapping[str, Any] | None = None,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> Session:
        """Change some fields of a session (async). See `update()`.

        Args:
            session_id: The session's id.
            agent_id: The agent the session is with.
            user_id: The user the session is with.
            metadata: Free-form JSON object.
            data: Free-form JSON object.
            notes: Free-form notes.
            extra_fields: Fields of a newer API version that this method has no argument for.
            if_match: Apply only if the session is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.

        Returns:
            The updated session.
        """
        fields = given_fields(locals(), extra_fields)
        fields.pop("session_id")
        body = build_body(SessionUpdate, fields)
        return await self._aupdate(session_id, body, if_match, timeout)

    def delete(
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

        call(
            self._client._call_options(timeout),
            delete_session.sync_detailed,
            session_id,
            client=self._client.api,
            if_match=if_match_header(if_match),
        )

    async def adelete(
        self,
        session_id: str,
        *,
        if_match: str | int | None = None,
        timeout: TimeoutTypes | None = None,
    ) -> None:
        """Delete a session (async). See `delete()`.

        Args:
            session_id: The session's id.
            if_match: Delete only if the session is still at this version (or ETag).
            timeout: A timeout for this call instead of the client's.
        """
        from opentasks_api.api.sessions import delete_session

        await acall(
            self._client._call_options(timeout),
            delete_session.asyncio_detailed,
            session_id,
            client=self._client.api,
            if_match=if_match_header(if_match),
        )

    def tasks(
        self,
        session_id: str,
        *,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> SyncPager[Task]:
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

        options = self._client._call_options(timeout)

        def fetch(cursor: str | None) -> Page[Task]:
            response = call(
                options,
                list_session_tasks.sync_detailed,
                session_id,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
            )
            return self._task_page(response)

        return SyncPager(fetch, after=after)

    def atasks(
        self,
        session_id: str,
        *,
        after: str | None = None,
        page_size: int = DEFAULT_PAGE_SIZE,
        timeout: TimeoutTypes | None = None,
    ) -> AsyncPager[Task]:
        """List a session's tasks, oldest first (async iteration).

        Args:
            session_id: The session's id.
            after: Start after this cursor.
            page_size: Tasks per page (1 to 100).
            timeout: A timeout for each page's request instead of the client's.

        Returns:
            An async pager over the tasks.
        """
        from opentasks_api.api.sessions import list_session_tasks

        options = self._client._call_options(timeout)

        async def fetch(cursor: str | None) -> Page[Task]:
            response = await acall(
                options,
                list_session_tasks.asyncio_detailed,
                session_id,
                client=self._client.api,
                limit=page_size,
                after=cursor or UNSET,
            )
            return self._task_page(response)

        return AsyncPager(fetch, after=after)
