"""Check the built distributions the way a user meets them: installed from the files.

Run by `nox -s build` right after `python -m build`::

    python tests/packaging/check_wheel.py dist/

It reads the one wheel and the one sdist in that folder and checks:

1. their contents: the four import packages, a `py.typed` in each typed package, the contract
   inside the server package, the license, and no tests or caches in the wheel;
2. the core install: in a new virtual environment, `pip install <wheel>` brings only the core
   dependencies (nothing of the `server` extra), `import opentasks` and `import opentasks_api`
   work from that environment, the version agrees with the wheel's, `import opentasks_server`
   fails with a message naming `pip install "opentasks[server]"`, and `opentasks --help` runs;
3. the server install: in another new environment, `pip install "<wheel>[server]"` makes
   `opentasks --help` run and the reference server start on a free loopback port with a
   temporary database, answer `/healthz`, serve its own `openapi.yaml`, accept the API key it
   printed on first run, and shut down cleanly on Ctrl-C.

Each environment is made with the standard library's `venv` from the base interpreter, never the
nox session's own, which has the build tools installed. Every command runs from a temporary
folder, so the source tree is never on `sys.path`. Only the standard library is used here, for
the same reason.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import venv
import zipfile
from collections.abc import Sequence
from email.message import Message
from email.parser import Parser
from pathlib import Path

SERVER_EXTRA_HINT = 'pip install "opentasks[server]"'
IMPORT_PACKAGES = ("opentasks", "opentasks_api", "opentasks_schema", "opentasks_server")
# Every shipped package carries `py.typed`, so type checkers read its annotations.
TYPED_PACKAGES = ("opentasks", "opentasks_api", "opentasks_schema", "opentasks_server")
# The task board, served from the package: HTML, scripts, style sheet and icon, no build step.
BOARD_FILES = ("board.html", "login.html", "board.js", "login.js", "board.css", "icon.svg")
# Named outright as well as read from the wheel's metadata, so the check cannot pass vacuously
# if the `server` extra were ever renamed or emptied.
SERVER_ONLY = ("fastapi", "sqlalchemy", "pydantic")
KEY_LINE = re.compile(r"OPENTASKS_API_KEY=(ot_[A-Za-z0-9_-]+)")
STARTUP_TIMEOUT = 90.0
SHUTDOWN_TIMEOUT = 30.0


class CheckError(Exception):
    """A distribution does not behave as a user installing it would expect."""


def ok(message: str) -> None:
    """Report one passed check."""
    print(f"ok: {message}", flush=True)


def expect(condition: bool, message: str) -> None:
    """Fail with `message` unless `condition` holds.

    A plain `assert` would vanish under `python -O`; these checks must not.
    """
    if not condition:
        raise CheckError(message)


def normalise(name: str) -> str:
    """Normalise a distribution name as PEP 503 does, so `SQLAlchemy` matches `sqlalchemy`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def only(folder: Path, pattern: str) -> Path:
    """Return the single file in `folder` matching `pattern`."""
    found = sorted(folder.glob(pattern))
    expect(len(found) == 1, f"expected one {pattern} in {folder}, found {[p.name for p in found]}")
    return found[0]


def wheel_metadata(wheel: Path) -> Message:
    """Read the core metadata (`*.dist-info/METADATA`) of a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(archive.read(name).decode("utf-8"))


def requirements(metadata: Message, extra: str | None) -> set[str]:
    """Return the normalised names of the wheel's requirements for `extra` (None: the core)."""
    names = set()
    for line in metadata.get_all("Requires-Dist") or []:
        requirement, _, marker = line.partition(";")
        in_extra = re.search(r"""extra\s*==\s*["']([^"']+)["']""", marker)
        if (in_extra.group(1) if in_extra else None) == extra:
            match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
            if match is None:
                msg = f"unreadable Requires-Dist: {line!r}"
                raise CheckError(msg)
            names.add(normalise(match.group(0)))
    return names


