# generated from openapi.yaml by generator/regenerate.py — do not edit
from enum import StrEnum


class ComparisonResult(StrEnum):
    BOTH_BAD = "both_bad"
    ERROR = "error"
    NEW_BETTER = "new_better"
    OLD_BETTER = "old_better"
    SAME_QUALITY = "same_quality"
    UNDETERMINED = "undetermined"

    def __str__(self) -> str:
        return str(self.value)
