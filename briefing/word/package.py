"""Word files with the same bytes for the same inputs.

A .docx is a zip; python-docx writes its entries with the time of saving, so two builds
of one brief would differ. `reproducible` rewrites the zip with fixed entry times (the
brief's own date), in a fixed order, with one compression setting, so that a build can
be checked, cached and compared byte for byte like the PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

FIRST = "[Content_Types].xml"
"""The entry Word expects first: it says what the other entries are."""
ZIP_EPOCH = dt.date(1980, 1, 1)
"""The earliest date a zip entry can carry."""


def reproducible(data: bytes, date: dt.date) -> bytes:
    """The zip `data` rewritten: entries in a fixed order, each dated `date` at midnight."""
    stamp = max(date, ZIP_EPOCH)
    when = (stamp.year, stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = sorted(source.namelist(), key=lambda name: (name != FIRST, name))
        for name in names:
            entry = zipfile.ZipInfo(name, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0  # the same on every system
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(name), compresslevel=6)
    return out.getvalue()
