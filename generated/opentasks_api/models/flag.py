# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class Flag(StrEnum):
    FAILURE = "failure"
    SUCCESS = "success"

    def __str__(self) -> str:
        return str(self.value)
