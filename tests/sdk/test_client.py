"""Client configuration: keys and URLs from the environment, copies, redaction, logging."""

from __future__ import annotations

import logging

import httpx
import pytest
from opentasks import DEFAULT_TIMEOUT, Backoff, Client, OpenTasksError
from opentasks._logging import MIN_SECRET_LENGTH, RedactingFilter, redact, register_secret

KEY = "ot_" + "s" * 43


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key or URL leaks in from the machine running the tests."""
    monkeypatch.delenv("OPENTASKS_API_KEY", raising=False)
    monkeypatch.delenv("OPENTASKS_BASE_URL", raising=False)


def test_no_key_says_how_to_provide_one() -> None:
    """Without a key, the error names the argument, the variable and how to make a key."""
    with pytest.raises(OpenTasksError) as caught:
        Client()
    message = str(caught.value)
    assert "OPENTASKS_API_KEY" in message
    assert "api_key=" in message
    assert "opentasks keys create" in message


def test_key_and_url_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """OPENTASKS_API_KEY and OPENTASKS_BASE_URL are read when no arguments are given."""
    monkeypatch.setenv("OPENTASKS_API_KEY", KEY)
    monkeypatch.setenv("OPENTASKS_BASE_URL", "http://example.test:9000/")
    client = Client()
    assert client.base_url == "http://example.test:9000"


def test_defaults() -> None:
    """The default URL is the local server's; the default timeout is not "never"."""
    client = Client(api_key=KEY)
    assert client.base_url == "http://127.0.0.1:8000"
    assert client.timeout == DEFAULT_TIMEOUT
    assert client.timeout.read == 30.0
    assert client.timeout.connect == 5.0
    assert Client(api_key=KEY, timeout=3).timeout == httpx.Timeout(3)


def test_repr_redacts_the_key() -> None:
    """Neither the client nor the generated client beneath it prints the key."""
    client = Client(api_key=KEY)
    assert KEY not in repr(client)
    assert KEY not in repr(client.api)
    assert "ot_***" in repr(client)


def test_with_options_shares_the_pool_unless_the_connection_changes() -> None:
    """A copy with other retries shares connections; one with another key gets its own."""
    client = Client(api_key=KEY)
    patient = client.with_options(max_retries=5, timeout=60, backoff=Backoff(initial=1))
    assert patient._pool is client._pool
    assert patient.retry_policy.max_retries == 5
    assert patient.timeout == httpx.Timeout(60)
    assert client.retry_policy.max_retries == 2
    other = client.with_options(api_key="ot_" + "o" * 43)
    assert other._pool is not client._pool
    assert other.base_url == client.base_url


def test_per_call_timeout_reaches_the_request() -> None:
    """`timeout=` on a call sets that request's timeouts; the default applies otherwise."""
    seen: list[dict[str, float | None]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(404, json={"detail": "x"})

    client = Client(api_key=KEY, base_url="http://api.test", transport=httpx.MockTransport(handle))
    for timeout in (None, 1.5):
        with pytest.raises(OpenTasksError):
            client.tasks.get("task_x", timeout=timeout)
    assert seen[0]["read"] == 30.0
    assert seen[0]["connect"] == 5.0
    assert seen[1] == {"connect": 1.5, "read": 1.5, "write": 1.5, "pool": 1.5}


def test_default_headers_are_sent_and_the_key_as_bearer() -> None:
    """Default headers go with every request, with the key and a user agent."""
    seen: list[httpx.Headers] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers)
        return httpx.Response(404, json={})

    client = Client(
        api_key=KEY,
        base_url="http://api.test",
        default_headers={"X-Team": "sales"},
        transport=httpx.MockTransport(handle),
    )
    with pytest.raises(OpenTasksError):
        client.tasks.get("task_x")
    assert seen[0]["x-team"] == "sales"
    assert seen[0]["authorization"] == f"Bearer {KEY}"
    assert seen[0]["user-agent"].startswith("opentasks-python/")


def test_your_own_httpx_client_is_used() -> None:
    """A caller's httpx client gets the key and base URL, and is not closed by the SDK."""
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(404, json={})

    mine = httpx.Client(transport=httpx.MockTransport(handle))
    with (
        Client(api_key=KEY, base_url="http://api.test", http_client=mine) as client,
        pytest.raises(OpenTasksError),
    ):
        client.tasks.get("task_x")
    assert str(seen[0].url) == "http://api.test/v1/tasks/task_x"
    assert not mine.is_closed
    mine.close()


def test_redact_hides_keys_everywhere() -> None:
    """Keys, registered secrets and Bearer tokens are replaced in any text."""
    assert redact(f"key={KEY}!") == "key=ot_***!"
    assert redact("Authorization: Bearer abc.def") == "Authorization: Bearer ot_***"
    Client(api_key="custom-secret-value")
    assert "custom-secret-value" not in redact("sent custom-secret-value")


def test_redact_leaves_text_alone_for_keys_too_short_to_be_keys() -> None:
    """A one- to seven-character key is not hidden in unrelated text, which it would mangle."""
    for short in ("a", "abc", "x" * (MIN_SECRET_LENGTH - 1)):
        register_secret(short)
        assert redact(f"a task named abc, xxxxxxxx and {short}") == (
            f"a task named abc, xxxxxxxx and {short}"
        )
    # After `Bearer` a short token is still hidden.
    assert redact("Authorization: Bearer abc") == "Authorization: Bearer ot_***"
    # Registered secrets are process-wide: this one appears in no other test's text.
    shortest = "q7Zk2Pw9"[:MIN_SECRET_LENGTH]
    register_secret(shortest)
    assert redact(f"{shortest}!") == "ot_***!"


def test_redact_keeps_placeholders_in_prose() -> None:
    """The server's advice on how to send a key reads the same after redaction."""
    advice = "send `Authorization: Bearer <key>` or `Authorization: Bearer `<key>``"
    assert redact(advice) == advice


def test_log_records_are_redacted() -> None:
    """The logging filter redacts a key in a record's message and arguments."""
    record = logging.LogRecord("opentasks", logging.INFO, __file__, 1, "key %s", (KEY,), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "key ot_***"


def test_opentasks_log_turns_on_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """OPENTASKS_LOG=debug attaches a handler at debug level, once."""
    import opentasks._logging as log

    logger = logging.getLogger("opentasks")
    monkeypatch.setattr(log, "_configured", False)
    monkeypatch.setenv("OPENTASKS_LOG", "debug")
    before = list(logger.handlers)
    try:
        Client(api_key=KEY)
        Client(api_key=KEY)
        added = [handler for handler in logger.handlers if handler not in before]
        assert len(added) == 1
        assert logger.level == logging.DEBUG
        assert any(isinstance(f, RedactingFilter) for f in added[0].filters)
    finally:
        for handler in logger.handlers[:]:
            if handler not in before:
                logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)


def test_requests_and_retries_are_logged_without_the_key(caplog: pytest.LogCaptureFixture) -> None:
    """Debug logs show each request and retry, never the key."""
    answers = iter([503, 404])

    def handle(_: httpx.Request) -> httpx.Response:
        return httpx.Response(next(answers), json={})

    client = Client(
        api_key=KEY,
        base_url="http://api.test",
        backoff=Backoff(initial=0, jitter=0),
        transport=httpx.MockTransport(handle),
    )
    with caplog.at_level(logging.DEBUG, logger="opentasks"), pytest.raises(OpenTasksError):
        client.tasks.get("task_x")
    text = caplog.text
    assert "retrying GET http://api.test/v1/tasks/task_x after status 503" in text
    assert "-> 404" in text
    assert KEY not in text
