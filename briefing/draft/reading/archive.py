"""Zip archives (.docx, .odt) opened within bounds, and their XML parsed safely.

A Word or OpenDocument file is a zip, and a zip is the classic bomb: a member of a
few kilobytes that unpacks to gigabytes, a header that lies about the size, tens of
thousands of members. So an archive is unpacked here, once, member by member in
chunks, counting what actually comes out (not what the headers claim) against
`limits`; only then does any reader (python-docx included) see its contents.

Their XML is data from outside too. A document type declaration is what entity
tricks need (billion laughs, an external entity naming a local file), and neither
Word nor LibreOffice ever writes one, so XML holding one is refused before it is
parsed: no entity is ever expanded, and no other file is ever read.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass

from briefing.draft.reading.limits import MAX_MEMBERS, MAX_RATIO, MAX_UNPACKED_BYTES
from briefing.draft.reading.piece import Source

CHUNK = 64 * 1024
"""How much of a member is unpacked at a time."""

SMALL = 1024 * 1024
"""Members smaller than this unpacked are not held to MAX_RATIO: short XML packs well."""

_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)

_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
           ValueError, NotImplementedError, RuntimeError)
"""What zipfile raises on a damaged, cut or encrypted archive."""


def _damaged(source: Source) -> Exception:
    return source.error("is damaged or cut short: it cannot be unpacked",
                        "open it in its word processor and save it again, or save it as "
                        "plain text (.txt)")


def _bomb(source: Source, what: str) -> Exception:
    return source.error(f"unpacks to {what}, far more than any article: it may be crafted "
                        "to exhaust memory (a zip bomb), so it is not read",
                        "if it is a genuine document, save it again from its word "
                        "processor, or save its text as plain text (.txt)")


def names(source: Source) -> list[str]:
    """The member names of the zip in `source`, from its directory (nothing is unpacked)."""
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            infos = archive.infolist()
    except _BROKEN:
        raise _damaged(source) from None
    if len(infos) > MAX_MEMBERS:
        raise _bomb(source, f"{len(infos):,} files")
    return [info.filename for info in infos]


@dataclass(frozen=True)
class Archive:
    """The members of a zip, unpacked within bounds: name -> bytes."""

    source: Source
    members: dict[str, bytes]

    def read(self, name: str) -> bytes | None:
        """The bytes of member `name`, None when there is none."""
        return self.members.get(name)

    def xml(self, name: str) -> ET.Element | None:
        """Member `name` parsed as XML (None when absent); InputError if it is not safe XML."""
        data = self.read(name)
        if data is None:
            return None
        return parse_xml(self.source, data, name)

    def repacked(self) -> io.BytesIO:
        """The checked members as a new zip (stored, not compressed), for a library to open.

        A library given the original file would unpack it again by its headers; given
        this, it can only read what passed the bounds.
        """
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
            for name, data in self.members.items():
                out.writestr(name, data)
        buffer.seek(0)
        return buffer


def parse_xml(source: Source, data: bytes, name: str) -> ET.Element:
    """`data` (member `name` of `source`) as an XML tree; refused when it declares a DTD."""
    if _DTD.search(data):
        raise source.error(f"its {name} declares a document type (DTD) with entities, "
                           "which word processors never write: it may be crafted to read "
                           "other files, so it is not read",
                           "save the document again from its word processor, or save its "
                           "text as plain text (.txt)")
    try:
        return ET.fromstring(data)
    except ET.ParseError:
        raise source.error(f"its {name} is not well-formed XML: the file is damaged",
                           "open it in its word processor and save it again") from None


def unpack_one(source: Source, name: str, most: int = CHUNK) -> bytes:
    """At most `most` bytes of member `name` of the zip in `source` (b"" when absent)."""
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            if name not in archive.namelist():
                return b""
            with archive.open(name) as member:
                return member.read(most)
    except _BROKEN:
        raise _damaged(source) from None


def unpack(source: Source) -> Archive:
    """Every member of the zip in `source`, each read in chunks within `limits`."""
    members: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(source.data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _bomb(source, f"{len(infos):,} files")
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise _bomb(source, _mib(sum(info.file_size for info in infos)))
            for info in infos:
                if info.is_dir():
                    continue
                _check_ratio(source, info.file_size, info.compress_size)
                chunks: list[bytes] = []
                size = 0
                with archive.open(info) as member:
                    while chunk := member.read(CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        # The headers may lie: count what actually comes out.
                        if total > MAX_UNPACKED_BYTES:
                            raise _bomb(source, f"over {_mib(MAX_UNPACKED_BYTES)}")
                        _check_ratio(source, size, info.compress_size)
                        chunks.append(chunk)
                members[info.filename] = b"".join(chunks)
    except _BROKEN:
        raise _damaged(source) from None
    return Archive(source, members)


def _check_ratio(source: Source, unpacked: int, packed: int) -> None:
    if unpacked > SMALL and unpacked > MAX_RATIO * max(packed, 1):
        raise _bomb(source, f"{unpacked // max(packed, 1):,} times its packed size")


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MiB"
