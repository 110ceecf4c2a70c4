"""The template of every catalog, `briefing/locale/briefing.pot`, made with Babel.

The templates' messages are extracted the way babel.cfg maps them (Jinja's i18n
extension); the words of the model's enumerations, which stand in no template, are
added from `briefing.i18n.terms`. `make messages` writes the .pot and brings every
shipped catalog up to it (new messages empty, so that the completeness test names
them); tests/test_i18n.py fails when the committed .pot is not what this makes.
This is a tool of the checkout: babel.cfg is not in the installed package.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from briefing.i18n import catalogs, terms

ROOT = Path(__file__).resolve().parents[2]
MAPPING = ROOT / "babel.cfg"
POT = catalogs.PACKAGE_LOCALE / f"{catalogs.DOMAIN}.pot"
WIDTH = 88


def template() -> Catalog:
    """Every message the page may print, with where it stands."""
    with MAPPING.open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(  # type: ignore[no-untyped-call]
            mapping, str(MAPPING))
    pot = Catalog(project="briefing", domain=catalogs.DOMAIN, fuzzy=False)
    for filename, line, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, strip_comment_tags=True
    ):
        pot.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    for context, msgid in terms.messages():
        pot.add(msgid, None, [("briefing/i18n/terms.py", 0)], context=context)
    return pot


def pot_text(pot: Catalog) -> bytes:
    """The .pot as committed: no dates, so that it changes only with its messages."""
    out = io.BytesIO()
    write_po(out, pot, width=WIDTH, omit_header=True, sort_output=False,
             include_lineno=False)
    return out.getvalue()


def update(pot: Catalog) -> list[Path]:
    """Bring each shipped catalog up to `pot`: messages added (untranslated) or dropped,
    the translations kept. Returns the catalogs written."""
    written = []
    for path in sorted(catalogs.PACKAGE_LOCALE.glob(f"*/LC_MESSAGES/{catalogs.DOMAIN}.po")):
        with path.open("rb") as file:
            catalog = read_po(file)
        created = catalog.creation_date
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.creation_date = created  # a catalog changes only with its messages
        out = io.BytesIO()
        write_po(out, catalog, width=WIDTH, ignore_obsolete=True, sort_output=False,
                 include_lineno=False)
        path.write_bytes(out.getvalue())
        written.append(path)
    return written


def main() -> None:
    """Write the .pot and update the shipped catalogs."""
    pot = template()
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(pot_text(pot))
    print(f"wrote {POT} ({len(pot)} messages)")
    for path in update(pot):
        print(f"updated {path}")


if __name__ == "__main__":
    main()
