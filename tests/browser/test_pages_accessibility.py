"""Every main page of each persona, in English and in Arabic, checked in Chromium.

On demo data, signed in once per persona (the organizer and the facilitator past their
authenticator's code): axe-core finds no violation of "critical" or "serious" impact on
any page (every rule runs, colour contrast included), and no page scrolls sideways at
1280 px, at 640 px (the width a 1280 px window leaves at 200% zoom) or at 320 px.

Each page is also saved as a screenshot at each width and in each direction, under
`artifacts/screenshots/<persona>/` (ignored by git; CI keeps nothing), for a reviewer to
look at. `pytest -s` prints axe-core's findings per page and language, of every impact.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from mediation.demo.logins import DEMO_PASSWORD
from mediation.models import DialogueProcess, DialogueSession, OutcomeDocument, Profile

BLOCKING_IMPACTS = {"critical", "serious"}
WIDTHS = {"wide": 1280, "zoom-200": 640, "narrow": 320}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

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


def _set_language(page, persona: str, language: str) -> None:
    if persona == "anonymous":
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


@pytest.mark.parametrize("persona", ["anonymous", "participant", "facilitator", "organizer"])
def test_main_pages_are_accessible_at_every_width_in_both_directions(
    demo, login, page, live_server, persona
):
    if persona != "anonymous":
        login(persona, DEMO_PASSWORD)
    folder = SCREENSHOTS / persona
    folder.mkdir(parents=True, exist_ok=True)
    blocking, overflow, unchecked = [], [], []
    for language in ["en", "ar"]:
        _set_language(page, persona, language)
        for name, path in pages_of(persona):
            page.set_viewport_size({"width": WIDTHS["wide"], "height": 900})
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
                page.set_viewport_size({"width": width, "height": 900})
                page.screenshot(path=folder / f"{name}-{language}-{label}.png", full_page=True)
                scroll, inner = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                if scroll > inner:
                    overflow.append(
                        f"{language} {name} at {width} px: the page is {scroll} px wide, "
                        "because of " + ", ".join(page.evaluate(WIDEST))
                    )
    assert unchecked == [], f"colour contrast not checked on {unchecked}"
    assert blocking == [], "\n".join(blocking)
    assert overflow == [], "\n".join(overflow)
