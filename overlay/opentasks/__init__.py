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

# The imports above and `__version__`: written from them by `python -m nox -s generate`.
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

# Where each name of `__all__` is defined: the module is imported the first time the name is
# looked up. Written from the imports above by `python -m nox -s generate`, like `__all__`.
_SOURCES: dict[str, str] = {
    "DEFAULT_TIMEOUT": "opentasks._http",
    "TERMINAL_TASK_STATUSES": "opentasks._statuses",
    "UNSET": "opentasks_api.types",
    "APIConnectionError": "opentasks._exceptions",
    "APIError": "opentasks._exceptions",
    "APIResponseValidationError": "opentasks._exceptions",
    "APIStatusError": "opentasks._exceptions",
    "APITimeoutError": "opentasks._exceptions",
    "AsyncEventStream": "opentasks._async._streaming",
    "AsyncPager": "opentasks._async._pagination",
    "AsyncRetryTransport": "opentasks._async._transport",
    "AuthenticationError": "opentasks._exceptions",
    "Backoff": "opentasks._retry",
    "BadRequestError": "opentasks._exceptions",
    "ChatMessage": "opentasks_api.models",
    "ChatRole": "opentasks_api.models",
    "Client": "opentasks._client",
    "ClientClosedError": "opentasks._exceptions",
    "Comparison": "opentasks_api.models",
    "ComparisonResult": "opentasks_api.models",
    "ConflictError": "opentasks._exceptions",
    "ErrorStep": "opentasks_api.models",
    "EvaluateStep": "opentasks_api.models",
    "Event": "opentasks._sse",
    "EventStream": "opentasks._sync._streaming",
    "EventStreamError": "opentasks._exceptions",
    "EventType": "opentasks_api.models",
    "Execution": "opentasks._execution",
    "ExecutionStatus": "opentasks_api.models",
    "Executions": "opentasks._generated._executions",
    "Flag": "opentasks_api.models",
    "IfElseStep": "opentasks_api.models",
    "InitialTaskStatus": "opentasks_api.models",
    "InternalServerError": "opentasks._exceptions",
    "ListOrder": "opentasks_api.models",
    "NotFoundError": "opentasks._exceptions",
    "OpenTasksError": "opentasks._exceptions",
    "Page": "opentasks._pagination",
    "PermissionDeniedError": "opentasks._exceptions",
    "PreconditionFailedError": "opentasks._exceptions",
    "PromptStep": "opentasks_api.models",
    "RateLimitError": "opentasks._exceptions",
    "RawResponse": "opentasks._raw",
    "RetryEvent": "opentasks._retry",
    "RetryPolicy": "opentasks._retry",
    "RetryTransport": "opentasks._sync._transport",
    "Session": "opentasks._session",
    "Sessions": "opentasks._generated._sessions",
    "SyncPager": "opentasks._sync._pagination",
    "Task": "opentasks._task",
    "TaskExecutions": "opentasks._execution",
    "TaskStatus": "opentasks_api.models",
    "Tasks": "opentasks._generated._tasks",
    "Test": "opentasks._test_run",
    "TestStatus": "opentasks_api.models",
    "Tests": "opentasks._generated._tests",
    "ToolCallStep": "opentasks_api.models",
    "UnknownStep": "opentasks_api.models",
    "UnprocessableEntityError": "opentasks._exceptions",
    "YieldStep": "opentasks_api.models",
}


def _load(name: str) -> object:
    """Import the module that defines the public name `name`; keep the value here and return it.

    Raises:
        AttributeError: The package has no public name `name`.
    """
    try:
        source = _SOURCES[name]
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
