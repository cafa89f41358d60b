# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class AuthSessionAuthenticatedBy(StrEnum):
    API_KEY = "api_key"
    COOKIE = "cookie"

    def __str__(self) -> str:
        return str(self.value)
