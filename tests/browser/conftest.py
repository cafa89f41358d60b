"""Fixtures of the browser tests: Debian's Chromium driven by Playwright, a real server on loopback.

Chromium is the distribution's package, found through `OPENTASKS_CHROMIUM` (which
`.ci/chromium.sh` prints, installing the package where it can) or on `PATH`; Playwright drives it
as its executable and never downloads a browser of its own. Without Chromium these tests skip,
saying how to get it.

The server runs on a SQLite file: what the browser tests prove is the board's and the browser's
side, and the server tests run the same routes on PostgreSQL too.

Screenshots go to `OPENTASKS_SCREENSHOTS` (default `build/screenshots` in the checkout), where CI
keeps them as artifacts; docs/images holds a chosen set.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from opentasks_server import create_api_key, create_app
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests._live_server import run_server

ROOT = Path(__file__).resolve().parents[2]
# Flags for a headless Chromium that talks to nothing but the test's server.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Return the Chromium executable to drive, or `None` when there is none."""
    configured = os.environ.get("OPENTASKS_CHROMIUM")
    if configured and Path(configured).is_file():
        return configured
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


# Module-scoped: Playwright's sync API keeps an event loop running in the test thread while it
# is started, which the asyncio tests of other modules cannot share.
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver, for one module's tests."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless Chromium from the distribution's packages."""
    executable = chromium_path()
    if executable is None:
        pytest.skip(
            'Chromium is not installed: run `eval "$(.ci/chromium.sh)"` (it installs Debian\'s '
            "`chromium` package with apt-get) or set OPENTASKS_CHROMIUM to a Chromium executable"
        )
    launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile (no cookies) at a laptop's window size."""
    profile = browser.new_context(viewport={"width": 1360, "height": 860})
    profile.set_default_timeout(10_000)
    yield profile
    profile.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A tab of the fresh profile."""
    return context.new_page()


@dataclass(frozen=True)
class Board:
    """A server on loopback and the keys of two projects.

    Attributes:
        base_url: The server, `http://127.0.0.1:<port>`.
        database_url: Its database.
        key: A key of the project `default`.
        other_key: A key of the project `other`.
    """

    base_url: str
    database_url: str
    key: str
    other_key: str

    def api(self, key: str | None = None) -> httpx.Client:
        """Return an HTTP client on the server sending a key (by default `key`)."""
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {key or self.key}"},
            timeout=10,
        )


@pytest.fixture
def board(tmp_path: Path) -> Iterator[Board]:
    """A server with the board on a loopback port, on a new SQLite file."""
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'board.db'}"
    key = create_api_key(database_url, "default")
    other_key = create_api_key(database_url, "other")
    with run_server(create_app(database_url, heartbeat_interval=0.5)) as server:
        yield Board(server.base_url, database_url, key, other_key)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder screenshots are saved in."""
    folder = Path(os.environ.get("OPENTASKS_SCREENSHOTS", ROOT / "build" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_in(page: Page, board: Board, key: str | None = None, path: str = "/board") -> None:
    """Log the page in through the login form, starting from a board page."""
    page.goto(board.base_url + path)
    page.wait_for_url("**/board/login**")
    page.fill("#key", key or board.key)
    page.press("#key", "Enter")
    page.wait_for_url(lambda url: "/board/login" not in url)
