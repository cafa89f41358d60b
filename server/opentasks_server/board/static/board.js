// The task board. Plain modern JavaScript, no build step: it reads the API with the login's
// cookie and follows the project's one event stream (GET /v1/events), filtering it here, so a
// page holds a single stream connection whatever it shows.
//
// Every value from the API is put in the page as text (textContent), never as HTML.

const body = document.body;
const PAGE = body.dataset.page;
const RESOURCE_ID = body.dataset.resourceId;
const EVENT_HEAD = body.dataset.eventHead;
const main = document.getElementById("main");
const live = document.getElementById("live");
const TASK_STATUSES = ["pending", "executing", "paused", "completed", "failed", "error", "stopped"];
const TERMINAL = ["completed", "failed", "error", "stopped"];
const PAGE_SIZE = 25;

// --- small helpers --------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function time(value) {
  if (!value) return "—";
  const date = new Date(value);
  return el("time", { datetime: value, title: value }, date.toLocaleString());
}

function badge(value) {
  if (!value) return "—";
  return el("span", { class: `badge s-${value}` }, value);
}

function link(href, text) {
  return el("a", { href }, text);
}

function compact(value, limit = 240) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

function seqOf(eventId) {
  const match = /^evt_(\d+)$/.exec(eventId || "");
  return match ? Number(match[1]) : 0;
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

function toLogin(reason) {
  const next = encodeURIComponent(location.pathname);
  location.assign(`/board/login?next=${next}${reason ? `&reason=${reason}` : ""}`);
}

async function api(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  const response = await fetch(path, { ...options, headers, credentials: "same-origin" });
  if (response.status === 401) {
    // The problem says whether the login expired or is not valid any more (logged out, key
    // revoked); the login page tells the user which.
    const problem = await response.json().catch(() => ({}));
    toLogin(/expired/.test(problem.detail || "") ? "expired" : "invalid");
    throw new ApiError(401, problem);
  }
  if (response.status === 204) return null;
  const payload = await response.json();
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload;
}

let csrfToken = null;

async function write(path, method, payload) {
  if (csrfToken === null) csrfToken = (await api("/v1/auth/session")).csrf_token;
  const headers = { "X-CSRF-Token": csrfToken };
  if (payload !== undefined) headers["Content-Type"] = "application/json";
  return api(path, {
    method,
    headers,
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

function showError(error) {
  main.replaceChildren(
    el("h1", {}, error.status === 404 ? "Not found" : "Something went wrong"),
    el("p", { class: "error", role: "alert" }, error.message),
    el("p", {}, link("/board", "Back to the tasks")),
  );
}

// --- the event stream -----------------------------------------------------------------------

// One connection for the page. It is read with fetch rather than EventSource because workers
// publish event types of their own, and EventSource delivers only the types it is told to
// listen for. After a drop it reconnects with `Last-Event-ID`, the id of the last event handled,
// so nothing is missed and nothing is handled twice.
const stream = {
  lastSeq: 0,
  lastId: null,
  handlers: [],
  retryMs: 1000,
  on(handler) {
    this.handlers.push(handler);
  },
  status(text, on) {
    live.textContent = text;
    live.className = `live ${on ? "on" : "off"}`;
  },
  start(afterId) {
    if (afterId) {
      this.lastId = afterId;
      this.lastSeq = seqOf(afterId);
    }
    this.connect();
  },
  async connect() {
    const headers = { Accept: "text/event-stream" };
    if (this.lastId) headers["Last-Event-ID"] = this.lastId;
    let response;
    try {
      response = await fetch("/v1/events", { headers, credentials: "same-origin" });
    } catch {
      return this.again();
    }
    if (response.status === 401) {
      const problem = await response.json().catch(() => ({}));
      return toLogin(/expired/.test(problem.detail || "") ? "expired" : "invalid");
    }
    if (!response.ok || !response.body) {
      const wait = Number(response.headers.get("Retry-After")) * 1000;
      return this.again(wait || undefined);
    }
    this.status("live", true);
    this.retryMs = 1000;
    try {
      await this.read(response.body);
    } catch {
      // the connection dropped: resume below
    }
    this.again();
  },
  again(wait) {
    this.status("reconnecting…", false);
    const delay = wait || this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 15000);
    setTimeout(() => this.connect(), delay);
  },
  async read(bodyStream) {
    const reader = bodyStream.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      const frames = buffer.split(/\r\n\r\n|\n\n|\r\r/);
      buffer = frames.pop();
      for (const frame of frames) this.frame(frame);
    }
  },
  frame(text) {
    const data = [];
    let id = null;
    for (const line of text.split(/\r\n|\n|\r/)) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "data") data.push(value);
      else if (field === "id") id = value;
    }
    if (!data.length || !id) return;
    const seq = seqOf(id);
    if (seq <= this.lastSeq) return;
    this.lastSeq = seq;
    this.lastId = id;
    const event = JSON.parse(data.join("\n"));
    for (const handler of this.handlers) handler(event);
  },
};

