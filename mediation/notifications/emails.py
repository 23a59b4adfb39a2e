"""The product's emails: invitations, reminders before a session or an action's due date,
and notices to an account's own address when its two-factor sign-in changes.

Email leaves the product and sits in mailboxes the product does not control, so every line
asks `confidentiality` with the EMAIL audience: a neutral title unless the process is on
the record, no one's name, no topics. Subjects are fixed sentences: nothing typed by anyone
ever reaches a header (Django refuses newlines in headers; here nothing user-typed is put
in one but the recipient's validated address).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, make_msgid
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from mediation.confidentiality import (
    Audience,
    Content,
    disclosure_for,
    may_leave,
    may_name_zone,
    public_title,
)
from mediation.models import ActionItem, DialogueSession, Invitation, Participant
from mediation.tokens import invitation_token_generator, reminders_unsubscribe_token

# RFC 3834: written by a machine, not a person; autoresponders stay quiet.
AUTOMATIC = {"Auto-Submitted": "auto-generated"}


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def valid_address(address: str) -> bool:
    try:
        validate_email(address)
    except ValidationError:
        return False
    return "\n" not in address and "\r" not in address


def contactable(session: DialogueSession, participants: list[Participant]) -> set:
    """Ids of those who may be emailed about this session now (one query for consents)."""
    refused = not_emailable(session, participants)
    return {p.pk for p in participants if p.pk not in refused}


class NotEmailable(StrEnum):
    """Why someone invited cannot be emailed (the session page says it, with the fix)."""

    NO_CONSENT = "no_consent"
    NO_ADDRESS = "no_address"
    BAD_ADDRESS = "bad_address"


def not_emailable(session: DialogueSession, participants: list[Participant]) -> dict:
    """{participant id: NotEmailable} for those of `participants` who cannot be emailed
    about this session (one query for consents)."""
    disclosure = disclosure_for(session, Audience.EMAIL, participants=participants)
    reasons = {}
    for person in participants:
        if not person.email:
            reasons[person.pk] = NotEmailable.NO_ADDRESS
        elif not valid_address(person.email):
            reasons[person.pk] = NotEmailable.BAD_ADDRESS
        elif not disclosure.may_contact(person):
            reasons[person.pk] = NotEmailable.NO_CONSENT
    return reasons


def may_email(session: DialogueSession, participant: Participant) -> bool:
    """A published session (a draft writes to no one), consent to be contacted (in force
    now) and an address that is an address."""
    return not session.is_draft and participant.pk in contactable(session, [participant])


def may_remind(session: DialogueSession, participant: Participant) -> bool:
    """As `may_email`, for someone who has not turned reminders off."""
    return participant.reminders and may_email(session, participant)


def _language_of(participant: Participant) -> str:
    user = participant.user
    profile = getattr(user, "profile", None) if user else None
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def _zone_of(participant: Participant) -> str:
    """The zone the recipient reads times in: their profile's, else the site's (UTC), as
    on their pages."""
    user = participant.user
    profile = getattr(user, "profile", None) if user else None
    return (profile.time_zone if profile else "") or settings.TIME_ZONE


def _session_context(session: DialogueSession, participant: Participant) -> dict:
    audience = Audience.EMAIL
    return {
        "on_record": may_leave(Content.TITLE, session=session, audience=audience),
        "title": public_title(session, audience),
        "session": session,
        "viewer_zone": _zone_of(participant),
        # The zone says roughly where the session meets: told only where the place may be.
        "zone_named": may_name_zone(session, audience),
        "place": session.place
        if may_leave(Content.PLACE, session=session, audience=audience)
        else "",
        "objectives": session.objectives
        if may_leave(Content.TOPICS, session=session, audience=audience)
        else "",
    }


def _send(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    language: str,
    headers: dict | None = None,
) -> None:
    with translation.override(language):
        body = render_to_string(template, context)
        html = render_to_string(
            "mediation/emails/message.html",
            {
                "subject": subject,
                # The text is plain text, not HTML: every character escaped (escape() does
                # so even though render_to_string marked the text safe).
                "body": escape(body),
                "language": translation.get_language(),
                "bidi": translation.get_language_bidi(),
            },
        )
        message = EmailMultiAlternatives(
            subject=str(subject),
            body=body,
            to=[to],
            headers={
                "Message-ID": make_msgid(domain=settings.EMAIL_MESSAGE_ID_DOMAIN),
                **(headers or {}),
            },
        )
        message.attach_alternative(html, "text/html")
    message.send()


def unsubscribe_link(participant: Participant, base_url: str) -> str:
    token = reminders_unsubscribe_token(participant)
    return absolute(base_url, reverse("reminders_unsubscribe", args=[token]))


def _reminder(participant: Participant, base_url: str) -> tuple[dict, dict]:
    """A reminder's headers and the context its footer needs: how to stop reminders, in
    one click from the mail program's own button or from the link in the text."""
    link = unsubscribe_link(participant, base_url)
    headers = {
        **AUTOMATIC,
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return headers, {"unsubscribe": link}


def invitation_link(participant: Participant, session: DialogueSession, base_url: str) -> str:
    """A link that lets a new account set its password; others go straight to the session."""
    user = participant.user
    session_path = session.get_absolute_url()
    if user is not None and user.has_usable_password():
        return absolute(base_url, session_path)
    path = reverse(
        "invitation_accept",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            invitation_token_generator.make_token(user),
        ],
    )
    return absolute(base_url, f"{path}?session={session.pk}")


