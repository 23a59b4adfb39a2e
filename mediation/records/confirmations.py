"""What a finding of the attribution check says, in words, and what confirming it leaves.

The share page and the record's history describe a finding the same way: the page asks the
facilitator to confirm it, and the history keeps, for each one confirmed, the sentence, what
it names, who confirmed it and why. Nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mediation.records.attribution import Finding, Kind

REASON_MAX = 500
SENTENCE_SHOWN = 200  # the history quotes a sentence up to this many characters


def describe(finding: Finding) -> str:
    """What the finding names and whom it points to, as a phrase after the sentence."""
    if finding.kind == Kind.DESCRIPTION:
        text = ngettext(
            "describes %(count)d attendee by “%(words)s”",
            "describes only %(count)d attendees by “%(words)s”",
            len(finding.who),
        ) % {"count": len(finding.who), "words": finding.term}
    elif finding.kind == Kind.PSEUDONYM:
        text = _("names the pseudonym %(term)s") % {"term": finding.term}
    elif finding.kind == Kind.AFFILIATION:
        text = _("names the affiliation %(term)s") % {"term": finding.term}
    else:
        text = _("names %(term)s") % {"term": finding.term}
    if finding.who:
        text += " (" + _("points to %(who)s") % {"who": ", ".join(finding.who)} + ")"
    if finding.note == "after a title":
        text += ". " + _("“%(term)s” is also a common word; it follows a title here.") % {
            "term": finding.term
        }
    elif finding.note == "capitalised mid-sentence":
        text += ". " + _(
            "“%(term)s” is also a common word; it is capitalised in mid-sentence here."
        ) % {"term": finding.term}
    return text


def unexplained(confirmed: Mapping[str, str]) -> set[str]:
    """The confirmed findings whose reason is missing or longer than REASON_MAX."""
    return {
        finding_id
        for finding_id, reason in confirmed.items()
        if not reason.strip() or len(reason) > REASON_MAX
    }


def _quoted(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) > SENTENCE_SHOWN:
        sentence = sentence[: SENTENCE_SHOWN - 1].rstrip() + "…"
    return f"“{sentence}”"


def share_reason(username: str, findings: Iterable[Finding], confirmed: Mapping[str, str]) -> str:
    """The history's reason for a share: who shared, and each finding confirmed and why."""
    findings = list(findings)
    reason = _("Shared with participants by %(user)s.") % {"user": username}
    if not findings:
        return reason
    lines = [
        reason,
        ngettext(
            "%(user)s confirmed that %(count)d sentence attributes nothing:",
            "%(user)s confirmed that %(count)d sentences attribute nothing:",
            len(findings),
        )
        % {"user": username, "count": len(findings)},
    ]
    for finding in findings:
        why = " ".join(confirmed[finding.id].split())
        lines.append(
            f"- {_quoted(finding.sentence)} {describe(finding)}. "
            + _("Why: %(reason)s") % {"reason": why}
        )
    return "\n".join(lines)
