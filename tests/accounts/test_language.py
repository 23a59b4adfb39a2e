"""Which language pages speak: the profile's, else the switcher's, else the browser's; and
the switcher in every page's header, which names each language in itself."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from mediation.models import Profile
from tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_reads_the_language_their_browser_asks_for(client):
    html = _html(client.get(reverse("glossary:index"), HTTP_ACCEPT_LANGUAGE="fr-CH, en;q=0.5"))

    assert '<html lang="fr" dir="ltr">' in html
    assert "Glossaire de la diplomatie de voie II" in html


def test_an_arabic_page_runs_right_to_left_with_translated_text(client):
    html = _html(client.get(reverse("glossary:index"), HTTP_ACCEPT_LANGUAGE="ar"))

    assert '<html lang="ar" dir="rtl">' in html
    assert "مسرد دبلوماسية المسار الثاني" in html
    assert "Glossary of Track II diplomacy" not in html


def test_the_profile_language_wins_over_the_browser(participant, participant_client):
    ProfileFactory(user=participant, language="ar")

    html = _html(participant_client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr"))

    assert '<html lang="ar" dir="rtl">' in html
    assert "الجلسات القادمة" in html


def test_the_profile_language_is_named_in_the_response_and_ends_with_it(
    participant, participant_client
):
    ProfileFactory(user=participant, language="ar")
    translation.activate("en")

    response = participant_client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Content-Language"] == "ar"
    # Thread-local: what runs next in this thread (a task, another request's code) must not
    # speak the last viewer's language.
    assert translation.get_language() == "fr"


def test_a_participant_reads_their_agenda_in_french(participant, participant_client, session):
    ProfileFactory(user=participant, language="fr")

    html = _html(participant_client.get(session.get_absolute_url()))

    assert "Comment se tient cette réunion" in html
    assert "Ajouter à mon calendrier (.ics)" in html


def test_the_switcher_names_each_language_in_itself_on_every_page(client):
    html = _html(client.get(reverse("glossary:index"), HTTP_ACCEPT_LANGUAGE="ar"))

    for code, name in [("en", "English"), ("fr", "Français"), ("ar", "العربية")]:
        assert f'value="{code}" lang="{code}"' in html
        assert f">{name}</button>" in html
    assert 'value="ar" lang="ar" dir="rtl" class="link-button" aria-current="true"' in html
    assert "{#" not in html and "Each language named in itself" not in html


def test_switching_keeps_a_visitor_on_the_page_and_remembers_the_choice(client):
    page = reverse("glossary:term", args=["track-ii"])

    response = client.post(
        reverse("language_switch"), {"language": "fr"}, HTTP_REFERER=f"http://testserver{page}"
    )

    assert response.status_code == 302
    assert response["Location"] == page
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    html = _html(client.get(page, HTTP_ACCEPT_LANGUAGE="ar"))
    assert '<html lang="fr"' in html


def test_switching_saves_the_language_in_a_signed_in_persons_profile(
    participant, participant_client
):
    ProfileFactory(user=participant, language="fr")

    participant_client.post(reverse("language_switch"), {"language": "ar"})

    assert Profile.objects.get(user=participant).language == "ar"
    assert '<html lang="ar"' in _html(participant_client.get(reverse("home")))


def test_switching_back_to_english_is_possible_from_an_arabic_page(
    participant, participant_client
):
    ProfileFactory(user=participant, language="ar")

    participant_client.post(reverse("language_switch"), {"language": "en"})

    assert '<html lang="en" dir="ltr">' in _html(participant_client.get(reverse("home")))


@pytest.mark.parametrize("language", ["", "de", "ar\x00", "<script>", "en" * 200])
def test_an_unknown_language_is_refused_and_nothing_changes(
    language, participant, participant_client
):
    ProfileFactory(user=participant, language="fr")

    response = participant_client.post(reverse("language_switch"), {"language": language})

    assert response.status_code == 400
    assert Profile.objects.get(user=participant).language == "fr"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example"])
def test_the_switcher_never_leads_off_the_site(client, target):
    response = client.post(reverse("language_switch"), {"language": "fr"}, HTTP_REFERER=target)

    assert response.status_code == 302
    assert response["Location"] == reverse("glossary:index")


def test_error_pages_do_not_carry_the_address_asked(client):
    # A hidden object's 404 must look exactly like a missing one's, whatever its address.
    html = client.get("/glossary/no-such-term/").content.decode()

    assert "no-such-term" not in html.split('class="language-switcher"')[1].split("</form>")[0]


def test_the_switcher_only_takes_a_post(client):
    assert client.get(reverse("language_switch")).status_code == 405
