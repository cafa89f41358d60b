"""`Session`: a group of tasks (e.g. one conversation with one user), as a live object.

Its methods of one operation each are generated from openapi.yaml (`x-sdk` forwards), its save
is in `_async/_saving.py` (and its generated twin); what they share without I/O is here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from opentasks_api.models import Session as _GeneratedSession
from opentasks_api.models import SessionUpdate

from ._async._saving import AsyncSession
from ._diff import field_names
from ._exceptions import OpenTasksError
from ._resource import BoundModel
from ._sync._saving import SyncSession

__all__ = ["Session", "SessionBase"]

_WRITABLE = field_names(SessionUpdate)
_READ_ONLY = field_names(_GeneratedSession) - _WRITABLE


class SessionBase(_GeneratedSession, BoundModel):
    """What both halves of `Session` share: its state, and the decisions that need no I/O."""

    __slots__ = ("_client", "_etag", "_server_copy")
    _model: ClassVar[type[Any]] = _GeneratedSession
    _read_only: ClassVar[frozenset[str]] = _READ_ONLY

    def _save_plan(self) -> dict[str, Any]:
        """Return the fields to send, by name (empty when nothing changed)."""
        changes = self.dirty_fields()
        read_only = sorted(set(changes) - _WRITABLE)
        if read_only:
            msg = f"cannot save read-only session fields: {', '.join(read_only)}"
            raise OpenTasksError(msg)
        return {name: getattr(self, name) for name in changes}


class Session(SyncSession, AsyncSession, SessionBase):
    """A group of tasks, e.g. one conversation with one user.

    Every property of the `Session` schema is a typed attribute (`id`, `agent_id`, `user_id`,
    `metadata`, `data`, `notes`, `version`, timestamps). Change attributes and call `save()`
    to send only what changed.
    """

    __slots__ = ()
