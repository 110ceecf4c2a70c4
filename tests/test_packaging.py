"""The wheel carries the default templates and fonts, and works outside the checkout."""

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).parent.parent


def test_wheel_builds_briefs_outside_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(wheels), str(REPO)],
        check=True, capture_output=True,
    )
    (wheel,) = wheels.glob("briefing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefing/templates/brief.html.j2" in names
    assert "briefing/templates/partials/sourcing.html.j2" in names
    assert "briefing/fonts/NotoSerif-Regular.ttf" in names
    assert "briefing/fonts/fonts.conf" in names
    for theme in ("memo", "sheet", "contrast"):
        assert f"briefing/themes/{theme}/theme.toml" in names
    theme_files = [n for n in names if n.startswith("briefing/themes/")]
    source_files = [p for p in (REPO / "briefing" / "themes").rglob("*")
                    if p.is_file() and "__pycache__" not in p.parts]
    assert len(theme_files) == len(source_files)

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    brief = work / "short.yaml"
    brief.write_text(
        "piece: {headline: A headline, outlet: An outlet, genre: news}\n"
        "meta: {title: A brief, analyst: Someone, prepared: 2026-01-02}\n"
        "bluf: The bottom line.\n"
        "key_judgments: [{text: A judgment., confidence: low}]\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-c",
         "import briefing, sys; print(briefing.__file__); "
         "from briefing.cli import main; sys.argv = ['briefing', 'build', 'short.yaml']; main()"],
        cwd=work, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith(str(site))
    assert (work / "build" / "short.pdf").read_bytes().startswith(b"%PDF")
    assert "A headline" in (work / "build" / "short.html").read_text(encoding="utf-8")
