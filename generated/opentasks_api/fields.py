# generated from openapi.yaml by generator/regenerate.py — do not edit
"""The fields of each request body, as typed keyword arguments of the SDK's calls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from opentasks_api.models import (
        ComparisonResult,
        ErrorStep,
        EvaluateStep,
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

__all__ = [
    "SessionCreateFields",
    "SessionUpdateFields",
    "TaskCreateFields",
    "TaskUpdateFields",
    "TaskStatusChangeFields",
    "TaskStopFields",
    "TaskFlagFields",
    "EventPublishFields",
    "ExecutionCreateFields",
    "ExecutionStatusChangeFields",
    "TestCreateFields",
    "TestUpdateFields",
    "ComparisonCreateFields",
]


class SessionCreateFields(TypedDict, total=False):
    """The fields of a new session; all are optional.

    Keyword arguments of the SDK's calls that send a `SessionCreate` body, one for each property
    of the schema in openapi.yaml.

    Attributes:
        agent_id: The agent the session is with.
        user_id: The user the session is with.
        metadata: Free-form JSON object.
        data: Free-form JSON object.
        notes: Free-form notes about the session.
    """

    agent_id: str | None
    """The agent the session is with."""
    user_id: str | None
    """The user the session is with."""
    metadata: Mapping[str, Any]
    """Free-form JSON object."""
    data: Mapping[str, Any]
    """Free-form JSON object."""
    notes: str | None
    """Free-form notes about the session."""


class SessionUpdateFields(TypedDict, total=False):
    """Fields to change on a session; absent fields are left as they are, `null` clears one.

    Keyword arguments of the SDK's calls that send a `SessionUpdate` body, one for each property
    of the schema in openapi.yaml.

    Attributes:
        agent_id: The agent the session is with.
        user_id: The user the session is with.
        metadata: Free-form JSON object.
        data: Free-form JSON object.
        notes: Free-form notes about the session.
    """

    agent_id: str | None
    """The agent the session is with."""
    user_id: str | None
    """The user the session is with."""
    metadata: Mapping[str, Any]
    """Free-form JSON object."""
    data: Mapping[str, Any]
    """Free-form JSON object."""
    notes: str | None
    """Free-form notes about the session."""


class _TaskCreateFieldsRequired(TypedDict):
    """The required keys of `TaskCreateFields`."""

    agent_id: str
    """The id of the agent doing the work, as the caller names it."""


class TaskCreateFields(_TaskCreateFieldsRequired, total=False):
    """The fields of a new task; only `agent_id` is required.

    Keyword arguments of the SDK's calls that send a `TaskCreate` body, one for each property of
    the schema in openapi.yaml.

    Attributes:
        agent_id: The id of the agent doing the work, as the caller names it. Required.
        session_id: Attach the task to this session of the project.
        test_id: Record the task in this test run of the project.
        name: A short name.
        description: What the task is for.
        prompt: The input given to the agent.
        file_urls: URLs of files given to the agent with the prompt.
        output: What the agent answered, when logging a finished interaction.
        status: The status a task is created in: `pending` for work to do, or
            `completed`/`failed` to log a finished interaction.
        status_reason: Why the task is in its initial status.
        flag: The outcome, when logging a finished interaction.
        flag_source: Who set the flag.
        notes: Free-form notes about the task.
        metadata: Free-form JSON object.
        data: Free-form JSON object.
        additional_input: Free-form JSON object.
        additional_output: Free-form JSON object.
        sender_id: Who sent the input.
        tools_available: Names of the tools the task's workflow may call.
        input_schema: A JSON Schema the execution arguments must follow.
        main: The workflow's steps, in order.
    """

    session_id: str | None
    """Attach the task to this session of the project."""
    test_id: str | None
    """Record the task in this test run of the project."""
    name: str | None
    """A short name."""
    description: str | None
    """What the task is for."""
    prompt: str | None
    """The input given to the agent."""
    file_urls: Sequence[str]
    """URLs of files given to the agent with the prompt."""
    output: str | None
    """What the agent answered, when logging a finished interaction."""
    status: InitialTaskStatus | str
    """The status a task is created in: `pending` for work to do, or `completed`/`failed` to log a finished interaction."""
    status_reason: str | None
    """Why the task is in its initial status."""
    flag: Flag | str | None
    """The outcome, when logging a finished interaction."""
    flag_source: str | None
    """Who set the flag."""
    notes: str | None
    """Free-form notes about the task."""
    metadata: Mapping[str, Any]
    """Free-form JSON object."""
    data: Mapping[str, Any]
    """Free-form JSON object."""
    additional_input: Mapping[str, Any]
    """Free-form JSON object."""
    additional_output: Mapping[str, Any]
    """Free-form JSON object."""
    sender_id: str | None
    """Who sent the input."""
    tools_available: Sequence[str]
    """Names of the tools the task's workflow may call."""
    input_schema: Mapping[str, Any] | None
    """A JSON Schema the execution arguments must follow."""
    main: Sequence[
        PromptStep
        | ToolCallStep
        | EvaluateStep
        | YieldStep
        | IfElseStep
        | ErrorStep
        | Mapping[str, Any]
    ]
    """The workflow's steps, in order."""


