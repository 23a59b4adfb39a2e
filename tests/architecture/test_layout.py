"""Rules of the code's layout that fail the build (see README, "How the code is laid out").

Each rule reads the source; each has a test showing it catches what it forbids.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .source import PRODUCT, ROOT, module_name, python_files, relative

MAX_LINES = 400


# --- No module over 400 lines ---------------------------------------------------------------


def _too_long(paths) -> list[str]:
    return [
        f"{relative(path)}: {n} lines"
        for path in paths
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    ]


def test_no_module_is_over_400_lines():
    assert _too_long(python_files()) == [], "split these by subject"


def test_the_length_rule_catches_a_long_module(tmp_path):
    long = tmp_path / "long.py"
    long.write_text("x = 1\n" * (MAX_LINES + 1))
    short = tmp_path / "short.py"
    short.write_text("x = 1\n" * MAX_LINES)
    assert [len(p.read_text().splitlines()) > MAX_LINES for p in (long, short)] == [True, False]


# --- No import cycle --------------------------------------------------------------------------


def _imports(path: Path, known: set[str]) -> set[str]:
    """First-party modules a module imports when it is loaded (imports inside functions and
    `if TYPE_CHECKING:` blocks do not run at load time and are left out)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in found if module in known and module != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, result = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def _import_graph(paths) -> dict[str, set[str]]:
    known = {module_name(path) for path in paths}
    return {module_name(path): _imports(path, known) for path in paths}


def test_no_modules_import_each_other():
    graph = _import_graph(python_files(PRODUCT))
    assert {"mediation.sessions.services", "mediation.notifications.tasks"} <= set(graph)
    assert _cycles(graph) == []


def test_the_cycle_rule_catches_two_modules_importing_each_other():
    graph = {"a.services": {"a.tasks"}, "a.tasks": {"a.services"}, "a.views": {"a.services"}}
    assert _cycles(graph) == [["a.services", "a.tasks"]]


# --- Every service that writes runs in one transaction ----------------------------------------

# Modules of writes. Each public function takes one transaction: decorated with
# @transaction.atomic, or its whole body inside `with transaction.atomic():`.
SERVICE_MODULES = [
    *(path for path in python_files(PRODUCT) if path.name == "services.py"),
    ROOT / "mediation" / "sessions" / "agenda.py",
    ROOT / "mediation" / "people" / "accounts.py",
    ROOT / "accounts" / "devices.py",
]


# Services that read and check before their one transaction, which is their last
# statement: the non-attribution check reads a whole summary, and must not hold the
# database meanwhile (the write re-checks the record's version, so the text it writes or
# shares is the one that was checked).
CHECKED_BEFORE_THE_TRANSACTION = {"session_record_save", "session_record_share"}


def _is_atomic_block(node) -> bool:
    return (
        isinstance(node, ast.With)
        and ast.unparse(node.items[0].context_expr) == "transaction.atomic()"
    )


def _without_transaction(path: Path) -> list[str]:
    found = []
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
            continue
        decorated = any(ast.unparse(d) == "transaction.atomic" for d in node.decorator_list)
        body = [n for n in node.body if not isinstance(n, ast.Expr)]  # docstring
        wrapped = len(body) == 1 and _is_atomic_block(body[0])
        checked_first = node.name in CHECKED_BEFORE_THE_TRANSACTION and _is_atomic_block(body[-1])
        if not (decorated or wrapped or checked_first):
            found.append(f"{path.name}:{node.lineno} {node.name}")
    return found


def test_every_service_runs_in_one_transaction():
    assert len(SERVICE_MODULES) >= 8
    offences = [o for path in SERVICE_MODULES for o in _without_transaction(path)]
    assert offences == []


def test_the_transaction_rule_catches_a_service_without_one(tmp_path):
    module = tmp_path / "services.py"
    module.write_text(
        "@transaction.atomic\ndef kept(): pass\n\n"
        "def bare(): pass\n\n"
        "def wrapped():\n    with transaction.atomic():\n        pass\n\n"
        "def _helper(): pass\n"
    )
    assert _without_transaction(module) == ["services.py:4 bare"]


# --- One exception base for refusals --------------------------------------------------------

# Errors that are no refusal of a person's request: a backup that could not be made, or a
# restore asked for while the app is serving, is an operator's problem, reported by the
# management command that ran it.
NOT_REFUSALS = {"mediation.backups.BackupError", "config.serving.AppServing"}
EXCEPTION_BASES = {"Exception", "ValueError", "ValidationError", "RuntimeError"}


def _exception_classes(paths) -> list[tuple[str, list[str]]]:
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):
                bases = [ast.unparse(base).rpartition(".")[2] for base in node.bases]
                found.append((f"{module_name(path)}.{node.name}", bases))
    return found


