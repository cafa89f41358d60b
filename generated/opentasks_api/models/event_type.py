# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class EventType(StrEnum):
    ANALYZE = "analyze"
    CHUNK = "chunk"
    COMPARISON_CREATED = "comparison_created"
    EXECUTION_CREATED = "execution_created"
    EXECUTION_STATUS_CHANGED = "execution_status_changed"
    LOG = "log"
    MESSAGE = "message"
    PLAN_UPDATED = "plan_updated"
    SESSION_CREATED = "session_created"
    SESSION_DELETED = "session_deleted"
    SESSION_UPDATED = "session_updated"
    SUB_AGENT_TRIGGER = "sub_agent_trigger"
    TASK_CREATED = "task_created"
    TASK_FINISHED = "task_finished"
    TASK_FLAGGED = "task_flagged"
    TASK_STATUS_CHANGED = "task_status_changed"
    TASK_UPDATED = "task_updated"
    TEST_CREATED = "test_created"
    TEST_UPDATED = "test_updated"
    THINK = "think"
    TOOL_CALL_REQUEST = "tool_call_request"
    TOOL_CALL_RESULT = "tool_call_result"

    def __str__(self) -> str:
        return str(self.value)
