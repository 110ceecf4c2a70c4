"""Briefs in the analyst's language: the catalogs, the page's labels and forms, and the
user's own catalogs (docs/languages.md)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from briefing import Builder
from briefing.i18n import catalogs, extract, forms


def pdf_text(path: Path) -> str:
    """The page's text as PDFium reads it: in reading order, right-to-left runs too."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return " ".join(str(page.get_textpage().get_text_range()) for page in document)
    finally:
        document.close()

SHIPPED = ["en", "fr", "de", "es", "ru", "uk", "ar", "he"]
LABELS = ["Bottom line", "Key judgments", "What drives the actors and the author",
          "Who and what the piece relies on", "What holds up, and what does not",
          "Open questions and indicators", "Analytic brief"]
"""Labels every theme prints for the example brief."""
ENGLISH_ONLY = ["Bottom line", "Key judgments", "Prepared by", "confidence", "Supports",
                "second-hand", "Analytic brief", "25 November 2026"]
"""English words the page prints for the example that no other language's page may."""


def _ids(catalog: Catalog) -> set[tuple[str | None, str]]:
    return {(m.context, str(m.id)) for m in catalog if m.id}


def missing(catalog: Catalog, pot: Catalog) -> list[str]:
    """The messages of `pot` that `catalog` does not translate (or marks fuzzy)."""
    have = {(m.context, str(m.id)): m for m in catalog if m.id}
    return [str(m.id) for m in pot if m.id and (
        (found := have.get((m.context, str(m.id)))) is None or not found.string
        or found.fuzzy)]


@pytest.fixture(scope="module")
def pot() -> Catalog:
    return extract.template()


def test_the_committed_pot_is_current(pot: Catalog) -> None:
    with extract.POT.open("rb") as committed:
        stored = read_po(committed)
    assert _ids(stored) == _ids(pot), (
        "briefing/locale/briefing.pot is not what the templates hold: run `make messages`")


def test_the_pot_has_the_templates_and_the_terms(pot: Catalog) -> None:
    ids = _ids(pot)
    assert (None, "Key judgments") in ids and (None, "Prepared by %(analyst)s.") in ids
    assert ("likelihood", "improbable") in ids and ("credibility", "improbable") in ids
    assert ("confidence", "moderate confidence") in ids and ("hand", "second-hand") in ids


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_catalog_is_complete(language: str, pot: Catalog) -> None:
    path = catalogs.catalog_file(catalogs.PACKAGE_LOCALE, language)
    catalog = catalogs.read(path)  # raises on a dropped placeholder
    assert not missing(catalog, pot), f"{path} lacks translations of {missing(catalog, pot)}"


def test_a_catalog_lacking_a_message_is_caught(pot: Catalog) -> None:
    with catalogs.catalog_file(catalogs.PACKAGE_LOCALE, "fr").open("rb") as file:
        catalog = read_po(file)
    catalog.delete("Key judgments")
    catalog["Bottom line"].string = ""
    assert missing(catalog, pot) == ["Bottom line", "Key judgments"]


@pytest.mark.parametrize("language", [x for x in SHIPPED if x != "en"])
def test_likelihood_terms_stay_distinct(language: str) -> None:
    """Fourteen ICD 203 terms, fourteen different words: a reader must tell the rows
    and the steps apart."""
    catalog = catalogs.read(catalogs.catalog_file(catalogs.PACKAGE_LOCALE, language))
    words = [m.string for m in catalog if m.context == "likelihood"]
    assert len(words) == 14 and len(set(words)) == 14, words


# --- the page in each language -------------------------------------------------------------


