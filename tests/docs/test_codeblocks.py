"""The block finder of the docs test: what counts as a block, and how markers attach to one."""

from __future__ import annotations

import pytest

from tests.docs.codeblocks import NOT_RUN, PYTEST_FILE, RUN, DocsError, check_file_name, parse

PAGE = """# A page

```python
x = 1
```

<!-- not-run: needs a GPU -->

```python
train()
```

1. A list item:

    <!-- pytest-file: test_it.py -->
    ```python
    def test_it():
        assert True
    ```

```sh
echo not python
```
"""


def test_blocks_modes_and_lines() -> None:
    """Each ```python block is found with its mode, its argument and its first code line."""
    blocks = parse(PAGE, "page.md")
    assert [(b.mode, b.argument, b.line) for b in blocks] == [
        (RUN, "", 4),
        (NOT_RUN, "needs a GPU", 10),
        (PYTEST_FILE, "test_it.py", 17),
    ]
    assert blocks[0].code == "x = 1\n"


def test_an_indented_block_is_dedented() -> None:
    """A block inside a list item loses the list's indentation, not its own."""
    block = parse(PAGE, "page.md")[2]
    assert block.code == "def test_it():\n    assert True\n"


def test_a_marker_without_reason_parses_with_an_empty_one() -> None:
    """`<!-- not-run -->` is recognised, so the test can insist on its missing reason."""
    blocks = parse("<!-- not-run -->\n```python\nx = 1\n```\n", "page.md")
    assert [(b.mode, b.argument) for b in blocks] == [(NOT_RUN, "")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("```py\nx = 1\n```\n", "write ```python"),
        ("```python\nx = 1\n", "never closed"),
        ("<!-- not-run: later -->\n\nSome prose.\n\n```python\nx = 1\n```\n", "right before"),
        ("<!-- not-run: nothing follows -->\n", "right before"),
    ],
)
def test_mistakes_are_refused(text: str, message: str) -> None:
    """Python under another name, an open fence and a stray marker are errors, not skips."""
    with pytest.raises(DocsError, match=message):
        parse(text, "page.md")


def test_pytest_files_need_a_test_or_conftest_name() -> None:
    """A pytest file must be a name pytest collects (or a conftest)."""
    check_file_name(parse(PAGE, "page.md")[2])
    with pytest.raises(DocsError, match="pytest-file"):
        check_file_name(parse("<!-- pytest-file: helper.py -->\n```python\n```\n", "p")[0])
