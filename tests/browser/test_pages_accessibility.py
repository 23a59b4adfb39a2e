"""Every main page of each persona, in English and in Arabic, checked in Chromium.

On demo data, signed in once per persona (the organizer and the facilitator past their
authenticator's code): axe-core finds no violation of "critical" or "serious" impact on
any page (every rule runs, colour contrast included), and no page scrolls sideways at
1280 px, at 200% zoom of a 1280x900 window, or at 320 px.

200% zoom is emulated as a browser zooms: it halves the CSS viewport and doubles the
device pixels of each CSS pixel. So the zoomed pages are opened in a second browser
context (signed in as the first) whose viewport is 640x450 CSS pixels with
`device_scale_factor=2` (Playwright's context option; Chromium then reports
`devicePixelRatio` 2 and matches resolution media queries as a zoomed window does), not
merely in a 640 px wide viewport at one device pixel per CSS pixel.

With SCREENSHOTS=1 in the environment, each page is also saved as a screenshot at each
width and in each direction, under `artifacts/screenshots/<persona>/` (ignored by git), for
a reviewer to look at; not by default (CI keeps nothing): the full-page captures check
nothing and cost time. `pytest -s` prints axe-core's findings per page and language, of
every impact.
"""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from mediation.demo.logins import DEMO_PASSWORD
from mediation.models import DialogueProcess, DialogueSession, OutcomeDocument, Profile

