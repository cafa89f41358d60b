# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class TaskStatus(StrEnum):
    COMPLETED = "completed"
    ERROR = "error"
    EXECUTING = "executing"
    FAILED = "failed"
    PAUSED = "paused"
    PENDING = "pending"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
