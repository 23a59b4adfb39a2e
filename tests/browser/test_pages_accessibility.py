"""Every main page of each persona, in English and in Arabic, checked in Chromium.

On demo data, signed in once per persona (the organizer and the facilitator past their
authenticator's code): axe-core finds no violation of "critical" or "serious" impact on
any page (every rule runs, colour contrast included), and no page scrolls sideways at
1280 px, at 200% zoom of a 1280x900 window, or at 320 px.

200% zoom is emulated as a browser zooms: the page is not loaded again, its CSS viewport
halves and each CSS pixel gets two device pixels (Chromium then reports `devicePixelRatio`
2 and matches resolution media queries as a zoomed window does), not merely a 640 px wide
viewport at one device pixel per CSS pixel. Playwright cannot set that on an open page, so
`Zoom` asks Chromium through its DevTools protocol (an earlier version opened each page a
second time in a second browser context made at that scale: a quarter of the test's time).

With SCREENSHOTS=1 in the environment, each page is also saved as a screenshot at each
width and in each direction, under `artifacts/screenshots/<persona>/` (ignored by git), for
a reviewer to look at; not by default (CI keeps nothing): the full-page captures check
nothing and cost time. `pytest -s` prints axe-core's findings per page and language, of
every impact.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect

from mediation.demo.logins import DEMO_PASSWORD
from mediation.models import DialogueProcess, DialogueSession, OutcomeDocument, Profile
from tests.browser.axe import BLOCKING_IMPACTS, blocking, run_axe

HEIGHT = 900
WIDTHS = {"wide": 1280, "narrow": 320}
# A 1280x900 window at 200% zoom: half the CSS pixels each way, two device pixels to each.
ZOOM_200 = {"viewport": {"width": 1280 // 2, "height": HEIGHT // 2}, "device_scale_factor": 2}
# The CSS width of the window and its device pixels to each CSS pixel.
SIZE = "[window.innerWidth, window.devicePixelRatio]"
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


def _set_language(page, persona: str, language: str) -> None:
    if persona == "anonymous":
        page.context.set_extra_http_headers({"Accept-Language": language})
        return
    user = User.objects.get(username=persona)
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def _overflow(page, what: str) -> list[str]:
    """Why the page scrolls sideways (nothing when it does not)."""
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if scroll <= inner:
        return []
    return [
        f"{what}: the page is {scroll} px wide, because of " + ", ".join(page.evaluate(WIDEST))
    ]


class Zoom:
    """200% zoom of a 1280x900 window, put on a page and taken off as a browser does it:
    without reloading, the CSS viewport halves (640x450) and each CSS pixel gets two device
    pixels, so `devicePixelRatio` is 2 and resolution media queries match. Playwright sets a
    viewport only at one device pixel per CSS pixel; this asks Chromium through its DevTools
    protocol, on a session of its own kept open for the test (closing it would undo it)."""

    def __init__(self, page):
        self.devtools = page.context.new_cdp_session(page)

    def on(self) -> None:
        self.devtools.send(
            "Emulation.setDeviceMetricsOverride",
            {**ZOOM_200["viewport"], "deviceScaleFactor": ZOOM_200["device_scale_factor"],
             "mobile": False},
        )  # fmt: skip

    def off(self) -> None:
        self.devtools.send("Emulation.clearDeviceMetricsOverride")


@pytest.mark.parametrize("persona", ["anonymous", "participant", "facilitator", "organizer"])
def test_main_pages_are_accessible_at_every_width_in_both_directions(
    demo, login, page, live_server, persona
):
    if persona != "anonymous":
        login(persona, DEMO_PASSWORD)
    zoom = Zoom(page)
    folder = SCREENSHOTS / persona
    if SAVE_SCREENSHOTS:
        folder.mkdir(parents=True, exist_ok=True)
    blocked, overflow, unchecked = [], [], []
    for language in ["en", "ar"]:
        _set_language(page, persona, language)
        for name, path in pages_of(persona):
            zoom.off()
            page.set_viewport_size({"width": WIDTHS["wide"], "height": HEIGHT})
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, (language, name, response.status)
            assert page.evaluate(SIZE) == [WIDTHS["wide"], 1], (language, name)
            expect(page.locator("html")).to_have_attribute(
                "dir", "rtl" if language == "ar" else "ltr"
            )
            found, ran = run_axe(page)
            if "color-contrast" not in ran:
                unchecked.append(f"{language} {name}")
            print(
                f"axe {persona} {name} [{language}]: {len(found)} violations,",
                sum(len(v["nodes"]) for v in found if v["impact"] in BLOCKING_IMPACTS),
                "serious or critical nodes",
                sorted(f"{v['id']}:{v['impact']}" for v in found),
            )
            blocked += [f"{language} {name}: {line}" for line in blocking(found)]
            for label, width in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": HEIGHT})
                if SAVE_SCREENSHOTS:
                    page.screenshot(path=folder / f"{name}-{language}-{label}.png", full_page=True)
                overflow += _overflow(page, f"{language} {name} at {width} px")
            zoom.on()
            assert page.evaluate(SIZE) == [640, 2], (language, name)
            overflow += _overflow(page, f"{language} {name} at 200% zoom")
            if SAVE_SCREENSHOTS:
                page.screenshot(path=folder / f"{name}-{language}-zoom-200.png", scale="css")
    assert unchecked == [], f"colour contrast not checked on {unchecked}"
    assert blocked == [], "\n".join(blocked)
    assert overflow == [], "\n".join(overflow)
