// The login form: sends the key once in a header and lets the server set an HttpOnly cookie.
const REASONS = {
  expired: "Your login expired. Log in again.",
  invalid: "Your login is not valid any more (logged out, or its key was revoked). Log in again.",
};

const params = new URLSearchParams(location.search);
const reason = REASONS[params.get("reason")];
if (reason) {
  const box = document.getElementById("reason");
  box.textContent = reason;
  box.hidden = false;
}

// Only a board page may follow a login, so the link cannot send the browser elsewhere.
function nextPage() {
  const next = params.get("next") || "/board";
  return /^\/board(\/[A-Za-z0-9_\-\/]*)?$/.test(next) && !next.startsWith("/board/login")
    ? next
    : "/board";
}

document.getElementById("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = document.getElementById("key");
  const error = document.getElementById("error");
  error.hidden = true;
  const key = input.value.trim();
  let response;
  try {
    response = await fetch("/v1/auth/session", {
      method: "POST",
      headers: { Authorization: `Bearer ${key}` },
      credentials: "same-origin",
    });
  } catch (failure) {
    error.textContent = `The server did not answer: ${failure.message}`;
    error.hidden = false;
    return;
  }
  input.value = "";
  if (response.status === 201) {
    location.assign(nextPage());
    return;
  }
  let detail = `The server answered ${response.status}.`;
  try {
    detail = (await response.json()).detail || detail;
  } catch {
    // not a problem document: keep the status line
  }
  error.textContent = detail;
  error.hidden = false;
  input.focus();
});
