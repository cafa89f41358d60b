# generated from openapi.yaml by generator/regenerate.py — do not edit
"""Contains all the data models used in inputs/outputs

Each model's module is imported on first use of its name, so importing one model does not import
them all.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .auth_session import AuthSession
    from .auth_session_authenticated_by import AuthSessionAuthenticatedBy
    from .chat_message import ChatMessage
    from .chat_role import ChatRole
    from .comparison import Comparison
    from .comparison_create import ComparisonCreate
    from .comparison_page import ComparisonPage
    from .comparison_result import ComparisonResult
    from .error_step import ErrorStep
    from .evaluate_expressions import EvaluateExpressions
    from .evaluate_step import EvaluateStep
    from .event import Event
    from .event_page import EventPage
    from .event_publish import EventPublish
    from .event_type import EventType
    from .execution import Execution
    from .execution_create import ExecutionCreate
    from .execution_page import ExecutionPage
    from .execution_status import ExecutionStatus
    from .execution_status_change import ExecutionStatusChange
    from .field_error import FieldError
    from .flag import Flag
    from .health import Health
    from .if_else_step import IfElseStep
    from .initial_task_status import InitialTaskStatus
    from .json_object import JsonObject
    from .list_order import ListOrder
    from .problem import Problem
    from .prompt_step import PromptStep
    from .session import Session
    from .session_create import SessionCreate
    from .session_page import SessionPage
    from .session_update import SessionUpdate
    from .task import Task
    from .task_create import TaskCreate
    from .task_flag import TaskFlag
    from .task_page import TaskPage
    from .task_status import TaskStatus
    from .task_status_change import TaskStatusChange
    from .task_stop import TaskStop
    from .task_update import TaskUpdate
    from .test import Test
    from .test_create import TestCreate
    from .test_page import TestPage
    from .test_status import TestStatus
    from .test_update import TestUpdate
    from .tool_call_step import ToolCallStep
    from .unknown_step import UnknownStep
    from .validation_problem import ValidationProblem
    from .yield_arguments import YieldArguments
    from .yield_step import YieldStep

__all__ = (
    "AuthSession",
    "AuthSessionAuthenticatedBy",
    "ChatMessage",
    "ChatRole",
    "Comparison",
    "ComparisonCreate",
    "ComparisonPage",
    "ComparisonResult",
    "ErrorStep",
    "EvaluateExpressions",
    "EvaluateStep",
    "Event",
    "EventPage",
    "EventPublish",
    "EventType",
    "Execution",
    "ExecutionCreate",
    "ExecutionPage",
    "ExecutionStatus",
    "ExecutionStatusChange",
    "FieldError",
    "Flag",
    "Health",
    "IfElseStep",
    "InitialTaskStatus",
    "JsonObject",
    "ListOrder",
    "Problem",
    "PromptStep",
    "Session",
    "SessionCreate",
    "SessionPage",
    "SessionUpdate",
    "Task",
    "TaskCreate",
    "TaskFlag",
    "TaskPage",
    "TaskStatus",
    "TaskStatusChange",
    "TaskStop",
    "TaskUpdate",
    "Test",
    "TestCreate",
    "TestPage",
    "TestStatus",
    "TestUpdate",
    "ToolCallStep",
    "UnknownStep",
    "ValidationProblem",
    "YieldArguments",
    "YieldStep",
)

# The module of this package that defines each model.
_MODULES = {
    "AuthSession": "auth_session",
    "AuthSessionAuthenticatedBy": "auth_session_authenticated_by",
    "ChatMessage": "chat_message",
    "ChatRole": "chat_role",
    "Comparison": "comparison",
    "ComparisonCreate": "comparison_create",
    "ComparisonPage": "comparison_page",
    "ComparisonResult": "comparison_result",
    "ErrorStep": "error_step",
    "EvaluateExpressions": "evaluate_expressions",
    "EvaluateStep": "evaluate_step",
    "Event": "event",
    "EventPage": "event_page",
    "EventPublish": "event_publish",
    "EventType": "event_type",
    "Execution": "execution",
    "ExecutionCreate": "execution_create",
    "ExecutionPage": "execution_page",
    "ExecutionStatus": "execution_status",
    "ExecutionStatusChange": "execution_status_change",
    "FieldError": "field_error",
    "Flag": "flag",
    "Health": "health",
    "IfElseStep": "if_else_step",
    "InitialTaskStatus": "initial_task_status",
    "JsonObject": "json_object",
    "ListOrder": "list_order",
    "Problem": "problem",
    "PromptStep": "prompt_step",
    "Session": "session",
    "SessionCreate": "session_create",
    "SessionPage": "session_page",
    "SessionUpdate": "session_update",
    "Task": "task",
    "TaskCreate": "task_create",
    "TaskFlag": "task_flag",
    "TaskPage": "task_page",
    "TaskStatus": "task_status",
    "TaskStatusChange": "task_status_change",
    "TaskStop": "task_stop",
    "TaskUpdate": "task_update",
    "Test": "test",
    "TestCreate": "test_create",
    "TestPage": "test_page",
    "TestStatus": "test_status",
    "TestUpdate": "test_update",
    "ToolCallStep": "tool_call_step",
    "UnknownStep": "unknown_step",
    "ValidationProblem": "validation_problem",
    "YieldArguments": "yield_arguments",
    "YieldStep": "yield_step",
}

if not TYPE_CHECKING:

    def __getattr__(name):
        """Import a model's module the first time the model is looked up, and keep the model."""
        try:
            module = _MODULES[name]
        except KeyError:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
        # __import__ rather than importlib: it is the import statement's own machinery, so
        # `python -X importtime` reports the model's module as it does every other.
        value = getattr(__import__(f"{__name__}.{module}", fromlist=[name]), name)
        globals()[name] = value
        return value

    def __dir__():
        """List the models too, loaded or not."""
        return sorted({*globals(), *__all__})