def _not_refusals(classes) -> list[str]:
    refusals = {"Refusal"}
    changed = True
    while changed:  # subclasses of subclasses
        changed = False
        for name, bases in classes:
            short = name.rpartition(".")[2]
            if short not in refusals and refusals & set(bases):
                refusals.add(short)
                changed = True
    return [
        name
        for name, bases in classes
        if EXCEPTION_BASES & set(bases)
        and name.rpartition(".")[2] not in refusals
        and name not in NOT_REFUSALS
        and name != "mediation.errors.Refusal"
    ]


def test_every_refusal_is_a_refusal():
    classes = _exception_classes(python_files(PRODUCT))
    names = {name for name, _ in classes}
    assert {"mediation.records.services.RecordConflict", "mediation.errors.Refusal"} <= names
    assert _not_refusals(classes) == []


def test_the_refusal_rule_catches_a_plain_exception():
    classes = [
        ("mediation.errors.Refusal", ["ValidationError"]),
        ("a.Closed", ["Refusal"]),
        ("a.Late", ["Closed"]),
        ("a.Odd", ["Exception"]),
    ]
    assert _not_refusals(classes) == ["a.Odd"]


# --- The read audit is written from one place -------------------------------------------------


def _read_event_writes(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        text = ast.unparse(node) if isinstance(node, ast.Call) else ""
        if text.startswith(("ReadEvent(", "ReadEvent.objects.create(", "ReadEvent.objects.bulk")):
            found.append(f"{relative(path)}:{node.lineno}")
    return found


def test_only_the_audit_module_writes_the_read_audit():
    writers = {relative(path) for path in python_files(PRODUCT) if _read_event_writes(path)}
    assert writers == {"mediation/audit.py"}


# --- One session-page context ------------------------------------------------------------------

SESSION_PAGE = "mediation/session_detail.html"
SECTION_PREFIX = "mediation/session/_"
# Not sections of the page: the search results under the invitation search box, and the
# answer box a participant also finds on their agenda (the portal answers it).
NOT_SECTIONS = {
    "mediation/session/_invitation_candidates.html",
    "mediation/session/_answer.html",
}


def _session_page_templates(path: Path) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (node.value == SESSION_PAGE or node.value.startswith(SECTION_PREFIX))
        and node.value not in NOT_SECTIONS
    }


def test_only_the_session_context_renders_the_session_page_and_its_sections():
    renderers = {relative(path) for path in python_files(PRODUCT) if _session_page_templates(path)}
    assert renderers == {"mediation/sessions/context.py"}


def test_section_templates_render_as_their_partial():
    """Each section template holds one partial named after the element it replaces."""
    for section in ("agenda", "invitations", "record", "actions"):
        text = (ROOT / "templates" / "mediation" / "session" / f"_{section}.html").read_text()
        assert text.count("{% partialdef ") == 1
        assert f"{{% partialdef {section} inline %}}" in text
        assert f'id="{section}"' in text
        assert "hx-swap-oob" not in text, "messages go out of band from one place"


# --- What the viewer may do in a session is asked once ------------------------------------


def _view_functions(paths):
    for path in paths:
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and any(
                arg.arg == "session_id" for arg in node.args.args
            ):
                yield path, node


# Questions about the user themselves (who they are, which invitation is theirs) are no
# second question about the session.
ASKS_ONCE = {"open_session", "get_own_invitation", "participant_of"}


def _access_calls(function: ast.FunctionDef) -> list[str]:
    return [
        node.func.attr
        for node in ast.walk(function)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "access"
    ]


def test_session_views_ask_access_once_for_the_session():
    views = [path for path in python_files(PRODUCT) if "views" in path.parts]
    offences = []
    seen = 0
    for path, function in _view_functions(views):
        seen += 1
        calls = _access_calls(function)
        if set(calls) - ASKS_ONCE or calls.count("open_session") > 1:
            offences.append(f"{relative(path)} {function.name}: {calls}")
    assert seen >= 15
    assert offences == [], "use the SessionAccess that open_session returned"


@pytest.mark.parametrize(
    ("body", "caught"),
    [
        ("can = access.open_session(u, session_id)", False),
        ("s = access.open_session(u, session_id)\nx = access.can_administer_process(u, 1)", True),
    ],
)
def test_the_ask_once_rule_catches_a_second_question(body, caught):
    source = "def view(request, session_id):\n" + "".join(
        f"    {line}\n" for line in body.splitlines()
    )
    function = ast.parse(source).body[0]
    calls = _access_calls(function)
    assert bool(set(calls) - ASKS_ONCE) is caught