// --- task tables (the tasks page and a session's page) --------------------------------------

// A task's name, else the start of its prompt, else its id.
function taskTitle(task) {
  if (task.name) return task.name;
  if (typeof task.prompt === "string" && task.prompt) return compact(task.prompt, 60);
  return task.id;
}

function taskRow(task) {
  return el(
    "tr",
    { "data-task-id": task.id },
    el("td", {}, link(`/board/tasks/${encodeURIComponent(task.id)}`, taskTitle(task))),
    el("td", { "data-field": "status" }, badge(task.status)),
    el("td", {}, task.agent_id),
    el(
      "td",
      {},
      task.session_id
        ? link(`/board/sessions/${encodeURIComponent(task.session_id)}`, task.session_id)
        : "—",
    ),
    el("td", { "data-field": "flag" }, badge(task.flag)),
    el("td", {}, time(task.created_at)),
    el("td", {}, time(task.updated_at)),
  );
}

function taskTable(rows) {
  const headings = ["Task", "Status", "Agent", "Session", "Flag", "Created", "Updated"];
  const tbody = el("tbody", {}, rows);
  if (!rows.length) tbody.append(el("tr", {}, el("td", { class: "empty", colspan: 7 }, "No tasks.")));
  return el(
    "table",
    { id: "tasks" },
    el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col" }, h)))),
    tbody,
  );
}

function pager(page, after, go) {
  return el(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    el("button", { type: "button", disabled: !after, onclick: () => go("") }, "« First page"),
    el(
      "button",
      { type: "button", id: "next-page", disabled: !page.has_more, onclick: () => go(page.next_cursor) },
      "Next page »",
    ),
    el("span", { class: "muted" }, `${PAGE_SIZE} a page, newest first`),
  );
}

// Keeps a table of tasks current: a task's row is read again when one of its events arrives,
// and a new task that matches is put on top when the table shows the first (newest) page.
function followTasks(state, matches) {
  stream.on(async (event) => {
    if (!event.task_id) return;
    const tbody = document.querySelector("#tasks tbody");
    if (!tbody) return;
    const row = tbody.querySelector(`tr[data-task-id="${CSS.escape(event.task_id)}"]`);
    if (!row && !(event.type === "task_created" && state.firstPage)) return;
    let task;
    try {
      task = await api(`/v1/tasks/${encodeURIComponent(event.task_id)}`);
    } catch {
      return;
    }
    const current = tbody.querySelector(`tr[data-task-id="${CSS.escape(task.id)}"]`);
    const fresh = taskRow(task);
    fresh.classList.add("changed");
    if (current) current.replaceWith(fresh);
    else if (matches(task)) {
      tbody.querySelector("td.empty")?.parentElement.remove();
      tbody.prepend(fresh);
    }
  });
}

// --- pages ----------------------------------------------------------------------------------

