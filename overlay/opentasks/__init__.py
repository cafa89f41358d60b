"""opentasks: a spec-first SDK for running and tracking the work of AI agents.

```python
from opentasks import Client

client = Client()                        # OPENTASKS_API_KEY, OPENTASKS_BASE_URL
task = client.tasks.create(agent_id="agent123", prompt="Analyze the sales data")
task.set_status("executing")
task.output = "Revenue up 12%"
task.save()                              # sends only what changed, with If-Match
task.set_status("completed")
for event in task.events():              # from the first event; ends after the terminal one
    print(event.type, event.data)
```

The public API is re-exported here; everything in a module whose name starts with an underscore
is private. The low-level generated client is the `opentasks_api` package (`client.api` is its
authenticated client); `opentasks.testing` starts a local reference server for tests.

Each name loads on first use (PEP 562): `import opentasks` imports almost nothing, and
`from opentasks import Task` imports the modules `Task` needs and not, say, those of sessions or
test runs, nor the generated models and endpoint functions they use.
"""

import typing

from ._version import __version__

if typing.TYPE_CHECKING:
    from opentasks_api.models import (
        ChatMessage,
        ChatRole,
        Comparison,
        ComparisonResult,
        ErrorStep,
        EvaluateStep,
        EventType,
        ExecutionStatus,
        Flag,
        IfElseStep,
        InitialTaskStatus,
        ListOrder,
        PromptStep,
        TaskStatus,
        TestStatus,
        ToolCallStep,
        UnknownStep,
        YieldStep,
    )
    from opentasks_api.types import UNSET

    from ._async._pagination import AsyncPager
    from ._async._streaming import AsyncEventStream
    from ._async._transport import AsyncRetryTransport
    from ._client import Client
    from ._exceptions import (
        APIConnectionError,
        APIError,
        APIResponseValidationError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ClientClosedError,
        ConflictError,
        EventStreamError,
        InternalServerError,
        NotFoundError,
        OpenTasksError,
        PermissionDeniedError,
        PreconditionFailedError,
        RateLimitError,
        UnprocessableEntityError,
    )
    from ._execution import Execution, TaskExecutions
    from ._generated._executions import Executions
    from ._generated._sessions import Sessions
    from ._generated._tasks import Tasks
    from ._generated._tests import Tests
    from ._http import DEFAULT_TIMEOUT
    from ._pagination import Page
    from ._raw import RawResponse
    from ._retry import Backoff, RetryEvent, RetryPolicy
    from ._session import Session
    from ._sse import Event
    from ._statuses import TERMINAL_TASK_STATUSES
    from ._sync._pagination import SyncPager
    from ._sync._streaming import EventStream
    from ._sync._transport import RetryTransport
    from ._task import Task
    from ._test_run import Test

# The imports above and `__version__`, written from them by `python -m nox -s generate`, which also
# writes where each is defined into `_generated/_exports.py` for `__getattr__`.
__all__ = [
    "DEFAULT_TIMEOUT",
    "TERMINAL_TASK_STATUSES",
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncEventStream",
    "AsyncPager",
    "AsyncRetryTransport",
    "AuthenticationError",
    "Backoff",
    "BadRequestError",
    "ChatMessage",
    "ChatRole",
    "Client",
    "ClientClosedError",
    "Comparison",
    "ComparisonResult",
    "ConflictError",
    "ErrorStep",
    "EvaluateStep",
    "Event",
    "EventStream",
    "EventStreamError",
    "EventType",
    "Execution",
    "ExecutionStatus",
    "Executions",
    "Flag",
    "IfElseStep",
    "InitialTaskStatus",
    "InternalServerError",
    "ListOrder",
    "NotFoundError",
    "OpenTasksError",
    "Page",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "PromptStep",
    "RateLimitError",
    "RawResponse",
    "RetryEvent",
    "RetryPolicy",
    "RetryTransport",
    "Session",
    "Sessions",
    "SyncPager",
    "Task",
    "TaskExecutions",
    "TaskStatus",
    "Tasks",
    "Test",
    "TestStatus",
    "Tests",
    "ToolCallStep",
    "UnknownStep",
    "UnprocessableEntityError",
    "YieldStep",
    "__version__",
]


def _load(name: str) -> object:
    """Import the module that defines the public name `name`; keep the value here and return it.

    Raises:
        AttributeError: The package has no public name `name`.
    """
    # Imported here, on the first lookup: `import opentasks` alone loads nothing but the version.
    from ._generated._exports import SOURCES

    try:
        source = SOURCES[name]
    except KeyError:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg) from None
    # __import__ rather than importlib: it is the import statement's own machinery, so
    # `python -X importtime` reports each module loaded here as it does every other.
    value: object = getattr(__import__(source, fromlist=[name]), name)
    if name == "TestStatus":
        # pytest collects classes named Test* that a test module imports; the generated enum is data.
        setattr(value, "__test__", False)  # noqa: B010 - the attribute is not part of its type
    # Bound here, a name is looked up like any module attribute from then on, without `_load`.
    globals()[name] = value
    return value


def _names() -> list[str]:
    """List the module's names, the public ones included whether they are loaded yet or not."""
    return sorted({*globals(), *__all__})


if not typing.TYPE_CHECKING:
    # Hidden from type checkers, which resolve the names through the imports above: a module-level
    # `__getattr__` would make them accept any attribute of the package, misspelt ones too.
    __getattr__ = _load
    __dir__ = _names
