# generated from openapi.yaml by generator/sdk_methods.py — do not edit; run `python -m nox -s generate`
"""The namespaces of `Client` (`client.tasks`, ...), one per namespace of the `x-sdk` methods."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from opentasks._client import ClientBase
    from opentasks._generated._executions import Executions
    from opentasks._generated._sessions import Sessions
    from opentasks._generated._tasks import Tasks
    from opentasks._generated._tests import Tests

__all__ = ["ClientNamespaces"]


class ClientNamespaces:
    """The namespaces of `Client`.

    Each namespace (and the models it works with) loads on its first use: a program that only
    logs tasks never imports the code of the others.
    """

    @functools.cached_property
    def executions(self) -> Executions:
        """The executions operations, sync and async (see `Executions`)."""
        from opentasks._generated._executions import Executions

        return Executions(cast("ClientBase", self))

    @functools.cached_property
    def sessions(self) -> Sessions:
        """The sessions operations, sync and async (see `Sessions`)."""
        from opentasks._generated._sessions import Sessions

        return Sessions(cast("ClientBase", self))

    @functools.cached_property
    def tasks(self) -> Tasks:
        """The tasks operations, sync and async (see `Tasks`)."""
        from opentasks._generated._tasks import Tasks

        return Tasks(cast("ClientBase", self))

    @functools.cached_property
    def tests(self) -> Tests:
        """The tests operations, sync and async (see `Tests`)."""
        from opentasks._generated._tests import Tests

        return Tests(cast("ClientBase", self))
