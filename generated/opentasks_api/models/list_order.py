# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class ListOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"

    def __str__(self) -> str:
        return str(self.value)
