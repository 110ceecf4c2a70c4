"""The engine alone writing one final page COUNT times in one Python process.

The baseline of a batch (`make bench`, benchmarks/run.py): what WeasyPrint itself takes
to lay out and write the page briefing's batch makes, once per brief, with Python's
start-up and its own import paid once, as `briefing build --jobs 1` pays them. It is
the strictest such baseline: the font configuration and the parsed stylesheets are
made once and shared by every page, and each page is a new document, parsed, laid out
and written. Run with FONTCONFIG_FILE pointing at briefing/fonts/fonts.conf.

    python benchmarks/engine_batch.py PAGE.json COUNT OUT_DIR

PAGE.json is what `run.fitted_page` writes: the HTML, the stylesheets, the base URL,
the PDF variant and the files the PDF carries.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    spec, count, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    page = json.loads(spec.read_text(encoding="utf-8"))
    from weasyprint import CSS, HTML, Attachment
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    sheets = [CSS(filename=sheet, font_config=fonts) for sheet in page["stylesheets"]]
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        attachments = [Attachment(filename=path, relationship="Source")
                       for path in page["attachments"]]
        HTML(filename=page["html"], base_url=page["base_url"]).write_pdf(
            out / f"page-{i:03}.pdf", stylesheets=sheets, font_config=fonts, pdf_tags=True,
            pdf_variant=page["variant"], attachments=attachments)


if __name__ == "__main__":
    main()
