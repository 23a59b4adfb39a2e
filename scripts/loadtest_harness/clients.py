"""The simulated people: sign in through the login form, then read and write until the
deadline, each write carrying a unique marker recorded once the server acknowledges it."""

from __future__ import annotations

import http.client
import http.cookiejar
import random
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from .forms import post_forms
from .stats import Result, Stats


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str, username: str, password: str, stats: Stats):
        self.base, self.username, self.password, self.stats = base, username, password, stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def request(self, kind: str, path: str, data: list | None = None) -> tuple[int, str]:
        body = None
        if data is not None:
            body = urllib.parse.urlencode([(name, value) for name, value in data]).encode()
        request = urllib.request.Request(self.base + path, data=body)  # noqa: S310 (loopback)
        if body is not None:
            request.add_header("Referer", self.base + path)
        started = time.perf_counter()
        writing = kind in {"record", "answer", "admin"} and body is not None
        if writing:
            with self.stats.lock:
                self.stats.in_flight_writes += 1
        try:
            with self.opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):
            status, text = 0, ""
        finally:
            if writing:
                with self.stats.lock:
                    self.stats.in_flight_writes -= 1
        self.stats.add(
            Result(kind, status, time.perf_counter() - started, "database is locked" in text)
        )
        return status, text

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def sign_in(self) -> bool:
        status, page = self.request("login", "/accounts/login/")
        forms = post_forms(page)
        if status != 200 or not forms:
            return False
        data = [f for f in forms[-1]["fields"] if f[0] not in {"username", "password"}]
        data += [["username", self.username], ["password", self.password]]
        status, _ = self.request("login", "/accounts/login/", data)
        return status == 302


RECORD, ANSWER = "/sessions/<uuid>/record/", "/sessions/<uuid>/answer/"


def _marker() -> str:
    return f"LT-{uuid.uuid4().hex}"


def run_client(client: Client, role: str, plan: dict, deadline: float, glossary: list[str]):
    try:
        _client_loop(client, role, plan, deadline, glossary)
    except Exception as error:  # reported as a failure of the harness, not swallowed
        with client.stats.lock:
            client.stats.crashes.append(f"{client.username}: {error!r}")
        raise


def _client_loop(client: Client, role: str, plan: dict, deadline: float, glossary: list[str]):
    stats = client.stats
    while not client.sign_in():
        if time.monotonic() > deadline:
            return
        time.sleep(0.5)
    sessions = plan.get("sessions", [])
    rng = random.Random(client.username)
    while time.monotonic() < deadline:
        write_share = {"facilitator": 0.4, "participant": 0.3, "organizer": 0.5}[role]
        if rng.random() >= write_share or not sessions:
            path = rng.choice(
                ["/", f"/sessions/{rng.choice(sessions)}/" if sessions else "/",
                 "/glossary/", f"/glossary/{rng.choice(glossary)}/" if glossary else "/glossary/",
                 "/processes/" if role != "participant" else "/"]
            )  # fmt: skip
            status, _ = client.request("read", path)
            if status == 0:
                time.sleep(0.2)
            continue
        if role == "facilitator" and RECORD not in stats.missing_endpoints:
            save_record(client, rng.choice(sessions))
        elif role == "participant" and ANSWER not in stats.missing_endpoints:
            answer(client, rng.choice(sessions), rng)
        elif role in {"facilitator", "participant"}:
            client.request("read", f"/sessions/{rng.choice(sessions)}/")
        else:
            admin_note(client, rng.choice(plan["invitations"]))


def save_record(client: Client, session: str) -> None:
    path = f"/sessions/{session}/record/"
    status, page = client.request("record", path)
    if status == 404:
        client.stats.missing_endpoints.add(RECORD)
        return
    forms = [f for f in post_forms(page) if any(n == "version" for n, _ in f["fields"])]
    if status != 200 or not forms:
        return
    form, marker = forms[0], _marker()
    data = [
        [n, v] for n, v in form["fields"] if n not in {"internal_notes", "summary", "outcomes"}
    ]
    data += [["internal_notes", f"Notes {marker}"], ["summary", f"Summary {marker}"],
             ["outcomes", f"Outcomes {marker}"]]  # fmt: skip
    action = urllib.parse.urljoin(path, form["action"] or path)
    status, _ = client.request("record", action, data)
    if status == 302:
        with client.stats.lock:
            client.stats.records.append((session, marker))
    elif status == 200:
        with client.stats.lock:
            client.stats.conflicts += 1


def answer(client: Client, session: str, rng: random.Random) -> None:
    marker, response = _marker(), rng.choice(["accepted", "declined", "tentative"])
    data = [["csrfmiddlewaretoken", client.csrf()], ["response", response],
            ["note", f"Answer {marker}"]]  # fmt: skip
    status, _ = client.request("answer", f"/sessions/{session}/answer/", data)
    if status == 404:
        client.stats.missing_endpoints.add(ANSWER)
        return
    with client.stats.lock:
        entry = client.stats.answers.setdefault(
            (client.username, session),
            {"username": client.username, "session": session, "acked": [], "last": None,
             "unconfirmed_after_last": []},
        )  # fmt: skip
        if status == 302:
            entry["acked"].append(marker)
            entry["last"] = {"marker": marker, "response": response}
            entry["unconfirmed_after_last"] = []
        elif status == 0:
            # Cut off: it may or may not have been saved.
            entry["unconfirmed_after_last"].append(marker)


def admin_note(client: Client, invitation: str) -> None:
    path = f"/admin/mediation/invitation/{invitation}/change/"
    status, page = client.request("admin", path)
    forms = [f for f in post_forms(page) if any(n == "note" for n, _ in f["fields"])]
    if status != 200 or not forms:
        return
    marker = _marker()
    data = [[n, v] for n, v in forms[0]["fields"] if n != "note"] + [["note", f"Admin {marker}"]]
    status, _ = client.request("admin", path, data)
    if status == 302:
        with client.stats.lock:
            client.stats.admin.append((invitation, marker))
