"""Logging for the SDK, switched on with `OPENTASKS_LOG=debug|info`, with API keys redacted.

The SDK logs to the standard `logging` tree under the `opentasks` logger and, like any library,
adds no handler by default. Setting `OPENTASKS_LOG` makes the first `Client` attach one stderr
handler at that level, so a user can see requests and retries without writing logging code.

Redaction happens twice, because a key can reach a log record in two ways: the SDK's own
messages go through `redact()`, and the handler installed here carries a filter that redacts
every record it formats, including ones from httpx when the user routes them to it.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings

__all__ = ["ENV_LOG", "MIN_SECRET_LENGTH", "logger", "redact", "register_secret", "setup_logging"]

ENV_LOG = "OPENTASKS_LOG"

logger = logging.getLogger("opentasks")

# Keys the reference server makes look like `ot_<43 urlsafe chars>`; Bearer tokens may be any key.
_KEY_PATTERN = re.compile(r"\bot_[A-Za-z0-9_\-]{8,}")
# A placeholder in prose (the server's "send `Authorization: Bearer <key>`") is not a token.
_BEARER_PATTERN = re.compile(r"(?i)(bearer\s+)(?![`<])[^\s'\",`]+")
_REDACTED = "ot_***"
# A registered secret shorter than this is no real key (the server's keys are 46 characters), and
# replacing it everywhere would mangle unrelated text: a key "a" would redact every letter a.
MIN_SECRET_LENGTH = 8

_secrets: set[str] = set()
_lock = threading.Lock()
_configured = False


def register_secret(secret: str) -> None:
    """Remember a key so that `redact()` hides it even when it does not look like one.

    A secret shorter than `MIN_SECRET_LENGTH` is not remembered: no server accepts one as a key,
    and hiding it would rewrite ordinary words in every log line. It is still hidden after
    `Bearer`.

    Args:
        secret: The key to hide.
    """
    if len(secret) >= MIN_SECRET_LENGTH:
        with _lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    """Hide every API key in a text.

    Args:
        text: Any text that might contain a key (a message, a header value, a repr).

    Returns:
        The text with every registered key, every `ot_…` key and every Bearer token replaced
        by `ot_***`.
    """
    for secret in tuple(_secrets):  # a copy: another thread may register a key meanwhile
        text = text.replace(secret, _REDACTED)
    text = _KEY_PATTERN.sub(_REDACTED, text)
    return _BEARER_PATTERN.sub(lambda match: f"{match.group(1)}{_REDACTED}", text)


class RedactingFilter(logging.Filter):
    """A logging filter that redacts keys in a record's formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record's message in place; never drops a record.

        Args:
            record: The record about to be emitted.

        Returns:
            Always `True`.
        """
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


def setup_logging() -> None:
    """Attach a stderr handler to the `opentasks` logger if `OPENTASKS_LOG` asks for one.

    Reads the environment once per process; later calls do nothing. An unknown level leaves
    logging off with a warning, so a typo never breaks the program and never goes unnoticed.
    """
    global _configured  # a once-per-process switch
    with _lock:
        if _configured:
            return
        _configured = True
    level_name = os.environ.get(ENV_LOG, "").strip().lower()
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(level_name)
    if level is None:
        if level_name:
            warnings.warn(
                f"{ENV_LOG}={os.environ[ENV_LOG]!r} is not a level the SDK knows "
                "(use 'debug' or 'info'); logging stays off",
                stacklevel=3,
            )
        return
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"),
    )
    handler.addFilter(RedactingFilter())
    logger.addHandler(handler)
    logger.setLevel(level)