async function tasksPage() {
  const params = new URLSearchParams(location.search);
  const filters = {
    status: params.get("status") || "",
    agent_id: params.get("agent_id") || "",
    session_id: params.get("session_id") || "",
  };
  const after = params.get("after") || "";
  const state = { firstPage: !after };

  const go = (cursor) => {
    const next = { ...filters, after: cursor };
    location.assign(`/board${query(next)}`);
  };
  const statusSelect = el(
    "select",
    { name: "status", id: "filter-status" },
    el("option", { value: "" }, "any"),
    TASK_STATUSES.map((s) => el("option", { value: s, selected: s === filters.status }, s)),
  );
  const agentInput = el("input", { name: "agent_id", id: "filter-agent", value: filters.agent_id, placeholder: "agent id" });
  const sessionInput = el("input", { name: "session_id", id: "filter-session", value: filters.session_id, placeholder: "session id" });
  const form = el(
    "form",
    {
      class: "filters",
      role: "search",
      onsubmit: (event) => {
        event.preventDefault();
        filters.status = statusSelect.value;
        filters.agent_id = agentInput.value.trim();
        filters.session_id = sessionInput.value.trim();
        go("");
      },
    },
    el("label", {}, "Status", statusSelect),
    el("label", {}, "Agent", agentInput),
    el("label", {}, "Session", sessionInput),
    el("button", { type: "submit" }, "Filter"),
    el("span", { class: "muted" }, "Press / to filter"),
  );
  statusSelect.addEventListener("change", () => form.requestSubmit());
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && !["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName)) {
      event.preventDefault();
      agentInput.focus();
    }
  });

  // The filters first, so they can be used (and focused with "/") while the list loads.
  main.replaceChildren(el("h1", {}, "Tasks"), form);
  const page = await api(`/v1/tasks${query({ ...filters, after, order: "desc", limit: PAGE_SIZE })}`);
  main.append(taskTable(page.data.map(taskRow)), pager(page, after, go));
  followTasks(state, (task) =>
    (!filters.status || task.status === filters.status) &&
    (!filters.agent_id || task.agent_id === filters.agent_id) &&
    (!filters.session_id || task.session_id === filters.session_id),
  );
  stream.start(EVENT_HEAD);
}

function fields(entries) {
  return el(
    "dl",
    { class: "fields" },
    entries.filter(([, value]) => value !== undefined).map(([name, value]) => [
      el("dt", {}, name),
      el("dd", {}, value === null || value === "" ? "—" : value),
    ]),
  );
}

function stepSummary(step) {
  const { kind, ...rest } = step;
  return el("li", {}, el("strong", {}, kind || "step"), " ", el("code", {}, compact(rest, 200)));
}

function eventSummary(event) {
  const data = event.data || {};
  switch (event.type) {
    case "chunk":
      return data.text ?? compact(data);
    case "tool_call_request":
      return `${data.tool ?? "tool"}(${compact(data.arguments ?? {}, 160)})`;
    case "tool_call_result":
      return `${data.tool ?? "tool"} → ${compact(data.result ?? data, 160)}`;
    case "task_status_changed":
    case "task_finished":
      return `${data.from ?? data.previous_status ?? "?"} → ${data.status ?? data.to ?? "?"}${data.reason ? ` (${data.reason})` : ""}`;
    case "task_created":
      return `status ${data.status ?? "?"}`;
    default:
      return compact(data);
  }
}

function eventItem(event) {
  const at = new Date(event.created_at);
  return el(
    "li",
    { "data-event-id": event.id, "data-type": event.type },
    el("span", { class: "mono muted", title: event.created_at }, `${at.toLocaleTimeString()} ${event.id.slice(-6)}`),
    el("span", { class: "type" }, event.type),
    el("span", { class: "data mono" }, eventSummary(event)),
  );
}

