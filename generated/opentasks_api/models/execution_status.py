# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class ExecutionStatus(StrEnum):
    AWAITING_INPUT = "awaiting_input"
    CANCELLED = "cancelled"
    FAILED = "failed"
    QUEUED = "queued"
    RUNNING = "running"
    STARTING = "starting"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
