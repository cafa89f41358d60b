"""Fixtures of the contract tests: the database backends of tests/_databases.py."""

from __future__ import annotations

from tests._databases import backend, module_databases, postgres_databases

__all__ = ["backend", "module_databases", "postgres_databases"]