function executionsTable(executions) {
  if (!executions.length) return el("p", { class: "muted" }, "No executions.");
  return el(
    "table",
    { id: "executions" },
    el("thead", {}, el("tr", {}, ["Execution", "Status", "Arguments", "Created", "Updated"].map((h) => el("th", { scope: "col" }, h)))),
    el(
      "tbody",
      {},
      executions.map((x) =>
        el("tr", {}, el("td", { class: "mono" }, x.id), el("td", {}, badge(x.status)),
          el("td", { class: "mono" }, compact(x.arguments ?? {}, 120)), el("td", {}, time(x.created_at)), el("td", {}, time(x.updated_at))),
      ),
    ),
  );
}

async function taskPage() {
  const id = RESOURCE_ID;
  const path = `/v1/tasks/${encodeURIComponent(id)}`;
  let task;
  try {
    task = await api(path);
  } catch (error) {
    if (error.status === 404) error.message = `There is no task ${id} in this project.`;
    return showError(error);
  }
  const header = el("div", { id: "task-header" });
  const info = el("section", { class: "panel", "aria-label": "Fields" });
  const prompt = el("pre", { class: "text", id: "prompt" });
  const output = el("pre", { class: "text", id: "output" });
  const liveOutput = el("pre", { class: "text", id: "live-output" });
  const steps = el("section", { "aria-label": "Workflow steps" });
  const executions = el("section", { "aria-label": "Executions" });
  const events = el("ol", { class: "events", id: "events", "aria-live": "polite" });

  // The page's writes: each sends the login's CSRF token; the change comes back on the stream.
  const act = (label, id, run, disabled = false) =>
    el("button", {
      type: "button",
      id,
      disabled,
      onclick: async (event) => {
        const button = event.currentTarget;
        button.disabled = true;
        try {
          await run();
        } catch (error) {
          actionError.textContent = error.message;
          actionError.hidden = false;
        } finally {
          button.disabled = false;
        }
      },
    }, label);
  const actionError = el("p", { class: "error", role: "alert", hidden: true });
  const render = (t) => {
    const finished = TERMINAL.includes(t.status);
    actionError.hidden = true;
    header.replaceChildren(
      el("h1", {}, t.name || t.id, " ", el("span", { id: "task-status" }, badge(t.status)), " ", el("span", { id: "task-flag" }, t.flag ? badge(t.flag) : "")),
      t.description ? el("p", { class: "muted" }, t.description) : "",
      el(
        "div",
        { class: "actions" },
        act("Flag success", "flag-success", () => write(`${path}/flag`, "POST", { flag: "success", source: "board" })),
        act("Flag failure", "flag-failure", () => write(`${path}/flag`, "POST", { flag: "failure", source: "board" })),
        act("Stop", "stop", () => write(`${path}/stop`, "POST", { reason: "Stopped from the board." }), finished),
      ),
      actionError,
    );
    info.replaceChildren(
      fields([
        ["Id", el("span", { class: "mono" }, t.id)],
        ["Agent", t.agent_id],
        ["Session", t.session_id ? link(`/board/sessions/${encodeURIComponent(t.session_id)}`, t.session_id) : null],
        ["Test run", t.test_id ? link(`/board/tests/${encodeURIComponent(t.test_id)}`, t.test_id) : null],
        ["Status reason", t.status_reason ?? null],
        ["Flag", t.flag ? `${t.flag}${t.flag_source ? ` (by ${t.flag_source})` : ""}` : null],
        ["Notes", t.notes ?? null],
        ["Created", time(t.created_at)],
        ["Updated", time(t.updated_at)],
        ["Started", time(t.started_at)],
        ["Finished", time(t.finished_at)],
        ["Version", String(t.version)],
      ]),
    );
    prompt.textContent = typeof t.prompt === "string" ? t.prompt : t.prompt ? JSON.stringify(t.prompt, null, 2) : "—";
    output.textContent = t.output ?? "—";
    const main = t.main || [];
    steps.replaceChildren(
      el("h2", {}, "Workflow steps"),
      main.length ? el("ol", { class: "steps" }, main.map(stepSummary)) : el("p", { class: "muted" }, "No workflow steps."),
    );
  };
  const loadExecutions = async () => {
    const page = await api(`${path}/executions?limit=100`);
    executions.replaceChildren(el("h2", {}, "Executions"), executionsTable(page.data));
  };
  const add = (event) => {
    events.append(eventItem(event));
    if (event.type === "chunk" && typeof event.data?.text === "string") liveOutput.textContent += event.data.text;
    events.scrollTop = events.scrollHeight;
  };

  render(task);
  main.replaceChildren(
    header,
    el(
      "div",
      { class: "grid" },
      el("div", {}, info, steps, executions),
      el(
        "div",
        {},
        el("h2", {}, "Prompt"), prompt,
        el("h2", {}, "Output"), output,
        el("h2", {}, "Live output"), liveOutput,
      ),
    ),
    el("h2", {}, "Events"),
    events,
  );
  await loadExecutions();

  // The history first, page by page; then the live stream from whichever is later, the last
  // event read or the project's head when the page was served (see the server's board module).
  let after = "";
  for (;;) {
    const page = await api(`${path}/events${query({ limit: 100, after })}`);
    page.data.forEach(add);
    if (page.data.length) after = page.data[page.data.length - 1].id;
    if (!page.has_more) break;
  }
  stream.on(async (event) => {
    if (event.task_id !== id) return;
    add(event);
    if (event.type.startsWith("task_")) render(await api(path));
    if (event.type.startsWith("execution_")) await loadExecutions();
  });
  stream.start(seqOf(after) > seqOf(EVENT_HEAD) ? after : EVENT_HEAD);
}