def brief_in(folder: Path, example_yaml: Path, language: str, **meta: Any) -> Path:
    """The example brief, with its piece's text, in `folder` with `meta.language`."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(example_yaml.parent / "sources", folder / "sources", dirs_exist_ok=True)
    data = yaml.safe_load(example_yaml.read_text(encoding="utf-8"))
    data["meta"].update(language=language, **meta)
    path = folder / f"brief-{language}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def folded(text: str) -> str:
    """Text as compared: Arabic presentation forms to letters, without the vowel marks
    (which a PDF's text may hold in another order), spaces one, case folded."""
    letters = "".join(c for c in unicodedata.normalize("NFKC", text)
                      if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", letters).casefold()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, example_yaml: Path
          ) -> Callable[[str, str], tuple[str, str]]:
    """`built(language, theme)`: the example's HTML and PDF text in that language."""
    cache: dict[tuple[str, str], tuple[str, str]] = {}

    def get(language: str, theme: str = "memo") -> tuple[str, str]:
        if (language, theme) not in cache:
            folder = tmp_path_factory.mktemp(f"lang-{language}-{theme}")
            path = brief_in(folder, example_yaml, language)
            result = Builder(out=folder / "out", formats=("html", "pdf"), theme=theme,
                             force=True).build(path)
            html, pdf = (p for p in sorted(result.outputs) if p.suffix in (".html", ".pdf"))
            cache[language, theme] = (html.read_text("utf-8"), pdf_text(pdf))
        return cache[language, theme]

    return get


def translation(language: str, msgid: str) -> str:
    catalog = catalogs.read(catalogs.catalog_file(catalogs.PACKAGE_LOCALE, language))
    return str(catalog[msgid].string)


@pytest.mark.parametrize("language", [x for x in SHIPPED if x not in ("en", "ar", "he")])
def test_the_pdf_holds_the_languages_labels_and_none_of_englishs(
    language: str, built: Callable[[str, str], tuple[str, str]], example_yaml: Path
) -> None:
    _, text = built(language, "memo")
    page = folded(text)
    for label in LABELS:
        assert folded(translation(language, label)) in page, label
    for english in ENGLISH_ONLY:
        assert english.casefold() not in page, f"{english!r} on the {language} page"
    prepared = yaml.safe_load(example_yaml.read_text("utf-8"))["meta"]["prepared"]
    assert folded(forms.forms(language).date(prepared)) in page


@pytest.mark.parametrize("language", ["ar", "he"])
def test_a_right_to_left_page_has_its_labels_direction_and_date(
    language: str, built: Callable[[str, str], tuple[str, str]]
) -> None:
    html, text = built(language, "memo")
    assert f'<html lang="{language}" dir="rtl">' in html
    page = folded(text)
    for label in LABELS:
        assert folded(translation(language, label)) in page, label
    for english in ENGLISH_ONLY:
        assert english.casefold() not in page, f"{english!r} on the {language} page"
    assert folded(forms.forms(language).date(dt.date(2026, 11, 25))) in page


def test_dates_in_each_languages_own_form() -> None:
    day = dt.date(2026, 11, 25)
    assert forms.forms("en").date(day) == "25 November 2026"
    assert forms.forms("fr").date(day) == "25 novembre 2026"
    assert forms.forms("de").date(day) == "25. November 2026"
    assert forms.forms("es").date(day) == "25 de noviembre de 2026"
    russian = "25 \u043d\u043e\u044f\u0431\u0440\u044f 2026\u202f\u0433."
    assert forms.forms("ru").date(day) == russian
    assert forms.forms("en-US").date(day) == "November 25, 2026"


def test_french_quotes_are_guillemets_with_narrow_spaces(
    built: Callable[[str, str], tuple[str, str]]
) -> None:
    html, text = built("fr", "memo")
    assert "\u00ab\u202fRussia Will Regret" in html  # the headline, quoted by the template
    assert "\u00ab\u202f" in text and "\u202f\u00bb" in text  # <q>, quoted by the stylesheet
    assert "\u201c" not in text


def test_german_quotes_open_low(built: Callable[[str, str], tuple[str, str]]) -> None:
    _, text = built("de", "memo")
    assert "\u201eRussia Will Regret Its Support for the Assad Regime\u201c" in text


def test_an_unknown_language_prints_english(built: Callable[[str, str], tuple[str, str]]
                                            ) -> None:
    html, text = built("tlh", "memo")
    assert 'lang="tlh" dir="ltr"' in html and "key judgments" in folded(text)


# --- the user's catalogs -------------------------------------------------------------------


def user_catalog(templates: Path, language: str, messages: dict[str, str]) -> Path:
    catalog = Catalog(locale=None, domain="briefing")
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    out = io.BytesIO()
    write_po(out, catalog, omit_header=True)
    path = catalogs.catalog_file(templates / "locale", language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path


def test_a_users_catalog_overrides_one_message_and_keeps_the_rest(
    tmp_path: Path, example_yaml: Path, run_cli: Any
) -> None:
    templates = tmp_path / "templates"
    user_catalog(templates, "fr", {"Bottom line": "En bref"})
    brief = brief_in(tmp_path, example_yaml, "fr")
    result = run_cli("build", brief, "--templates", templates, "--out", tmp_path / "out",
                     "--format", "pdf")
    assert result.exit_code == 0, result.output
    page = folded(pdf_text(tmp_path / "out" / f"{brief.stem}.pdf"))
    assert "en bref" in page and "l\u2019essentiel" not in page
    assert "jugements clés" in page  # the shipped French for everything else


def test_a_users_new_language(tmp_path: Path, example_yaml: Path, run_cli: Any) -> None:
    templates = tmp_path / "templates"
    path = user_catalog(templates, "it", {"Key judgments": "Giudizi chiave"})
    listed = run_cli("languages", "--templates", templates)
    assert listed.exit_code == 0
    assert re.search(r"^it\s+Italian \(italiano\)\s+ltr\s+yours: " + re.escape(str(path)),
                     listed.output, re.MULTILINE), listed.output
    assert re.search(r"^he\s+Hebrew.*rtl\s+shipped$", listed.output, re.MULTILINE)
    brief = brief_in(tmp_path, example_yaml, "it")
    result = run_cli("build", brief, "--templates", templates, "--out", tmp_path / "out",
                     "--format", "pdf")
    assert result.exit_code == 0, result.output
    page = folded(pdf_text(tmp_path / "out" / f"{brief.stem}.pdf"))
    assert "giudizi chiave" in page and "25 novembre 2026" in page


def test_a_catalog_with_a_syntax_error_is_refused_at_its_line(
    tmp_path: Path, example_yaml: Path, run_cli: Any
) -> None:
    templates = tmp_path / "templates"
    path = catalogs.catalog_file(templates / "locale", "fr")
    path.parent.mkdir(parents=True)
    path.write_text('msgid "Bottom line"\nmsgstr "En bref\n\nmsgid "Key judgments"\n'
                    'msgstr "Jugements"\n', encoding="utf-8")
    brief = brief_in(tmp_path, example_yaml, "fr")
    result = run_cli("build", brief, "--templates", templates, "--out", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert f"{path}:" in result.output and "cannot be read" in result.output
    assert "Traceback" not in result.output


def test_a_translation_that_drops_a_placeholder_is_refused_at_its_line(
    tmp_path: Path, example_yaml: Path, run_cli: Any
) -> None:
    templates = tmp_path / "templates"
    path = user_catalog(templates, "fr", {"Bottom line": "En bref",
                                          "Prepared by %(analyst)s.": "Rédigé."})
    line = next(i for i, text in enumerate(path.read_text("utf-8").splitlines(), 1)
                if text.startswith('msgid "Prepared by'))
    brief = brief_in(tmp_path, example_yaml, "fr")
    result = run_cli("build", brief, "--templates", templates, "--out", tmp_path / "out")
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}:" in result.output
    assert "leaves out %(analyst)s" in result.output and "hint:" in result.output


# --- the quote check in every language's marks ---------------------------------------------

PIECES = {
    "fr": "Le maire a répondu\u00a0: \u00ab\u202fNous ne fermerons pas l\u2019école\u202f\u00bb, "
          "devant le conseil.",
    "de": "Die Ministerin sagte: \u201eWir bleiben hier\u201c, und ging.",
    "ru": "\u00ab\u041c\u044b \u043d\u0435 \u0443\u0439\u0434\u0451\u043c\u00bb, "
          "\u2014 \u0441\u043a\u0430\u0437\u0430\u043b \u043c\u044d\u0440.",
    "he": "\u05d4\u05d5\u05d0 \u05d0\u05de\u05e8: \u05f4\u05dc\u05d0 \u05e0\u05e1\u05d2\u05d5\u05e8"
          "\u05f4 \u05d5\u05d9\u05e6\u05d0.",
}
QUOTED = {
    "fr": ["«\u00a0Nous ne fermerons pas l'école\u00a0»", '"Nous ne fermerons pas l\u2019école"',
           "Nous ne fermerons pas l'école"],
    "de": ['"Wir bleiben hier", und ging', "\u201cWir bleiben hier\u201d"],
    "ru": ['"\u041c\u044b \u043d\u0435 \u0443\u0439\u0434\u0451\u043c"'],
    "he": ['"\u05dc\u05d0 \u05e0\u05e1\u05d2\u05d5\u05e8"',
           "\u201d\u05dc\u05d0 \u05e0\u05e1\u05d2\u05d5\u05e8\u201d"],
}


@pytest.mark.parametrize("language, quote", [(lang, q) for lang, qs in QUOTED.items()
                                             for q in qs])
def test_a_quote_in_other_marks_or_spacing_is_found(language: str, quote: str) -> None:
    from briefing.quotes import PieceText

    assert PieceText(Path("piece.txt"), PIECES[language]).missing(quote) is None


def test_a_changed_word_inside_guillemets_is_still_caught() -> None:
    from briefing.quotes import PieceText

    found = PieceText(Path("piece.txt"), PIECES["fr"]).missing("Nous ne fermerons jamais")
    assert found is not None


# --- briefing check's rules in the brief's language --------------------------------------


def _findings(write_brief: Callable[..., Path], folder: Path, language: str,
              texts: list[str], likelihoods: list[str | None]) -> list[Any]:
    from briefing import check

    kjs = [{"text": text, "confidence": "high", **({"likelihood": lk} if lk else {})}
           for text, lk in zip(texts, likelihoods, strict=True)]
    path = write_brief(folder, f"rules-{language}", meta={"language": language},
                       key_judgments=kjs)
    return [f for f in check(path, today=dt.date(2026, 12, 1)).findings
            if f.code in ("JU002", "JU003")]


def test_the_likelihood_row_rule_reads_the_languages_terms(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    """A French brief that writes row 1's "hautement probable" (highly probable) beside
    row 0's terms in its fields is told so in French words."""
    found = _findings(write_brief, tmp_path, "fr",
                      ["Le port restera ouvert.", "Le maire cédera.",
                       "La grève est hautement probable avant l'été."],
                      ["likely", "very likely", None])
    assert [f.code for f in found] == ["JU003"], [f.message for f in found]
    assert "'hautement probable'" in found[0].message
    assert "'très probable'" in (found[0].hint or "")  # row 0's word for 80-95%


def test_the_english_terms_are_not_looked_for_in_french(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    """"probable" is row 1 in English but row 0 ("likely") in French: no finding."""
    found = _findings(write_brief, tmp_path, "fr",
                      ["Une reprise est probable.", "Le maire cédera."],
                      [None, "very likely"])
    assert found == []


def test_confidence_and_likelihood_in_one_sentence_in_german(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    found = _findings(write_brief, tmp_path, "de",
                      ["Ein Rücktritt ist sehr wahrscheinlich, bei hoher Konfidenz."], [None])
    assert found == []  # "hoher Konfidenz" is not the phrase the page prints
    found = _findings(write_brief, tmp_path, "de",
                      ["Ein Rücktritt ist sehr wahrscheinlich (hohe Konfidenz)."], [None])
    assert [f.code for f in found] == ["JU002"]


def test_sentences_end_at_the_arabic_question_mark(
    tmp_path: Path, write_brief: Callable[..., Path]
) -> None:
    likely = "\u0645\u0631\u062c\u0651\u062d"  # the catalog's "likely"
    confident = "\u062b\u0642\u0629 \u0639\u0627\u0644\u064a\u0629"  # high confidence
    question = f"\u0647\u0644 \u0647\u0648 {likely}\u061f"  # "is it likely?"
    found = _findings(write_brief, tmp_path, "ar", [f"{question} {confident}."], [None])
    assert found == []
    found = _findings(write_brief, tmp_path, "ar", [f"{likely} {confident}."], [None])
    assert [f.code for f in found] == ["JU002"]


def test_words_with_vowel_marks_count_once() -> None:
    from briefing.words import word_count

    drives = "\u064a\u062d\u0631\u0651\u0643"  # with a shadda
    assert word_count(f"{drives} \u0627\u0644\u0641\u0627\u0639\u0644\u064a\u0646") == 2
    assert word_count("\u05d1\u05be2026 \u05d4\u05d5\u05db\u05df") == 2


# --- the Word brief ----------------------------------------------------------------------


def _word(folder: Path, example_yaml: Path, language: str) -> Any:
    import docx

    path = brief_in(folder, example_yaml, language)
    Builder(out=folder / "out", formats=("docx",), force=True).build(path)
    return docx.Document(str(folder / "out" / f"{path.stem}.docx"))


def _word_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_word_brief_has_the_languages_labels(tmp_path: Path, example_yaml: Path) -> None:
    text = _word_text(_word(tmp_path, example_yaml, "es"))
    for label in ("Lo esencial", "Juicios clave", "Fuente", "confianza alta",
                  "25 de noviembre de 2026", "de segunda mano", "\u00abRussia Will Regret"):
        assert label in text, label
    for english in ENGLISH_ONLY:
        assert english not in text, english


def test_a_right_to_left_word_brief_runs_right_to_left(tmp_path: Path, example_yaml: Path
                                                       ) -> None:
    from docx.oxml.ns import qn

    document = _word(tmp_path, example_yaml, "he")
    assert translation("he", "Key judgments") in _word_text(document)
    body = document.styles["Normal"].element
    assert body.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in document.tables)
    assert document.sections[0]._sectPr.find(qn("w:bidi")) is not None


# --- briefing new: attributions in French, German and Spanish ----------------------------

ATTRIBUTED = (
    "Le maire c\u00e8de\n\nPar Paul Martin\n\n"
    "\u00ab Nous resterons ouverts jusqu\u2019en juin \u00bb, a d\u00e9clar\u00e9 "
    "H\u00e9l\u00e8ne Castagn\u00e8de, maire de Valmorin, devant le conseil.\n\n"
    "Selon Laurent Peyrac, directeur de l\u2019agence, le service \u00ab ne peut plus "
    "fonctionner ainsi \u00bb.\n\n"
    "\u00abNo cerraremos la escuela\u00bb, dijo Ana Ruiz, alcaldesa de Villaverde.\n\n"
    "\u201eWir bleiben hier\u201c, sagte Jonas Keller, Sprecher der Stadt.\n"
)


def test_briefing_new_finds_who_speaks_in_french_german_and_spanish(
    in_tmp: Path, run_cli: Any
) -> None:
    (in_tmp / "piece.txt").write_text(ATTRIBUTED, encoding="utf-8")
    result = run_cli("new", "piece", "--from", "piece.txt")
    assert result.exit_code == 0, result.output
    drafted = yaml.safe_load((in_tmp / "content" / "piece.yaml").read_text("utf-8"))
    speakers = [s["who"] for s in drafted["sourcing"]]
    for name in ("H\u00e9l\u00e8ne Castagn\u00e8de", "Laurent Peyrac", "Ana Ruiz",
                 "Jonas Keller"):
        assert any(who.startswith(name) for who in speakers), (name, speakers)
    quoted = [q["exact"] for q in drafted.get("quotes", [])]
    assert any(q.startswith("Nous resterons ouverts") for q in quoted), quoted


# --- the examples of content/ ------------------------------------------------------------


@pytest.mark.parametrize("example, language", [("valmorin-maternite.yaml", "fr"),
                                               ("givat-shaked-water.yaml", "he")])
def test_each_example_in_another_language_is_one_page_tagged_with_its_language(
    example: str, language: str, example_yaml: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    brief = example_yaml.parent / example
    checked = Builder(out=tmp_path, formats=("pdf",)).check(brief)
    assert not checked.findings, [f.message for f in checked.findings]  # quotes found
    result = Builder(out=tmp_path, formats=("pdf",), force=True).build(brief)
    reader = PdfReader(result.outputs[0])
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"]["/Lang"] == language
    title = yaml.safe_load(brief.read_text("utf-8"))["meta"]["title"]
    assert reader.metadata is not None and reader.metadata.title == title
    page = folded(pdf_text(result.outputs[0]))
    assert folded(translation(language, "Key judgments")) in page
    for english in ENGLISH_ONLY:
        assert english.casefold() not in page, english
