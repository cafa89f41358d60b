# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class ChatRole(StrEnum):
    ASSISTANT = "assistant"
    SYSTEM = "system"
    TOOL = "tool"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
