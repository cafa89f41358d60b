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
"""

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
    PromptStep,
    TaskStatus,
    TestStatus,
    ToolCallStep,
    YieldStep,
)
from opentasks_api.types import UNSET

from ._client import Client
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
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
from ._executions import Executions
from ._http import DEFAULT_TIMEOUT
from ._pagination import AsyncPager, Page, SyncPager
from ._retry import Backoff, RetryEvent, RetryPolicy
from ._session import Session
from ._sessions import Sessions
from ._sse import TERMINAL_TASK_STATUSES, Event
from ._streaming import AsyncEventStream, EventStream
from ._task import Task
from ._tasks import Tasks
from ._test_run import Test
from ._test_runs import Tests
from ._transport import AsyncRetryTransport, RetryTransport
from ._version import __version__

# pytest collects classes named Test* that a test module imports; the generated enum is data.
setattr(TestStatus, "__test__", False)  # noqa: B010 - the attribute is not part of its type

__all__ = [
    "DEFAULT_TIMEOUT",
    "TERMINAL_TASK_STATUSES",
    "UNSET",
    "APIConnectionError",
    "APIError",
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
    "NotFoundError",
    "OpenTasksError",
    "Page",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "PromptStep",
    "RateLimitError",
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
    "UnprocessableEntityError",
    "YieldStep",
    "__version__",
]