function simpleTable(id, headings, rows, empty) {
  const tbody = el("tbody", {}, rows);
  if (!rows.length) tbody.append(el("tr", {}, el("td", { class: "empty", colspan: headings.length }, empty)));
  return el("table", { id }, el("thead", {}, el("tr", {}, headings.map((h) => el("th", { scope: "col" }, h)))), tbody);
}

// A list page that is read again, whole, when an event of its kind arrives.
async function listPage(title, source, table, prefix) {
  const after = new URLSearchParams(location.search).get("after") || "";
  const go = (cursor) => location.assign(`${location.pathname}${query({ after: cursor })}`);
  const draw = async () => {
    const page = await api(`${source}${query({ after, limit: PAGE_SIZE })}`);
    main.replaceChildren(el("h1", {}, title), table(page.data), pager(page, after, go));
  };
  await draw();
  stream.on((event) => {
    if (event.type.startsWith(prefix)) draw();
  });
  stream.start(EVENT_HEAD);
}

function sessionsPage() {
  return listPage(
    "Sessions",
    "/v1/sessions",
    (sessions) =>
      simpleTable(
        "sessions",
        ["Session", "Agent", "User", "Created", "Updated"],
        sessions.map((s) =>
          el("tr", {}, el("td", {}, link(`/board/sessions/${encodeURIComponent(s.id)}`, s.id)),
            el("td", {}, s.agent_id ?? "—"), el("td", {}, s.user_id ?? "—"), el("td", {}, time(s.created_at)), el("td", {}, time(s.updated_at))),
        ),
        "No sessions.",
      ),
    "session_",
  );
}