class TaskUpdateFields(TypedDict, total=False):
    """Fields to change on a task; absent fields are left as they are, `null` clears one.

    Keyword arguments of the SDK's calls that send a `TaskUpdate` body, one for each property of
    the schema in openapi.yaml.

    Attributes:
        session_id: Attach the task to this session, or detach it with `null`.
        test_id: Record the task in this test run, or detach it with `null`.
        name: A short name.
        description: What the task is for.
        prompt: The input given to the agent.
        file_urls: URLs of files given to the agent with the prompt.
        output: What the agent answered.
        flag: The outcome.
        flag_source: Who set the flag.
        notes: Free-form notes about the task.
        metadata: Free-form JSON object.
        data: Free-form JSON object.
        additional_input: Free-form JSON object.
        additional_output: Free-form JSON object.
        sender_id: Who sent the input.
        tools_available: Names of the tools the task's workflow may call.
        input_schema: A JSON Schema the execution arguments must follow.
        main: The workflow's steps, in order.
    """

    session_id: str | None
    """Attach the task to this session, or detach it with `null`."""
    test_id: str | None
    """Record the task in this test run, or detach it with `null`."""
    name: str | None
    """A short name."""
    description: str | None
    """What the task is for."""
    prompt: str | None
    """The input given to the agent."""
    file_urls: Sequence[str]
    """URLs of files given to the agent with the prompt."""
    output: str | None
    """What the agent answered."""
    flag: Flag | str | None
    """The outcome."""
    flag_source: str | None
    """Who set the flag."""
    notes: str | None
    """Free-form notes about the task."""
    metadata: Mapping[str, Any]
    """Free-form JSON object."""
    data: Mapping[str, Any]
    """Free-form JSON object."""
    additional_input: Mapping[str, Any]
    """Free-form JSON object."""
    additional_output: Mapping[str, Any]
    """Free-form JSON object."""
    sender_id: str | None
    """Who sent the input."""
    tools_available: Sequence[str]
    """Names of the tools the task's workflow may call."""
    input_schema: Mapping[str, Any] | None
    """A JSON Schema the execution arguments must follow."""
    main: Sequence[
        PromptStep
        | ToolCallStep
        | EvaluateStep
        | YieldStep
        | IfElseStep
        | ErrorStep
        | Mapping[str, Any]
    ]
    """The workflow's steps, in order."""


class _TaskStatusChangeFieldsRequired(TypedDict):
    """The required keys of `TaskStatusChangeFields`."""

    status: TaskStatus | str
    """The status of a task. `pending → executing ⇄ paused`; `executing|paused → completed|failed|error|stopped`; `pending → stopped|failed`. Completed, failed, error and stopped are terminal."""


class TaskStatusChangeFields(_TaskStatusChangeFieldsRequired, total=False):
    """A status change, with an optional reason and output.

    Keyword arguments of the SDK's calls that send a `TaskStatusChange` body, one for each
    property of the schema in openapi.yaml.

    Attributes:
        status: The status of a task. `pending → executing ⇄ paused`; `executing|paused →
            completed|failed|error|stopped`; `pending → stopped|failed`. Completed, failed,
            error and stopped are terminal. Required.
        reason: Why the status changes; kept as the task's `status_reason`.
        output: The task's output, set in the same change (e.g. with `completed`).
    """

    reason: str | None
    """Why the status changes; kept as the task's `status_reason`."""
    output: str | None
    """The task's output, set in the same change (e.g. with `completed`)."""


class TaskStopFields(TypedDict, total=False):
    """Why a task is stopped.

    Keyword arguments of the SDK's calls that send a `TaskStop` body, one for each property of
    the schema in openapi.yaml.

    Attributes:
        reason: Why the task is stopped; kept as the task's `status_reason`.
    """

    reason: str | None
    """Why the task is stopped; kept as the task's `status_reason`."""


class _TaskFlagFieldsRequired(TypedDict):
    """The required keys of `TaskFlagFields`."""

    flag: Flag | str
    """Whether a task's outcome was a success or a failure."""


