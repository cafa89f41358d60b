"""`__all__` and the lazy-load table of `opentasks` follow its imports (generator/sdk_exports.py)."""

from __future__ import annotations

from types import ModuleType

import pytest


def test_the_committed_lists_are_the_ones_the_imports_give(sdk_exports: ModuleType) -> None:
    """Writing `__all__` and the table from `__init__.py`'s own imports changes nothing."""
    text = sdk_exports.INIT.read_text(encoding="utf-8")
    written = sdk_exports.exported(text)
    assert written[sdk_exports.INIT] == text
    assert written[sdk_exports.TABLE] == sdk_exports.TABLE.read_text(encoding="utf-8")


def test_an_import_is_exported_and_loaded_lazily(sdk_exports: ModuleType) -> None:
    """A name imported for type checkers lands in `__all__`, in order, and in the table."""
    text = sdk_exports.INIT.read_text(encoding="utf-8")
    added = text.replace(
        "    from ._task import Task\n", "    from ._task import Task, TaskBase\n", 1
    )
    assert added != text
    written = sdk_exports.exported(added)
    assert '    "Task",\n    "TaskBase",\n    "TaskExecutions",\n' in written[sdk_exports.INIT]
    assert '    "TaskBase": "opentasks._task",\n' in written[sdk_exports.TABLE]


def test_a_name_no_import_gives_is_dropped(sdk_exports: ModuleType) -> None:
    """A name written into `__all__` by hand does not survive regeneration."""
    text = sdk_exports.INIT.read_text(encoding="utf-8")
    edited = text.replace('    "Task",\n', '    "Task",\n    "Tsk",\n', 1)
    assert edited.count('"Tsk"') == 1
    assert sdk_exports.exported(edited)[sdk_exports.INIT] == text


def test_an_init_without_its_import_block_is_an_error(sdk_exports: ModuleType) -> None:
    """Without the `if typing.TYPE_CHECKING:` imports there is nothing to write the lists from."""
    with pytest.raises(RuntimeError, match="TYPE_CHECKING"):
        sdk_exports.exported('__all__ = ["x"]\n')


def test_an_init_without_all_is_an_error(sdk_exports: ModuleType) -> None:
    """Without `__all__ = [...]` there is no place to write the public names to."""
    with pytest.raises(RuntimeError, match="__all__"):
        sdk_exports.exported("import typing\n\nif typing.TYPE_CHECKING:\n    from .x import X\n")
