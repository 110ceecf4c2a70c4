"""`briefing serve`: the live preview, tested through real HTTP requests on 127.0.0.1.

Each test serves briefs of its own temporary folder on a free port, in a thread of
the test process, and talks to it with urllib as a browser would.
"""

from __future__ import annotations

import functools
import html
import http.client
import io
import json
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from briefing import Builder, serve, theme_lookup
from briefing.cli import cli
from briefing.errors import DoesNotFitError
from briefing.serve import BANNER_ID, PreviewServer

Get = Callable[..., tuple[int, str, str]]
WAIT = 5.0
"""How long a page may take to show a save (it takes about 0.1 s)."""
LAYOUT_WAIT = 30.0
"""How long the one-page layout may take (it loads WeasyPrint first)."""


@pytest.fixture
def start(in_tmp: Path) -> Iterator[Callable[..., PreviewServer]]:
    """`start(root="content", **options)`: a server on a free port, stopped after the test."""
    servers: list[PreviewServer] = []

    def start_server(root: str | Path = "content", **options: Any) -> PreviewServer:
        options.setdefault("fit", False)
        server = PreviewServer(Path(root), port=0, **options)
        server.start()
        servers.append(server)
        return server

    yield start_server
    for server in servers:
        server.stop()


def get(server: PreviewServer, path: str, headers: dict[str, str] | None = None) -> tuple[
    int, str, str
]:
    """GET `path`: status, content type and text (an error status is returned, not raised)."""
    request = urllib.request.Request(server.url.rstrip("/") + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.headers["Content-Type"], reply.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], error.read().decode()


def raw_get(server: PreviewServer, path: str) -> int:
    """GET `path` exactly as written (no client-side normalisation): the status."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def status(server: PreviewServer, stem: str = "brief") -> dict[str, Any]:
    code, kind, text = get(server, f"/status/{stem}")
    assert code == 200 and kind == "application/json", (code, text)
    found: dict[str, Any] = json.loads(text)
    return found


def wait_for(condition: Callable[[], Any], timeout: float = WAIT) -> Any:
    """Poll `condition` until it is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout} s: {condition.__doc__ or condition}")
        time.sleep(0.01)


def save(path: Path, text: str) -> None:
    """Write `text` to `path` as an editor would."""
    path.write_text(text, encoding="utf-8")


# --- pages and routes ------------------------------------------------------------------


def test_index_lists_the_briefs_and_each_has_a_live_page(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    write_brief(Path("content"), "first", bluf="The first brief's bottom line.")
    write_brief(Path("content"), "second", bluf="The second brief's bottom line.")
    server = start()

    code, kind, index = get(server, "/")
    assert code == 200 and kind.startswith("text/html")
    assert 'href="/brief/first"' in index and 'href="/brief/second"' in index
    assert 'href="/pdf/first"' in index

    code, kind, page = get(server, "/brief/first")
    assert code == 200 and kind == "text/html; charset=utf-8"
    assert "The first brief&#39;s bottom line." in page
    assert 'new EventSource("/events")' in page and "location.reload()" in page
    assert "data:font/woff2;base64," in page  # fonts embedded, as in the built HTML
    assert page.index("<script>") < page.rindex("</body>")  # injected before </body>
    assert BANNER_ID not in page  # a clean brief gets no banner

    assert status(server, "first") == {
        "stem": "first",
        "file": str(Path("content/first.yaml")),
        "version": 1,
        "ok": True,
        "errors": [],
        "warnings": [],
        "fit": {"state": "off", "scale": None, "passes": 0, "overflow": None},
    }


def test_only_the_briefs_are_served(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path], tmp_path: Path
) -> None:
    write_brief(Path("content"))
    (tmp_path / "secret.txt").write_text("not for the browser", encoding="utf-8")
    server = start()

    assert get(server, "/brief/brief")[0] == 200
    for path in (
        "/brief/nope", "/status/nope", "/pdf/nope", "/nope", "/brief/", "/brief/brief/x",
        "/content/brief.yaml", "/brief/brief.yaml", "/secret.txt",
    ):
        assert get(server, path)[0] == 404, path
    for path in (
        "/../etc/passwd", "/brief/../../etc/passwd", "/brief/..%2F..%2Fetc%2Fpasswd",
        "/brief/%2e%2e%2fsecret.txt", "/../secret.txt", "/brief/../secret.txt",
        "//etc/passwd", "/brief/%2Fetc%2Fpasswd",
    ):
        assert raw_get(server, path) == 404, path