def send_invitation(invitation: Invitation, base_url: str) -> None:
    """The invitation goes to the address the person's account holds: the link in it may
    set that account's password, so it must reach no other mailbox."""
    participant, session = invitation.participant, invitation.session
    account = participant.user
    language = _language_of(participant)
    with translation.override(language):
        subject = _("Invitation to a dialogue meeting")
    _send(
        to=account.email,
        subject=subject,
        template="mediation/emails/invitation.txt",
        context={
            **_session_context(session, participant),
            "link": invitation_link(participant, session, base_url),
            "link_days": settings.INVITATION_LINK_DAYS,
            "sets_password": not account.has_usable_password(),
            "username": account.get_username(),
        },
        language=language,
    )


def send_session_reminder(invitation: Invitation, base_url: str) -> None:
    participant, session = invitation.participant, invitation.session
    language = _language_of(participant)
    with translation.override(language):
        subject = _("Reminder: a dialogue meeting")
    headers, footer = _reminder(participant, base_url)
    _send(
        to=participant.email,
        subject=subject,
        template="mediation/emails/session_reminder.txt",
        context={
            **_session_context(session, participant),
            **footer,
            "link": absolute(base_url, session.get_absolute_url()),
        },
        language=language,
        headers=headers,
    )


def send_action_reminder(action: ActionItem, base_url: str) -> None:
    participant, session = action.owner, action.session
    language = _language_of(participant)
    with translation.override(language):
        subject = _("Reminder: a follow-up action")
    audience = Audience.EMAIL
    headers, footer = _reminder(participant, base_url)
    _send(
        to=participant.email,
        subject=subject,
        template="mediation/emails/action_reminder.txt",
        context={
            **footer,
            "on_record": may_leave(Content.TITLE, session=session, audience=audience),
            "title": public_title(session, audience),
            "description": action.description
            if may_leave(Content.TOPICS, session=session, audience=audience)
            else "",
            "due_date": action.due_date,
            "overdue": action.due_date is not None and action.due_date < timezone.localdate(),
            "link": absolute(base_url, reverse("my_actions")),
        },
        language=language,
        headers=headers,
    )


# --- Two-factor notices -------------------------------------------------------------------
# To the account's own address when its second factor changes, so that whoever holds the
# password alone cannot take or drop it unseen. No process content, and never a code or key.


class TwoFactorChange(StrEnum):
    ENABLED = "enabled"
    CODES_REPLACED = "codes_replaced"
    RESET = "reset"


def may_notify_account(user) -> bool:
    """An account's own address, if it has one that is an address (none: no one to tell)."""
    return bool(user.email) and valid_address(user.email)


def _two_factor_subject(change: TwoFactorChange) -> str:
    return {
        TwoFactorChange.ENABLED: _("Two-factor sign-in was turned on for your account"),
        TwoFactorChange.CODES_REPLACED: _("New backup codes were made for your account"),
        TwoFactorChange.RESET: _("Two-factor sign-in was reset for your account"),
    }[change]


def send_two_factor_notice(user, *, change: TwoFactorChange, at: datetime) -> None:
    """Tell the account's owner, in their language and time zone, what changed and when."""
    profile = getattr(user, "profile", None)
    language = (profile.language if profile else "") or settings.LANGUAGE_CODE
    zone = (profile.time_zone if profile else "") or settings.TIME_ZONE
    with translation.override(language):
        subject = _two_factor_subject(change)
    _send(
        to=user.email,
        subject=subject,
        template="mediation/emails/two_factor_notice.txt",
        context={"change": str(change), "username": user.get_username(), "at": at, "zone": zone},
        language=language,
        headers=AUTOMATIC,
    )


# --- A changed address --------------------------------------------------------------------
# The old address hears that the account's address changed: whoever changed it (the owner,
# or an organizer correcting the roster), its owner must be able to notice a takeover.


def send_address_changed_notice(user, *, old_address: str, at: datetime) -> None:
    profile = getattr(user, "profile", None)
    language = (profile.language if profile else "") or settings.LANGUAGE_CODE
    zone = (profile.time_zone if profile else "") or settings.TIME_ZONE
    with translation.override(language):
        subject = _("The email address of your account was changed")
    _send(
        to=old_address,
        subject=subject,
        template="mediation/emails/address_changed.txt",
        context={"username": user.get_username(), "at": at, "zone": zone},
        language=language,
        headers=AUTOMATIC,
    )
