"""A description of the machine and software a run measured, stored with its figures."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["PACKAGES", "describe"]

# The packages whose versions change the figures: the client stacks, the server stack, and the
# optional accelerators each of them picks up when installed (sniffio, uvloop, httptools).
PACKAGES = (
    "opentasks",
    "httpx",
    "httpcore",
    "h11",
    "anyio",
    "sniffio",
    "httpx-sse",
    "attrs",
    "aiohttp",
    "httpx-aiohttp",
    "anthropic",
    "httpx2",
    "fastapi",
    "starlette",
    "pydantic",
    "uvicorn",
    "uvloop",
    "httptools",
    "sse-starlette",
    "sqlalchemy",
    "aiosqlite",
)


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _git_revision(root: Path) -> str | None:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"{head}{' (uncommitted changes)' if dirty else ''}"


def describe(root: Path) -> dict[str, Any]:
    """Describe this machine and the installed packages.

    Args:
        root: The repository, for the git revision the run measured.

    Returns:
        A JSON-ready mapping: date, cpu model and count, os, python, git revision and the
        versions of `PACKAGES` (`None` for those not installed).
    """
    return {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "cpu_model": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "git_revision": _git_revision(root),
        # Other work on the machine skews every figure; the 1-minute load says if there was any.
        "load_average": [round(x, 2) for x in os.getloadavg()]
        if hasattr(os, "getloadavg")
        else None,
        "packages": {name: _version(name) for name in PACKAGES},
    }