BLOCKING_IMPACTS = {"critical", "serious"}
HEIGHT = 900
WIDTHS = {"wide": 1280, "narrow": 320}
# A 1280x900 window at 200% zoom: half the CSS pixels each way, two device pixels to each.
ZOOM_200 = {"viewport": {"width": 1280 // 2, "height": HEIGHT // 2}, "device_scale_factor": 2}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
SAVE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"

# The innermost elements sticking out of the viewport, to say what widens the page.
WIDEST = """() => {
  const out = [];
  const w = window.innerWidth;
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.right > w + 1 || r.left < -1) && r.width > 0) {
      const inner = [...el.children].some(c => {
        const b = c.getBoundingClientRect();
        return b.width > 0 && (b.right > w + 1 || b.left < -1);
      });
      if (!inner) out.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.')
                           + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  return out.slice(0, 6);
}"""


def _session(title: str) -> DialogueSession:
    return DialogueSession.objects.get(title=title)


def pages_of(persona: str) -> list[tuple[str, str]]:
    """(name, path) of the main pages of a persona, on the demo's data."""
    if persona == "anonymous":
        return [
            ("glossary", reverse("glossary:index")),
            ("glossary-entry", reverse("glossary:term", args=["chatham-house-rule"])),
            ("glossary-compare", reverse("glossary:compare") + "?terms=track-ii,track-i"),
            ("sign-in", reverse("login")),
        ]
    if persona == "participant":
        return [
            ("home", reverse("home")),
            ("session", _session("Round 3: from ideas to options").get_absolute_url()),
            ("my-actions", reverse("my_actions")),
            ("my-consents", reverse("my_consents")),
            ("profile", reverse("profile")),
        ]
    held = _session("Round 2: incident prevention")  # its record is a draft
    process = held.process
    document = OutcomeDocument.objects.filter(process=process, version__gte=2).first()
    pages = [
        ("home", reverse("home")),
        ("processes", reverse("process_list")),
        ("process-overview", process.get_absolute_url()),
        ("session", held.get_absolute_url()),
        ("record", reverse("session_record_edit", args=[held.pk])),
        ("record-share", reverse("session_record_share", args=[held.pk])),
        ("briefing-pack", reverse("session_briefing", args=[held.pk])),
        ("plan-next-session", reverse("session_plan_next", args=[held.pk])),
        ("outcomes", reverse("outcome_list", args=[process.pk])),
        ("outcome-document", reverse("outcome_detail", args=[document.pk])),
        ("version-comparison", reverse("outcome_versions", args=[document.pk]) + "?a=1&b=2"),
        ("transfer-log", reverse("transfer_log", args=[process.pk])),
        ("search-results", reverse("search") + "?q=hotline"),
    ]
    if persona == "organizer":
        river = DialogueProcess.objects.get(title__startswith="River valley")
        pages += [
            ("admin-processes", reverse("admin:mediation_dialogueprocess_changelist")),
            ("admin-process", reverse("admin:mediation_dialogueprocess_change", args=[river.pk])),
            ("admin-session", reverse("admin:mediation_dialoguesession_change", args=[held.pk])),
        ]
    return pages


def _set_language(pages, persona: str, language: str) -> None:
    if persona == "anonymous":
        for page in pages:
            page.context.set_extra_http_headers({"Accept-Language": language})
        return
    user = User.objects.get(username=persona)
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def _axe(page) -> tuple[list[dict], set[str]]:
    """axe-core's violations, and the ids of every rule it ran on the page."""
    response = Axe().run(page).response
    ran = {
        rule["id"]
        for key in ("passes", "violations", "incomplete", "inapplicable")
        for rule in response[key]
    }
    return response["violations"], ran


def _overflow(page, what: str) -> list[str]:
    """Why the page scrolls sideways (nothing when it does not)."""
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if scroll <= inner:
        return []
    return [
        f"{what}: the page is {scroll} px wide, because of " + ", ".join(page.evaluate(WIDEST))
    ]


@pytest.fixture
def zoomed_page(page, browser, browser_context_args):
    """A page of a second context as a 1280x900 window at 200% zoom shows it; it shares
    the first page's sign-in when `open` is called after signing in. As on `page`, no
    script or style may break the content security policy."""
    contexts, violations = [], []

    def _open():
        context = browser.new_context(
            **{**browser_context_args, **ZOOM_200},
            storage_state=page.context.storage_state(),
        )
        contexts.append(context)
        zoomed = context.new_page()
        zoomed.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return zoomed

    yield _open
    for context in contexts:
        context.close()
    assert violations == []


@pytest.mark.parametrize("persona", ["anonymous", "participant", "facilitator", "organizer"])
def test_main_pages_are_accessible_at_every_width_in_both_directions(
    demo, login, page, zoomed_page, live_server, persona
):
    if persona != "anonymous":
        login(persona, DEMO_PASSWORD)
    zoomed = zoomed_page()
    assert zoomed.evaluate("[window.innerWidth, window.devicePixelRatio]") == [640, 2]
    folder = SCREENSHOTS / persona
    if SAVE_SCREENSHOTS:
        folder.mkdir(parents=True, exist_ok=True)
    blocking, overflow, unchecked = [], [], []
    for language in ["en", "ar"]:
        _set_language([page, zoomed], persona, language)
        for name, path in pages_of(persona):
            page.set_viewport_size({"width": WIDTHS["wide"], "height": HEIGHT})
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, (language, name, response.status)
            expect(page.locator("html")).to_have_attribute(
                "dir", "rtl" if language == "ar" else "ltr"
            )
            found, ran = _axe(page)
            if "color-contrast" not in ran:
                unchecked.append(f"{language} {name}")
            print(
                f"axe {persona} {name} [{language}]: {len(found)} violations,",
                sum(len(v["nodes"]) for v in found if v["impact"] in BLOCKING_IMPACTS),
                "serious or critical nodes",
                sorted(f"{v['id']}:{v['impact']}" for v in found),
            )
            blocking += [
                f"{language} {name}: {v['id']} ({v['impact']}) {n['target']} {n['html'][:120]}"
                for v in found
                if v["impact"] in BLOCKING_IMPACTS
                for n in v["nodes"]
            ]
            for label, width in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": HEIGHT})
                if SAVE_SCREENSHOTS:
                    page.screenshot(path=folder / f"{name}-{language}-{label}.png", full_page=True)
                overflow += _overflow(page, f"{language} {name} at {width} px")
            # Zoom changes the device pixels, which a page cannot be resized into: the zoomed
            # context opens the page itself (a load, without axe-core's run).
            assert zoomed.goto(f"{live_server.url}{path}").status == 200, (language, name)
            if SAVE_SCREENSHOTS:
                zoomed.screenshot(
                    path=folder / f"{name}-{language}-zoom-200.png", full_page=True, scale="css"
                )
            overflow += _overflow(zoomed, f"{language} {name} at 200% zoom")
    assert unchecked == [], f"colour contrast not checked on {unchecked}"
    assert blocking == [], "\n".join(blocking)
    assert overflow == [], "\n".join(overflow)
