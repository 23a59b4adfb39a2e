"""What every CSV the product hands out shares: a cell a spreadsheet would run as a formula
is turned back into text, and the file opens with the right accents in Excel."""

from __future__ import annotations

import csv

from django.http import HttpResponse

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_download(filename: str):
    """A response to download as `filename`, and a writer into it. The file starts with a
    byte-order mark: without one Excel reads UTF-8 as the local code page and garbles
    every name that is not plain ASCII."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, csv.writer(response)
