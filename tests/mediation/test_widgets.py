"""PeopleSelect writes the markup Django's Select writes, without a template per option."""

import re

from django import forms

from mediation.widgets import PeopleSelect

CHOICES = [("", "— nobody yet —"), ("a1", "Amal <Haddad>"), ("b2", "Bruno & co")]


def _normalized(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_it_renders_the_same_select_as_djangos_with_the_choice_selected():
    for value in ("", "b2", None):
        ours = PeopleSelect(choices=CHOICES).render("lead", value, attrs={"id": "id_lead"})
        theirs = forms.Select(choices=CHOICES).render("lead", value, attrs={"id": "id_lead"})
        assert _normalized(ours) == _normalized(theirs)
    assert "&lt;Haddad&gt;" in ours
    assert '<option value="b2">Bruno &amp; co</option>' in ours
