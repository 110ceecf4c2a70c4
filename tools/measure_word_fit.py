"""Measure how LibreOffice lays out the Word brief against WeasyPrint's PDF: the figures
behind each theme's `[word] scale` (theme.toml). Run from the checkout:
`python tools/measure_word_fit.py [FOLDER] [THEME...] [--raw]`.

For each theme and paper, the example brief and a brief at the fit's floor (the example
with judgments added until the PDF is set at nearly the smallest scale) are built to
PDF and Word (at the themes' `[word] scale`, or with --raw at the PDF's own scale), all
Word files are converted by one LibreOffice run, and how many pages each takes and how
far down its last page it reaches are printed. FOLDER keeps the files (default: a
temporary folder); THEME limits it to those themes.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pypdfium2
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefing import word  # noqa: E402
from briefing.build import Builder  # noqa: E402
from briefing.errors import DoesNotFitError  # noqa: E402

EXTRA = ("The analyst judges that the dispute will shape the conduct of the regional powers "
         "over the coming months, as each reads it as a test of resolve.")


def used(pdf: Path) -> tuple[int, float]:
    """Pages, and how far down the last page the text reaches (points from the top)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[len(document) - 1]
        text = page.get_textpage()
        rects = [text.get_rect(i) for i in range(text.count_rects())]
        return len(document), float(page.get_size()[1] - min(r[1] for r in rects))
    finally:
        document.close()


RAW = "--raw" in sys.argv
"""Measure at the PDF's scale itself, without the themes' `[word] scale`."""
THEMES = [t for t in ("memo", "sheet", "contrast") if t in sys.argv[1:]] or [
    "memo", "sheet", "contrast"]


def host_fonts() -> dict[str, str]:
    """The environment with the host's fonts: importing briefing's layout engine points
    fontconfig at the bundled fonts only, which LibreOffice would then set the brief in."""
    return {k: v for k, v in os.environ.items()
            if k not in ("FONTCONFIG_FILE", "FONTCONFIG_PATH")}


def longer(data: dict[str, Any], count: int) -> dict[str, Any]:
    """The brief `data` with `count` judgments more."""
    extra = [{"text": f"{EXTRA} ({i})", "confidence": "moderate"} for i in range(count)]
    return data | {"key_judgments": data["key_judgments"] + extra}


def main() -> None:
    example = yaml.safe_load((REPO / "content" / "fpif-russia-assad.yaml").read_text())
    with tempfile.TemporaryDirectory() as tmp:
        named = [a for a in sys.argv[1:] if not a.startswith("--") and a not in THEMES]
        folder = Path(named[0]) if named else Path(tmp)  # a folder to keep
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "sources").symlink_to(REPO / "content" / "sources")
        cases = []
        for theme in THEMES:
            for paper in ("a4", "letter"):
                for extra in (0, None):
                    data = copy.deepcopy(example)
                    data["design"] = {"theme": theme, "paper": paper}
                    word.SAFETY = 1 / word.word_look(theme).scale if RAW else 1.0
                    count = extra if extra is not None else 4
                    builder = Builder(out=folder / "out", formats=("pdf", "docx"), force=True)
                    path = folder / f"{theme}-{paper}-{'floor' if extra is None else 'ex'}.yaml"
                    result = None
                    while True:
                        path.write_text(yaml.safe_dump(longer(data, count), sort_keys=False))
                        try:
                            result = builder.build(path)
                        except DoesNotFitError:
                            count -= 1  # one too many: the last that fitted, again
                            path.write_text(yaml.safe_dump(longer(data, count),
                                                           sort_keys=False))
                            result = builder.build(path)
                            break
                        if extra is not None or (result.scale or 1) <= 0.82:
                            break
                        count += 1
                    cases.append((f"{path.stem} (+{count})", result.scale))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile",
                        "--headless", "--convert-to", "pdf", "--outdir", str(folder / "lo"),
                        *[str(folder / "out" / f"{stem.split()[0]}.docx") for stem, _ in cases]],
                       check=True, capture_output=True, env=host_fonts())
        for stem, scale in cases:
            _pages, ours = used(folder / "out" / f"{stem.split()[0]}.pdf")
            pages, theirs = used(folder / "lo" / f"{stem.split()[0]}.pdf")
            print(f"{stem:27} PDF at {scale:.3f}, text to {ours:5.1f} pt; LibreOffice: "
                  f"{pages} page(s), the last to {theirs:5.1f} pt")


if __name__ == "__main__":
    main()
