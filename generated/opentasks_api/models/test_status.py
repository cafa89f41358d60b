# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class TestStatus(StrEnum):
    CANCELED = "canceled"
    COMPLETED = "completed"
    STARTED = "started"

    def __str__(self) -> str:
        return str(self.value)