async function sessionPage() {
  const id = RESOURCE_ID;
  let session;
  try {
    session = await api(`/v1/sessions/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error.status === 404) error.message = `There is no session ${id} in this project.`;
    return showError(error);
  }
  const after = new URLSearchParams(location.search).get("after") || "";
  const page = await api(
    `/v1/sessions/${encodeURIComponent(id)}/tasks${query({ after, order: "desc", limit: PAGE_SIZE })}`,
  );
  const counts = {};
  for (const task of page.data) counts[task.status] = (counts[task.status] || 0) + 1;
  main.replaceChildren(
    el("h1", {}, `Session ${session.id}`),
    el("section", { class: "panel" }, fields([
      ["Agent", session.agent_id ?? null],
      ["User", session.user_id ?? null],
      ["Notes", session.notes ?? null],
      ["Metadata", session.metadata ? compact(session.metadata) : null],
      ["Created", time(session.created_at)],
      ["Updated", time(session.updated_at)],
    ])),
    el("h2", {}, "Tasks"),
    el("div", { class: "tally" }, Object.entries(counts).map(([status, n]) => el("span", {}, badge(status), ` ${n}`))),
    taskTable(page.data.map(taskRow)),
    pager(page, after, (cursor) => location.assign(`${location.pathname}${query({ after: cursor })}`)),
  );
  followTasks({ firstPage: !after }, (task) => task.session_id === id);
  stream.start(EVENT_HEAD);
}

function testsPage() {
  return listPage(
    "Test runs",
    "/v1/tests",
    (tests) =>
      simpleTable(
        "tests",
        ["Test run", "Status", "Summary", "Created", "Ended"],
        tests.map((t) =>
          el("tr", {}, el("td", {}, link(`/board/tests/${encodeURIComponent(t.id)}`, t.id)), el("td", {}, badge(t.status)),
            el("td", {}, t.summary ? compact(t.summary, 120) : "—"), el("td", {}, time(t.created_at)), el("td", {}, time(t.terminated_at))),
        ),
        "No test runs.",
      ),
    "test_",
  );
}

async function testPage() {
  const id = RESOURCE_ID;
  let test;
  try {
    test = await api(`/v1/tests/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error.status === 404) error.message = `There is no test run ${id} in this project.`;
    return showError(error);
  }
  const comparisons = el("section", { "aria-label": "Comparisons" });
  const draw = async () => {
    const all = [];
    let after = "";
    for (;;) {
      const page = await api(`/v1/tests/${encodeURIComponent(id)}/comparisons${query({ after, limit: 100 })}`);
      all.push(...page.data);
      if (!page.has_more || all.length >= 500) break;
      after = page.next_cursor;
    }
    const counts = {};
    for (const c of all) counts[c.comparison_result] = (counts[c.comparison_result] || 0) + 1;
    comparisons.replaceChildren(
      el("h2", {}, `Comparisons (${all.length})`),
      el("div", { class: "tally", id: "tally" }, Object.entries(counts).map(([result, n]) => el("span", {}, badge(result), ` ${n}`))),
      simpleTable(
        "comparisons",
        ["Input", "Old output", "New output", "Result", "Source", "Created"],
        all.map((c) =>
          el("tr", {}, el("td", {}, compact(c.context_input ?? "", 160)), el("td", {}, compact(c.old_output ?? "", 160)),
            el("td", {}, compact(c.new_output ?? "", 160)), el("td", {}, badge(c.comparison_result)), el("td", {}, c.source ?? "—"),
            el("td", {}, time(c.created_at))),
        ),
        "No comparisons yet.",
      ),
    );
  };
  main.replaceChildren(
    el("h1", {}, `Test run ${test.id} `, badge(test.status)),
    el("section", { class: "panel" }, fields([
      ["Summary", test.summary ? compact(test.summary, 400) : null],
      ["Created", time(test.created_at)],
      ["Ended", time(test.terminated_at)],
    ])),
    comparisons,
  );
  await draw();
  stream.on((event) => {
    if (event.type === "comparison_created" || event.type.startsWith("test_")) draw();
  });
  stream.start(EVENT_HEAD);
}

// --- start ----------------------------------------------------------------------------------

const PAGES = { tasks: tasksPage, task: taskPage, sessions: sessionsPage, session: sessionPage, tests: testsPage, test: testPage };
const NAV = { tasks: "tasks", task: "tasks", sessions: "sessions", session: "sessions", tests: "tests", test: "tests" };

document.querySelector(`nav a[data-nav="${NAV[PAGE]}"]`)?.setAttribute("aria-current", "page");
document.getElementById("logout").addEventListener("click", async () => {
  try {
    await write("/v1/auth/session", "DELETE");
  } finally {
    location.assign("/board/login");
  }
});
PAGES[PAGE]().catch(showError);
