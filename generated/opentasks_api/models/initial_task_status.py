# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class InitialTaskStatus(StrEnum):
    COMPLETED = "completed"
    FAILED = "failed"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