def check_contents(wheel: Path, sdist: Path) -> None:
    """Check what the wheel and the sdist hold."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    tops = {name.split("/", 1)[0] for name in names if not name.split("/", 1)[0].endswith(".data")}
    for package in IMPORT_PACKAGES:
        expect(f"{package}/__init__.py" in names, f"the wheel lacks the {package} package")
    for package in TYPED_PACKAGES:
        expect(f"{package}/py.typed" in names, f"the wheel lacks {package}/py.typed")
    expect(
        "opentasks_server/openapi.yaml" in names,
        "the wheel lacks opentasks_server/openapi.yaml (the server serves it at /openapi.yaml)",
    )
    board = [f"opentasks_server/board/static/{name}" for name in BOARD_FILES]
    missing = [name for name in board if name not in names]
    expect(not missing, f"the wheel lacks the task board's static files: {missing}")
    expect(
        any(re.fullmatch(r"[^/]+\.dist-info/licenses/LICENSE", name) for name in names),
        "the wheel lacks its LICENSE file",
    )
    caches = sorted(name for name in names if "__pycache__" in name or name.endswith(".pyc"))
    expect(not caches, f"the wheel ships bytecode caches: {caches[:5]}")
    # Catches a `tests` or `docs` folder (or anything else) landing beside the packages.
    unexpected = tops - set(IMPORT_PACKAGES) - {n for n in tops if n.endswith(".dist-info")}
    expect(not unexpected, f"the wheel has unexpected top-level entries: {sorted(unexpected)}")
    ok(
        f"{wheel.name} holds {', '.join(IMPORT_PACKAGES)}, their py.typed, the contract, "
        "the board's static files, LICENSE"
    )

    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for required in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", "openapi.yaml"):
        expect(required in members, f"the sdist lacks {required}")
    ok(f"{sdist.name} holds pyproject.toml, README.md, LICENSE, CHANGELOG.md, openapi.yaml")


def clean_env() -> dict[str, str]:
    """Return the environment for commands in a test environment.

    The nox session's variables would otherwise leak into it: VIRTUAL_ENV and PATH point at the
    session's environment, PYTHONPATH could put the source tree on the path.
    """
    env = {
        k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}
    }
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class Environment:
    """A new virtual environment, made from the base interpreter with the stdlib's `venv`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        # `venv` run from inside the nox session's environment still builds on the base
        # interpreter (sys._base_executable), so nothing of the session is inherited.
        venv.EnvBuilder(with_pip=True, clear=True).create(root)
        self.bin = root / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.bin / ("python.exe" if os.name == "nt" else "python")

    def run(self, *args: str | Path, cwd: Path) -> str:
        """Run a command of this environment and return its standard output.

        Raises:
            CheckError: The command exited with a non-zero status.
        """
        command = [str(arg) for arg in args]
        result = subprocess.run(
            command, cwd=cwd, env=clean_env(), capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            msg = (
                f"`{' '.join(command)}` exited with {result.returncode}\n"
                f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
            )
            raise CheckError(msg)
        return result.stdout

    def pip_install(self, requirement: str, *, cwd: Path) -> None:
        """Install `requirement` with this environment's pip."""
        print(f"installing {requirement} into {self.root}", flush=True)
        self.run(self.python, "-m", "pip", "install", "--quiet", requirement, cwd=cwd)

    def probe(self, code: str, *, cwd: Path) -> dict[str, object]:
        """Run `code` in this environment; it prints one JSON object, which is returned."""
        output = self.run(self.python, "-c", code, cwd=cwd)
        result = json.loads(output.strip().splitlines()[-1])
        expect(isinstance(result, dict), f"the probe printed {output!r}")
        return dict(result)


CORE_PROBE = """
import importlib.metadata as md, json
import opentasks, opentasks_api
try:
    import opentasks_server
except ImportError as error:
    server_error = str(error)
else:
    server_error = None
print(json.dumps({
    "version": opentasks.__version__,
    "dist_version": md.version("opentasks"),
    "opentasks_file": opentasks.__file__,
    "opentasks_api_file": opentasks_api.__file__,
    "installed": sorted(dist.metadata["Name"] for dist in md.distributions()),
    "server_error": server_error,
}))
"""

SERVER_PROBE = """
import json
import opentasks_server
print(json.dumps({
    "file": opentasks_server.__file__,
    "create_app": callable(getattr(opentasks_server, "create_app", None)),
}))
"""

# Runs the server through its programmatic entry point, for as long as the CLI has no `serve`.
SERVE_BY_FUNCTION = """
import sys
from opentasks_server.cli import serve
sys.exit(serve(db=sys.argv[1], host="127.0.0.1", port=int(sys.argv[2]), workers=1))
"""


def check_core(wheel: Path, metadata: Message, work: Path) -> None:
    """Install the wheel without extras into a new environment and check what it holds."""
    env = Environment(work / "core-venv")
    env.pip_install(str(wheel), cwd=work)
    result = env.probe(CORE_PROBE, cwd=work)

    for key in ("opentasks_file", "opentasks_api_file"):
        path = Path(str(result[key])).resolve()
        expect(
            env.root.resolve() in path.parents, f"{key} is {path}, not inside the test environment"
        )
    ok("`import opentasks` and `import opentasks_api` work from the installed wheel")

    wheel_version = wheel.name.split("-")[1]
    expect(
        result["version"] == result["dist_version"] == wheel_version,
        f"versions disagree: opentasks.__version__={result['version']}, "
        f"installed metadata={result['dist_version']}, wheel file={wheel_version}",
    )
    ok(f"opentasks.__version__ == the distribution's version == {wheel_version}")

    installed_names = result["installed"]
    if not isinstance(installed_names, list):
        msg = f"the probe's `installed` is not a list: {installed_names!r}"
        raise CheckError(msg)
    installed = {normalise(str(name)) for name in installed_names}
    server_only = requirements(metadata, "server") - requirements(metadata, None)
    expect(bool(server_only), "the wheel's metadata declares no `server` extra")
    leaked = sorted((server_only | set(SERVER_ONLY)) & installed)
    expect(not leaked, f"the core install brought server dependencies: {leaked}")
    missing = sorted(requirements(metadata, None) - installed)
    expect(not missing, f"the core install lacks core dependencies: {missing}")
    ok(f"the core install has {len(installed)} distributions and none of {sorted(server_only)}")

    error = result["server_error"]
    expect(error is not None, "`import opentasks_server` worked without the server extra")
    expect(
        SERVER_EXTRA_HINT in str(error),
        f"`import opentasks_server` failed, but its message does not name {SERVER_EXTRA_HINT}: "
        f"{error!r}",
    )
    ok(f"`import opentasks_server` fails with: {error}")

    help_text = env.run(env.bin / "opentasks", "--help", cwd=work)
    expect("usage: opentasks" in help_text, f"`opentasks --help` printed {help_text!r}")
    ok("`opentasks --help` runs in the core install")


def free_port() -> int:
    """Return a loopback TCP port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    """GET `url` and return the status, the content type and the body, also for 4xx answers."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (
                response.status,
                response.headers.get("Content-Type", ""),
                response.read().decode(),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode()


def wait_healthy(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the server answers `/healthz` with 200.

    Raises:
        CheckError: The server exited or did not answer in time.
    """
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            msg = f"the server exited with {process.returncode} while starting:\n{log.read_text()}"
            raise CheckError(msg)
        try:
            status, _, _ = http_get(f"{base_url}/healthz")
        except OSError:  # not listening yet
            status = 0
        if status == 200:
            return
        time.sleep(0.2)
    msg = f"the server did not answer /healthz within {STARTUP_TIMEOUT:.0f} s:\n{log.read_text()}"
    raise CheckError(msg)


def stop(process: subprocess.Popen[bytes]) -> int:
    """Stop the server the way a user does, with Ctrl-C (SIGINT), and return its exit status."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=SHUTDOWN_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            msg = f"the server did not stop within {SHUTDOWN_TIMEOUT:.0f} s of Ctrl-C"
            raise CheckError(msg) from None
    return process.returncode


def check_serving(command: list[str], work: Path) -> None:
    """Start the server with `command` + `--port`, exercise it over HTTP and stop it."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = work / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, str(port)], cwd=work, env=clean_env(), stdout=out, stderr=subprocess.STDOUT
        )
    try:
        wait_healthy(base_url, process, log)
        ok(f"the server from the wheel answers {base_url}/healthz")

        status, _, body = http_get(f"{base_url}/openapi.yaml")
        expect(status == 200 and body.startswith("openapi: 3.1"), f"/openapi.yaml: {status}")
        ok("it serves its own openapi.yaml")

        status, content_type, body = http_get(f"{base_url}/board/login")
        expect(status == 200 and "login.js" in body, f"/board/login: {status} {content_type}")
        status, content_type, _ = http_get(f"{base_url}/board/static/board.js")
        expect(status == 200 and "javascript" in content_type, f"board.js: {status} {content_type}")
        ok("it serves the task board's login page and script from the package")

        status, content_type, _ = http_get(f"{base_url}/v1/tasks")
        expect(
            status == 401 and content_type.startswith("application/problem+json"),
            f"/v1/tasks without a key: {status} {content_type}",
        )
        key = KEY_LINE.search(log.read_text())
        if key is None:
            msg = f"the first run printed no API key:\n{log.read_text()}"
            raise CheckError(msg)
        auth = {"Authorization": f"Bearer {key.group(1)}", "Accept": "application/json"}
        status, _, body = http_get(f"{base_url}/v1/tasks", auth)
        expect(
            status == 200 and "has_more" in json.loads(body), f"/v1/tasks with the key: {status}"
        )
        ok("the key printed on the first run lists tasks; no key is a 401 problem")
    finally:
        code = stop(process)
    expect(code == 0, f"the server exited with {code} after Ctrl-C:\n{log.read_text()}")
    ok("the server shuts down cleanly on Ctrl-C")


def check_server(wheel: Path, work: Path) -> None:
    """Install the wheel with the server extra into a new environment and run the server."""
    env = Environment(work / "server-venv")
    env.pip_install(f"{wheel}[server]", cwd=work)
    result = env.probe(SERVER_PROBE, cwd=work)
    expect(result["create_app"] is True, "opentasks_server.create_app is missing")
    ok("`import opentasks_server` works with the server extra")

    help_text = env.run(env.bin / "opentasks", "--help", cwd=work)
    expect("usage: opentasks" in help_text, f"`opentasks --help` printed {help_text!r}")
    ok("`opentasks --help` runs with the server extra")

    database = work / "opentasks.db"
    if re.search(r"\bserve\b", help_text):
        command = [str(env.bin / "opentasks"), "serve", "--db", str(database)]
        command += ["--host", "127.0.0.1", "--port"]
    else:
        print(
            "NOTE: `opentasks --help` lists no `serve` command yet; starting the server through "
            "opentasks_server.cli.serve instead. `opentasks serve` itself is not checked.",
            flush=True,
        )
        command = [str(env.python), "-c", SERVE_BY_FUNCTION, str(database)]
    check_serving(command, work)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every check on the distributions in the given folder.

    Args:
        argv: The arguments, without the program name; `None` reads them from `sys.argv`.

    Returns:
        The process exit status: 0 when every check passed, 1 otherwise.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dist", type=Path, help="the folder holding the wheel and the sdist")
    args = parser.parse_args(argv)
    dist: Path = args.dist.resolve()
    try:
        wheel = only(dist, "opentasks-*.whl")
        sdist = only(dist, "opentasks-*.tar.gz")
        metadata = wheel_metadata(wheel)
        check_contents(wheel, sdist)
        with tempfile.TemporaryDirectory(prefix="opentasks-wheel-") as tmp:
            work = Path(tmp)
            (work / "core").mkdir()
            (work / "server").mkdir()
            check_core(wheel, metadata, work / "core")
            check_server(wheel, work / "server")
    except CheckError as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"every check passed for {wheel.name} and {sdist.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