class TaskFlagFields(_TaskFlagFieldsRequired, total=False):
    """A success or failure flag on a task's outcome.

    Keyword arguments of the SDK's calls that send a `TaskFlag` body, one for each property of
    the schema in openapi.yaml.

    Attributes:
        flag: Whether a task's outcome was a success or a failure. Required.
        source: Who sets the flag.
        notes: Why; kept as the task's `notes`.
    """

    source: str
    """Who sets the flag."""
    notes: str | None
    """Why; kept as the task's `notes`."""


class _EventPublishFieldsRequired(TypedDict):
    """The required keys of `EventPublishFields`."""

    type: str
    """The kind of event, in snake_case, e.g. `chunk`, `tool_call_request`, `think`, `plan_updated`. Server event prefixes (`task_`, `execution_`, `session_`, `test_`, `comparison_`) are reserved."""


class EventPublishFields(_EventPublishFieldsRequired, total=False):
    """An event a worker publishes on a task's stream.

    Keyword arguments of the SDK's calls that send a `EventPublish` body, one for each property
    of the schema in openapi.yaml.

    Attributes:
        type: The kind of event, in snake_case, e.g. `chunk`, `tool_call_request`, `think`,
            `plan_updated`. Server event prefixes (`task_`, `execution_`, `session_`, `test_`,
            `comparison_`) are reserved. Required.
        data: Free-form JSON object.
        execution_id: The execution of the task the event belongs to, if any.
    """

    data: Mapping[str, Any]
    """Free-form JSON object."""
    execution_id: str | None
    """The execution of the task the event belongs to, if any."""


class ExecutionCreateFields(TypedDict, total=False):
    """The arguments of a new run.

    Keyword arguments of the SDK's calls that send a `ExecutionCreate` body, one for each
    property of the schema in openapi.yaml.

    Attributes:
        arguments: Free-form JSON object.
    """

    arguments: Mapping[str, Any]
    """Free-form JSON object."""


class _ExecutionStatusChangeFieldsRequired(TypedDict):
    """The required keys of `ExecutionStatusChangeFields`."""

    status: ExecutionStatus | str
    """The status of an execution. `queued → starting → running ⇄ awaiting_input → succeeded|failed|cancelled`; queued and starting may also end failed or cancelled."""


class ExecutionStatusChangeFields(_ExecutionStatusChangeFieldsRequired, total=False):
    """A status change of an execution, with its output or error.

    Keyword arguments of the SDK's calls that send a `ExecutionStatusChange` body, one for each
    property of the schema in openapi.yaml.

    Attributes:
        status: The status of an execution. `queued → starting → running ⇄ awaiting_input →
            succeeded|failed|cancelled`; queued and starting may also end failed or cancelled.
            Required.
        output: The result, with `succeeded`.
        error: Why the run failed, with `failed`.
    """

    output: Mapping[str, Any] | None
    """The result, with `succeeded`."""
    error: str | None
    """Why the run failed, with `failed`."""


class TestCreateFields(TypedDict, total=False):
    """A new test run.

    Keyword arguments of the SDK's calls that send a `TestCreate` body, one for each property of
    the schema in openapi.yaml.

    Attributes:
        summary: Free-form JSON object.
    """

    summary: Mapping[str, Any]
    """Free-form JSON object."""


class TestUpdateFields(TypedDict, total=False):
    """Fields to change on a test run.

    Keyword arguments of the SDK's calls that send a `TestUpdate` body, one for each property of
    the schema in openapi.yaml.

    Attributes:
        status: The status of a test run; `started → completed|canceled`.
        summary: Free-form JSON object.
    """

    status: TestStatus | str
    """The status of a test run; `started → completed|canceled`."""
    summary: Mapping[str, Any]
    """Free-form JSON object."""


class _ComparisonCreateFieldsRequired(TypedDict):
    """The required keys of `ComparisonCreateFields`."""

    context_input: str
    """The input both outputs answer."""
    old_output: str
    """The output of the old version."""
    new_output: str
    """The output of the new version."""


class ComparisonCreateFields(_ComparisonCreateFieldsRequired, total=False):
    """Two outputs to compare, and optionally the result of the caller's own judge.

    Keyword arguments of the SDK's calls that send a `ComparisonCreate` body, one for each
    property of the schema in openapi.yaml.

    Attributes:
        context_input: The input both outputs answer. Required.
        old_output: The output of the old version. Required.
        new_output: The output of the new version. Required.
        instructions: What the judge should look for.
        test_id: Attach the comparison to this test run of the project.
        comparison_result: Which of two outputs is better.
        source: Who decided `comparison_result`; defaults to `user` when a result is given.
    """

    instructions: str | None
    """What the judge should look for."""
    test_id: str | None
    """Attach the comparison to this test run of the project."""
    comparison_result: ComparisonResult | str
    """Which of two outputs is better."""
    source: str
    """Who decided `comparison_result`; defaults to `user` when a result is given."""
