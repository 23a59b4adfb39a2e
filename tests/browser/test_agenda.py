"""The facilitator builds and reorders an agenda and notes attendance, in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.browser.sessions import FACILITATOR, session_under_way
from tests.factories import PASSWORD, InvitationFactory, ParticipantFactory


@pytest.fixture
def running_session(transactional_db):
    session = session_under_way("Round 4: options", time_zone="Asia/Seoul")
    InvitationFactory(
        session=session, participant=ParticipantFactory(name="Amina Haddad"), response="accepted"
    )
    return session


def titles(page):
    return page.locator("#agenda ol.agenda > li .agenda-title").all_inner_texts()


def add_item(page, title, minutes):
    form = page.locator("form[aria-labelledby=agenda-add-heading]")
    form.get_by_label("Title").fill(title)
    form.get_by_label("Duration (minutes)").fill(str(minutes))
    form.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator("#messages")).to_contain_text(f"“{title}” added to the agenda.")


def test_facilitator_builds_and_reorders_an_agenda(running_session, login, page, live_server):
    login(FACILITATOR, PASSWORD)
    page.goto(f"{live_server.url}{running_session.get_absolute_url()}")
    add_item(page, "Opening", 20)
    add_item(page, "Water sharing", 60)
    add_item(page, "Next steps", 30)
    assert titles(page) == ["Opening", "Water sharing", "Next steps"]
    expect(page.locator("#agenda")).to_contain_text("Planned: 110 of 120 minutes.")
    expect(page.locator("#agenda")).to_contain_text("Times in Asia/Seoul")

    # Without drag and drop: the Up and Down buttons.
    page.get_by_role("button", name="Move “Next steps” up").click()
    expect(page.locator("#messages")).to_contain_text("“Next steps” moved up.")
    assert titles(page) == ["Opening", "Next steps", "Water sharing"]
    page.get_by_role("button", name="Move “Opening” down").click()
    expect(page.locator("#messages")).to_contain_text("“Opening” moved down.")
    assert titles(page) == ["Next steps", "Opening", "Water sharing"]

    # Drag and drop: "Water sharing" onto the top half of the first item.
    source = page.locator("#agenda li[data-item-id]", has_text="Water sharing")
    target = page.locator("#agenda li[data-item-id]", has_text="Next steps")
    source.drag_to(target, target_position={"x": 20, "y": 2})
    expect(page.locator("#messages")).to_contain_text("The new order of the agenda is saved.")
    assert titles(page) == ["Water sharing", "Next steps", "Opening"]
    items = running_session.agenda_items.order_by("position")
    assert [(i.title, i.position) for i in items] == [
        ("Water sharing", 1),
        ("Next steps", 2),
        ("Opening", 3),
    ]

    # A longer item makes the agenda run over, and the page says so.
    page.get_by_role("link", name="Edit “Opening”").click()
    editing = page.locator("#agenda li form.agenda-form")  # swapped in place of the item
    expect(editing.get_by_label("Title")).to_have_value("Opening")
    editing.get_by_label("Duration (minutes)").fill("45")
    editing.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("runs over the session's length by 15")

    # A refused value stays in the field, with its message beside it.
    form = page.locator("form[aria-labelledby=agenda-add-heading]")
    form.get_by_label("Title").fill("Too long")
    form.get_by_label("Duration (minutes)").fill("0")
    form.get_by_label("Duration (minutes)").evaluate("el => el.removeAttribute('min')")
    form.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator("#agenda-new-duration_minutes_error")).to_contain_text("greater than")
    expect(page.locator("#agenda-new-title")).to_have_value("Too long")
    assert running_session.agenda_items.count() == 3


def test_facilitator_notes_attendance(running_session, login, page, live_server):
    login(FACILITATOR, PASSWORD)
    page.goto(f"{live_server.url}{running_session.get_absolute_url()}")
    row = page.locator("#invitations tbody tr", has_text="Amina Haddad")
    # Each row shows its facts; its form opens in place when asked for.
    row.get_by_role("link", name="Change the invitation of Amina Haddad").click()
    row = page.locator("#invitations tbody tr", has_text="Amina Haddad")
    row.get_by_label("Attended").select_option("yes")
    row.get_by_role("button", name="Save for Amina Haddad").click()
    expect(page.locator("#messages")).to_contain_text("Saved for Amina Haddad.")
    expect(page.locator("#invitations tbody tr", has_text="Amina Haddad")).to_contain_text(
        "attended"
    )
    expect(page.locator(".balance-table").last).to_contain_text("Academic")
    invitation = running_session.invitations.get()
    assert invitation.attended is True


def test_the_builder_works_without_javascript(running_session, login, page, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{live_server.url}/accounts/login/")
    plain.get_by_label("Username").fill(FACILITATOR)
    plain.get_by_label("Password").fill(PASSWORD)
    plain.get_by_role("button", name="Sign in").click()
    plain.goto(f"{live_server.url}{running_session.get_absolute_url()}")
    for title in ("First", "Second"):
        form = plain.locator("form[aria-labelledby=agenda-add-heading]")
        form.get_by_label("Title").fill(title)
        form.get_by_label("Duration (minutes)").fill("10")
        form.get_by_role("button", name="Add to the agenda").click()
        expect(plain.locator("#messages")).to_contain_text(f"“{title}” added to the agenda.")
    plain.get_by_role("button", name="Move “Second” up").click()
    expect(plain.locator("#messages")).to_contain_text("moved up")
    assert plain.locator("#agenda ol.agenda > li .agenda-title").all_inner_texts() == [
        "Second",
        "First",
    ]
    context.close()