def test_a_page_asked_for_under_another_host_name_is_refused(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    # A web page can point a name of its own at 127.0.0.1 (DNS rebinding) and read
    # the answers; asking for the Host by name stops it.
    write_brief(Path("content"))
    server = start()
    assert get(server, "/brief/brief", {"Host": "attacker.example"})[0] == 403
    assert get(server, "/brief/brief", {"Host": f"localhost:{server.port}"})[0] == 200


# --- rebuilding on save ----------------------------------------------------------------


def test_saving_the_brief_updates_its_page(
    start: Callable[..., PreviewServer], in_tmp: Path, example_yaml: Path
) -> None:
    shutil.copytree(example_yaml.parent, in_tmp / "content")
    brief = in_tmp / "content" / example_yaml.name
    stem = brief.stem
    server = start()
    before = status(server, stem)
    assert before["ok"], before
    old = brief.read_text(encoding="utf-8")
    assert "A mid-2016 op-ed that reads" in old

    started = time.perf_counter()
    save(brief, old.replace("A mid-2016 op-ed that reads", "A freshly edited op-ed that reads"))

    def updated() -> bool:
        """the version goes up and the page shows the new bottom line"""
        return status(server, stem)["version"] > before["version"] and (
            "A freshly edited op-ed" in get(server, f"/brief/{stem}")[2]
        )

    wait_for(updated)
    took = time.perf_counter() - started
    print(f"\nsave to updated preview ({stem}): {took * 1000:.0f} ms")  # not asserted
    page = get(server, f"/brief/{stem}")[2]
    assert "A mid-2016 op-ed" not in page
    assert status(server, stem)["ok"]


def test_saving_the_source_text_checks_the_quotes_again(
    start: Callable[..., PreviewServer], in_tmp: Path, example_yaml: Path
) -> None:
    shutil.copytree(example_yaml.parent, in_tmp / "content")
    stem = example_yaml.stem
    source = in_tmp / "content" / "sources" / f"{stem}.txt"
    text = source.read_text(encoding="utf-8")
    server = start()
    assert status(server, stem)["ok"]

    save(source, "The piece was replaced by this sentence.\n")
    broken = wait_for(lambda: not (s := status(server, stem))["ok"] and s)
    assert any(" QU001 error: " in error for error in broken["errors"]), broken["errors"]
    page = get(server, f"/brief/{stem}")[2]
    assert f'<div id="{BANNER_ID}" class="bp-error"' in page and "QU001 error" in page

    save(source, text)
    wait_for(lambda: status(server, stem)["ok"])
    assert BANNER_ID not in get(server, f"/brief/{stem}")[2]


def test_saving_the_logo_updates_the_preview(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    logo = Path("content") / "unit.svg"
    logo.parent.mkdir(parents=True, exist_ok=True)
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 60">'
                    '<rect width="120" height="60" fill="#123456"/></svg>', encoding="utf-8")
    write_brief(Path("content"), design={"logo": "unit.svg"})
    server = start()
    before = status(server)["version"]
    page = get(server, "/brief/brief")[2]
    save(logo, logo.read_text(encoding="utf-8").replace("#123456", "#654321"))
    wait_for(lambda: status(server)["version"] > before)
    assert get(server, "/brief/brief")[2] != page


def test_the_event_stream_announces_a_rebuilt_brief(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    brief = write_brief(Path("content"))
    server = start()
    lines: list[str] = []
    connected = threading.Event()
    headers: dict[str, str] = {}

    def listen() -> None:
        with urllib.request.urlopen(server.url + "events", timeout=WAIT) as stream:
            headers.update(stream.headers.items())
            for raw in stream:
                lines.append(raw.decode().rstrip("\n"))
                connected.set()
                if lines[-1].startswith("data: "):
                    return

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert connected.wait(WAIT), "the event stream did not open"
    write_brief(Path("content"), bluf="A new bottom line, announced to every open page.")
    listener.join(WAIT)

    assert headers["Content-Type"].startswith("text/event-stream")
    assert "data: brief" in lines, lines
    assert brief.is_file()


def test_an_idle_event_stream_gets_keep_alive_comments(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    write_brief(Path("content"))
    server = start(keepalive=0.05)
    with urllib.request.urlopen(server.url + "events", timeout=WAIT) as stream:
        lines = [stream.readline().decode().rstrip("\n") for _ in range(4)]
    assert lines[0] == "retry: 1000" and ": keep-alive" in lines, lines


def test_a_broken_brief_shows_its_errors_and_recovers_when_fixed(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    brief = write_brief(Path("content"))
    good = brief.read_text(encoding="utf-8")
    server = start()
    assert status(server)["ok"]

    save(brief, good.replace("bluf: ", "bluf: [not closed ", 1))
    broken = wait_for(lambda: not status(server)["ok"] and status(server))
    code, kind, page = get(server, "/brief/brief")
    assert code == 200 and kind.startswith("text/html")
    assert re.search(r"content/brief\.yaml:\d+:\d+: error: YAML syntax error", page), page
    assert 'new EventSource("/events")' in page  # it reloads by itself once fixed
    assert broken["errors"] and re.match(r"content/brief\.yaml:\d+:\d+: ", broken["errors"][0])
    assert broken["fit"]["state"] == "skipped"
    assert get(server, "/pdf/brief")[0] == 409

    save(brief, good)
    wait_for(lambda: status(server)["ok"])
    page = get(server, "/brief/brief")[2]
    assert "The bottom line of this test brief" in page and "YAML syntax error" not in page


def test_a_failure_of_the_preview_itself_is_shown_and_does_not_stop_it(
    start: Callable[..., PreviewServer],
    write_brief: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    brief = write_brief(Path("content"))
    real_check = Builder.check

    def failing_check(builder: Builder, path: Path) -> Any:
        if "boom" in path.read_text(encoding="utf-8"):
            raise RuntimeError("boom")
        return real_check(builder, path)

    monkeypatch.setattr(Builder, "check", failing_check)
    server = start()
    write_brief(Path("content"), bluf="This one goes boom.")
    wait_for(lambda: not status(server)["ok"])
    assert "unexpected failure in the preview (RuntimeError: boom)" in get(
        server, "/brief/brief"
    )[2]
    logged = capsys.readouterr().err.splitlines()
    assert (
        "content/brief.yaml: error: unexpected failure in the preview (RuntimeError: boom)"
        in logged
    )

    write_brief(Path("content"), bluf="This one is fine again.")
    wait_for(lambda: status(server)["ok"])
    assert "This one is fine again." in get(server, "/brief/brief")[2]
    assert brief.is_file()


def test_a_changed_template_rebuilds_the_page(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path], in_tmp: Path
) -> None:
    write_brief(Path("content"))
    server = start()  # no ./templates yet: its appearance is noticed too
    version = status(server)["version"]
    partial = in_tmp / "templates" / "partials" / "bluf.html.j2"
    partial.parent.mkdir(parents=True)
    save(partial, '<section class="bluf" data-section="bluf">OVERRIDDEN {{ brief.bluf }}'
         "</section>\n")

    wait_for(lambda: "OVERRIDDEN The bottom line" in get(server, "/brief/brief")[2])
    assert status(server)["version"] > version

    save(partial, '<section class="bluf" data-section="bluf">AGAIN {{ brief.bluf }}'
         "</section>\n")
    wait_for(lambda: "AGAIN The bottom line" in get(server, "/brief/brief")[2])

    save(partial, "<section>{{ brief.no_such_field }}</section>\n")
    broken = wait_for(lambda: not (s := status(server))["ok"] and s)
    assert re.match(r"templates/partials/bluf\.html\.j2:1:1: error: template error",
                    broken["errors"][0]), broken["errors"]
    assert "template error" in get(server, "/brief/brief")[2]


# --- problems in the page --------------------------------------------------------------


def test_warnings_show_in_a_banner_that_does_not_print(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    long_bluf = " ".join(["This bottom line runs on"] * 12) + "."  # over 40 words: BR001
    write_brief(Path("content"), bluf=long_bluf)
    server = start()
    page = get(server, "/brief/brief")[2]
    found = status(server)
    assert found["ok"] and found["warnings"] and "BR001" in found["warnings"][0]

    assert f'<div id="{BANNER_ID}"' in page and "BR001 warning" in page
    assert re.search(rf"@media print \{{ #{BANNER_ID} \{{ display: none !important; \}} \}}",
                     page)
    assert page.index(f'id="{BANNER_ID}"') < page.index('<main class="page')  # above it


def test_the_layout_runs_in_the_background_and_the_pdf_is_served(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    write_brief(Path("content"))
    server = start(fit=True)
    fitted = wait_for(lambda: (s := status(server))["fit"]["state"] != "pending" and s,
                      LAYOUT_WAIT)
    assert fitted["fit"] == {"state": "fits", "scale": 1.0, "passes": 1, "overflow": None}
    assert fitted["version"] == 2  # the HTML first, then the layout's result

    code, kind, pdf = get_bytes(server, "/pdf/brief")
    assert code == 200 and kind == "application/pdf" and pdf.startswith(b"%PDF-")

    # The page is the built HTML of a draft with the reload script added, and nothing else.
    Builder(out=Path("out"), formats=("html",), draft=True).build(Path("content/brief.yaml"))
    built = Path("out/brief.html").read_text(encoding="utf-8")
    page = get(server, "/brief/brief")[2]
    script = page[page.index("<script>\n(function") : page.rindex("</script>\n") + 10]
    assert page.replace(script, "") == built


def test_a_brief_too_long_for_one_page_says_so_in_the_page(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    words = " ".join(f"word{i}" for i in range(88))
    judgments = [
        {"text": f"Judgment {n} holds: {words}.", "confidence": "moderate"} for n in range(60)
    ]
    write_brief(Path("content"), key_judgments=judgments)
    server = start(fit=True)

    overflowed = wait_for(lambda: (s := status(server))["fit"]["overflow"] and s, LAYOUT_WAIT)
    assert overflowed["fit"]["state"] == "overflow" and overflowed["fit"]["scale"] is None
    page = get(server, "/brief/brief")[2]
    assert f'<div id="{BANNER_ID}"' in page
    assert "does not fit: at the smallest readable size" in page
    assert get(server, "/pdf/brief")[0] == 409


def get_bytes(server: PreviewServer, path: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=LAYOUT_WAIT) as reply:
        return reply.status, reply.headers["Content-Type"], reply.read()


@pytest.fixture
def themes_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The built-in themes, copied where a test may give one an asset of its own."""
    copy = tmp_path / "installed" / "themes"
    shutil.copytree(theme_lookup.THEMES, copy)
    monkeypatch.setattr(theme_lookup, "THEMES", copy)
    # A cache of its own, so that the real one never holds the copy's folders.
    monkeypatch.setattr(theme_lookup, "themes", functools.cache(theme_lookup.themes.__wrapped__))
    return copy


def test_a_themed_brief_previews_with_its_themes_assets_as_build_makes_it(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path],
    run_cli: Callable[..., Any], themes_copy: Path,
) -> None:
    # An image that only the sheet theme has, shown by a template of that theme; and a
    # user's templates folder, which comes first for every theme.
    from PIL import Image

    mark = themes_copy / "sheet" / "mark.png"
    Image.new("RGB", (8, 8), "#c62828").save(mark)
    bluf = (theme_lookup.PACKAGE_TEMPLATES / "partials" / "bluf.html.j2").read_text("utf-8")
    save(themes_copy / "sheet" / "partials" / "bluf.html.j2",
         bluf.replace("</section>", f'<img src="{mark.as_uri()}" alt=""></section>'))
    footer = Path("templates/partials/footer.html.j2")
    footer.parent.mkdir(parents=True)
    save(footer, "<footer>From the user's templates</footer>\n")
    write_brief(Path("content"), "sheet", design={"theme": "sheet"})
    write_brief(Path("content"), "contrast", design={"theme": "contrast"})
    server = start(templates_dir=Path("templates"))

    result = run_cli("build", "content", "--out", "out", "--templates", "templates",
                     "--jobs", "1", "--draft")  # a preview is a draft
    assert result.exit_code == 0, result.output
    for stem in ("sheet", "contrast"):
        code, kind, pdf = get_bytes(server, f"/pdf/{stem}")
        assert code == 200 and kind == "application/pdf"
        assert pdf == Path(f"out/{stem}.pdf").read_bytes(), stem  # one engine for all themes
        page = get(server, f"/brief/{stem}")[2]
        assert "<footer>From the user's templates</footer>" in page
    images = PdfReader(io.BytesIO(get_bytes(server, "/pdf/sheet")[2])).pages[0].images
    assert len(images) == 1  # the theme's own image was let through, as build lets it


def test_the_overflow_banner_says_what_build_says(
    start: Callable[..., PreviewServer], write_brief: Callable[..., Path]
) -> None:
    words = " ".join(f"word{i}" for i in range(88))
    judgments = [
        {"text": f"Judgment {n} holds: {words}.", "confidence": "moderate"} for n in range(60)
    ]
    brief = write_brief(Path("content"), key_judgments=judgments)
    server = start(fit=True)
    with pytest.raises(DoesNotFitError) as refused:
        Builder(out=Path("out"), formats=("pdf",)).build(brief)
    (diagnostic,) = refused.value.diagnostics

    said = wait_for(lambda: status(server)["fit"]["overflow"], LAYOUT_WAIT)
    assert f"the brief does not fit on one page: {said}" == (
        f"{diagnostic.message}; {diagnostic.hint}"
    )
    assert html.escape(f"does not fit: {said}") in get(server, "/brief/brief")[2]


# --- the command -----------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "example.org", "::"])
def test_the_command_refuses_a_host_other_than_loopback(in_tmp: Path, host: str) -> None:
    (in_tmp / "content").mkdir()
    result = CliRunner().invoke(cli, ["serve", "--host", host, "--port", "0"])
    assert result.exit_code == 2, result.output
    assert "not a loopback address" in result.output and "--allow-remote" in result.output
    assert "Serving" not in result.output


def test_the_command_serves_until_ctrl_c(
    in_tmp: Path, write_brief: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_brief(in_tmp / "content")
    seen: list[dict[str, Any]] = []

    def interrupted(server: PreviewServer) -> None:
        # Once laid out: the layout thread must not be loading the engine (which
        # redirects standard output for a moment) while the runner restores it.
        wait_for(lambda: status(server)["fit"]["state"] != "pending", LAYOUT_WAIT)
        seen.append(json.loads(get(server, "/status")[2]))
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "wait", interrupted)
    result = CliRunner().invoke(cli, ["serve", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Serving http://127\.0\.0\.1:\d+/ \(Ctrl\+C to stop\)", result.output)
    assert list(seen[0]["briefs"]) == ["brief"]
    assert seen[0]["briefs"]["brief"]["fit"]["state"] == "fits"


def test_loopback_names() -> None:
    for host in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"):
        assert serve.is_loopback(host), host
    for host in ("0.0.0.0", "::", "10.0.0.1", "example.org", "localhost.example.org", ""):
        assert not serve.is_loopback(host), host


def test_the_html_path_does_not_load_the_layout_engine(
    in_tmp: Path, write_brief: Callable[..., Path]
) -> None:
    write_brief(in_tmp / "content")
    program = (
        "import sys, urllib.request\n"
        "from pathlib import Path\n"
        "from briefing.serve import PreviewServer\n"
        "with PreviewServer(Path('content'), port=0, fit=False) as server:\n"
        "    urllib.request.urlopen(server.url + 'brief/brief', timeout=10).read()\n"
        "print(sorted(m for m in sys.modules if m.startswith('weasyprint')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_a_save_after_a_pause_is_laid_out_at_once_and_a_burst_of_saves_waits() -> None:
    from briefing.serve.state import Previews

    previews = Previews(fit=True, settle=0.05, log=lambda _message: None,
                        notify=lambda _stem: None)
    assert previews.layout_delay("brief") == 0.0  # the first save: at once
    assert previews.layout_delay("brief") == 0.05  # saved again at once: it waits
    assert previews.layout_delay("other") == 0.0  # each brief on its own
    time.sleep(0.2)
    assert previews.layout_delay("brief") == 0.0  # after a pause: at once again
