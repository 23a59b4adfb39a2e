"""The admin's upload of a process document (`admin:mediation_dialogueprocess_import`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .files import MAX_BYTES, UnreadableDocument, read_document


class ProcessImportForm(forms.Form):
    file = forms.FileField(
        label=_("Process file (.json)"),
        help_text=_("A file downloaded with “Download as JSON” or from the process's export."),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    check_only = forms.BooleanField(
        label=_("Only check the file; write nothing"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The size is known before reading: a huge file is refused without loading it.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("This file is too large for a process document (at most %(limit)s MB)."),
                params={"limit": MAX_BYTES // (1024 * 1024)},
            )
        try:
            self.document = read_document(upload.read())
        except UnreadableDocument as error:
            raise forms.ValidationError(
                _("This file cannot be read. %(reason)s"), params={"reason": error.text}
            ) from None
        return upload

    def refuse(self, problems: list[str]) -> None:
        """Every problem of the document, next to the file field (each already in the
        reader's language: the checks ran in this request)."""
        count = len(problems)
        self.add_error(
            "file",
            [
                forms.ValidationError(
                    ngettext(
                        "%(count)s problem found; nothing was written.",
                        "%(count)s problems found; nothing was written.",
                        count,
                    ),
                    params={"count": count},
                ),
                *problems,
            ],
        )

    def describe_errors(self) -> None:
        """Tie each field with errors to them (and to its help), for screen readers."""
        for name in self.errors:
            if name in self.fields:
                field = self[name]
                ids = [f"{field.auto_id}_errors"]
                if self.fields[name].help_text:
                    ids.insert(0, f"{field.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
