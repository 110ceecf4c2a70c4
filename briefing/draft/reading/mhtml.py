"""Single-file web archives: `.mhtml`/`.mht` (Chrome's "Save as single file", Word's
and Internet Explorer's "Web archive").

Such a file is a MIME message, `multipart/related`: the page itself, then each image
and stylesheet it uses. Only the first `text/html` part is read (decoded from
quoted-printable or base64, in the charset its part declares) and handed to the HTML
reader; the other parts are never decoded. The stdlib's email parser does the MIME.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from briefing.draft.reading import html
from briefing.draft.reading.limits import MAX_UNPACKED_BYTES
from briefing.draft.reading.piece import Piece, Source

NO_PAGE = ("is a web archive with no page in it",
           "open it in the browser, save the article again (File > Save Page As), "
           "or copy its text into a .txt file and give --from that file")


def read(source: Source) -> Piece:
    """The article of the page a web archive holds."""
    message = email.message_from_bytes(source.data, policy=email.policy.compat32)
    part = _page(message)
    if part is None:
        raise source.error(*NO_PAGE)
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise source.error(*NO_PAGE)
    if len(payload) > MAX_UNPACKED_BYTES:
        raise source.error(f"holds a page of over {MAX_UNPACKED_BYTES // (1024 * 1024)} MiB, "
                           "more than `briefing new` unpacks",
                           "save only the article's page, or copy its text into a .txt file")
    address = part.get("Content-Location") or message.get("Snapshot-Content-Location")
    return html.read_page(source, payload, part.get_content_charset(), address, "mhtml")


def _page(message: Message) -> Message | None:
    """The archive's first text/html part (the page; the others are what it uses)."""
    for part in message.walk():
        if part.get_content_type() == "text/html":
            return part
    return None
