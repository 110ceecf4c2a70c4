"""The content model of a brief, after the standards in docs/format.md.

Field names follow the trade where it has them: ICD 203 for confidence and
likelihood, the Admiralty code (STANAG 2511) for grading sources, W3C Web
Annotation's `exact` for quotes.
"""

from __future__ import annotations

import datetime as dt
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from briefing.words import ID_LENGTH, ID_PATTERN

MAX_TEXT = 2000
"""Characters in one field: a paragraph. A one-page brief has no room for more, and a
limit keeps a hostile file from making the layout engine work for minutes."""
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]


def _not_a_number(value: object) -> object:
    # pydantic would read 0 as 1970-01-01 (a Unix time); in a brief it is a typo.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError("date_type", "a date is written like 2026-11-25")
    return value


Date = Annotated[dt.date, BeforeValidator(_not_a_number)]
Identifier = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_LENGTH)]


def empty_list() -> list[Any]:
    """A list field's default. Not `list` itself: pydantic reads the signature of each
    field's default factory when it builds the validator, and a built-in's is parsed
    from text (0.2 ms each, at every call's first brief)."""
    return []


class Model(BaseModel):
    """Base of every part of a brief: unknown keys are errors, values are frozen."""

    # defer_build: one validator for the whole brief, made when the first brief is
    # read, instead of one per part at import; the start-up of every call is shorter.
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False,
                              defer_build=True)


class Genre(StrEnum):
    """What kind of piece is briefed."""

    NEWS = "news"
    ANALYSIS = "analysis"
    OPINION = "opinion"
    EDITORIAL = "editorial"
    FEATURE = "feature"
    INTERVIEW = "interview"
    REPORT = "report"
    OTHER = "other"


class Confidence(StrEnum):
    """ICD 203 confidence in a judgment: how good the basis for it is."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Likelihood(StrEnum):
    """ICD 203 likelihood terms; a brief uses one row only (see `row`)."""

    ALMOST_NO_CHANCE = "almost no chance"
    VERY_UNLIKELY = "very unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN_CHANCE = "roughly even chance"
    LIKELY = "likely"
    VERY_LIKELY = "very likely"
    ALMOST_CERTAIN = "almost certain"
    REMOTE = "remote"
    HIGHLY_IMPROBABLE = "highly improbable"
    IMPROBABLE = "improbable"
    ROUGHLY_EVEN_ODDS = "roughly even odds"
    PROBABLE = "probable"
    HIGHLY_PROBABLE = "highly probable"
    NEARLY_CERTAIN = "nearly certain"

    @property
    def row(self) -> int:
        """0 for the first row of terms ("likely"), 1 for the alternative ("probable")."""
        return LIKELIHOOD_ROWS[self][0]

    @property
    def probability(self) -> str:
        """The probability range the term stands for, as ICD 203 gives it."""
        return LIKELIHOOD_ROWS[self][1]

    def in_row(self, row: int) -> Likelihood:
        """The term of `row` that stands for the same probability."""
        return next(term for term, place in LIKELIHOOD_ROWS.items()
                    if place == (row, self.probability))


LIKELIHOOD_ROWS: dict[Likelihood, tuple[int, str]] = {
    Likelihood.ALMOST_NO_CHANCE: (0, "1-5%"), Likelihood.REMOTE: (1, "1-5%"),
    Likelihood.VERY_UNLIKELY: (0, "5-20%"), Likelihood.HIGHLY_IMPROBABLE: (1, "5-20%"),
    Likelihood.UNLIKELY: (0, "20-45%"), Likelihood.IMPROBABLE: (1, "20-45%"),
    Likelihood.ROUGHLY_EVEN_CHANCE: (0, "45-55%"), Likelihood.ROUGHLY_EVEN_ODDS: (1, "45-55%"),
    Likelihood.LIKELY: (0, "55-80%"), Likelihood.PROBABLE: (1, "55-80%"),
    Likelihood.VERY_LIKELY: (0, "80-95%"), Likelihood.HIGHLY_PROBABLE: (1, "80-95%"),
    Likelihood.ALMOST_CERTAIN: (0, "95-99%"), Likelihood.NEARLY_CERTAIN: (1, "95-99%"),
}
"""ICD 203's two rows of terms: each term's row (0 "likely", 1 "probable") and the
probability it stands for. Written out, not read from the order of the members, so that
a new term cannot land in a row unnoticed (tests/test_model.py checks every term has one)."""


class Reliability(StrEnum):
    """Admiralty code: how reliable the source has been."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def meaning(self) -> str:
        """The grade's meaning in words."""
        return {
            "A": "completely reliable",
            "B": "usually reliable",
            "C": "fairly reliable",
            "D": "not usually reliable",
            "E": "unreliable",
            "F": "reliability cannot be judged",
        }[self.value]


class Credibility(IntEnum):
    """Admiralty code: how credible the information itself is."""

    CONFIRMED = 1
    PROBABLY_TRUE = 2
    POSSIBLY_TRUE = 3
    DOUBTFUL = 4
    IMPROBABLE = 5
    CANNOT_BE_JUDGED = 6

    @property
    def meaning(self) -> str:
        """The grade's meaning in words (6 is "truth cannot be judged": of the
        information, as F is of its source)."""
        if self is Credibility.CANNOT_BE_JUDGED:
            return "truth cannot be judged"
        return self.name.lower().replace("_", " ")


class Basis(StrEnum):
    """Whether a motive is stated in the piece or inferred by the analyst."""

    STATED = "stated"
    INFERRED = "inferred"


class Hand(StrEnum):
    """Whether the piece had the information first-hand or relayed."""

    FIRST = "first"
    SECOND = "second"


class SourceKind(StrEnum):
    """What sort of source the piece relies on."""

    OFFICIAL = "official"
    EXPERT = "expert"
    PARTICIPANT = "participant"
    DOCUMENT = "document"
    DATA = "data"
    NEWS_REPORT = "news report"
    UNNAMED_SOURCES = "unnamed sources"
    AUTHOR = "author"
    OTHER = "other"


class WatchKind(StrEnum):
    """Whether a watch item is an open question or an indicator."""

    QUESTION = "question"
    INDICATOR = "indicator"


class Quote(Model):
    """Words quoted verbatim from the piece."""

    exact: Text = Field(
        description="The words exactly as they stand in the piece. Checked against the "
        "source text, ignoring differences of spacing and of straight or curly quotes. "
        "Words left out are marked '...' or '…'; each part must stand in one paragraph of "
        "the piece, in order. Printed as typed (no Markdown)."
    )
    context: Text | None = Field(
        default=None,
        description="Optional: who says it or what it answers, shown with the quote.",
    )
    id: Identifier | None = Field(
        default=None,
        description="Optional id, so that a key judgment can point to the quote "
        "(lower-case letters, digits and dashes).",
    )
    source: Identifier | None = Field(
        default=None,
        description="Optional id of the source (in `sourcing`) the words come from or through.",
    )


class Piece(Model):
    """The article or op-ed being briefed."""

    headline: Text = Field(description="The piece's headline, as published.")
    dek: Text | None = Field(default=None, description="The subtitle or standfirst, if any.")
    outlet: Text = Field(description="Where it was published.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        default=None, description="Where it can be read (http or https)."
    )
    author: Text | None = Field(
        default=None, description="Who wrote it; leave out if unknown and the brief says so."
    )
    published: Date | None = Field(
        default=None,
        description="Date of publication (YYYY-MM-DD); leave out if unknown and the brief "
        "says so.",
    )
    published_note: Text | None = Field(
        default=None,
        description="What is known of the date when it is not stated, for instance "
        "'late 2015, from the events it describes'.",
    )
    genre: Genre = Field(description="What kind of piece it is.")
    source_text: Path | None = Field(
        default=None,
        description="Path of the piece's full text (UTF-8), relative to this YAML file. "
        "When given, every quote in the brief must be found in it.",
    )


class Meta(Model):
    """About the brief itself."""

    title: Text = Field(description="The brief's own title.")
    analyst: Text = Field(description="Who prepared the brief.")
    prepared: Date = Field(description="When the brief was prepared (YYYY-MM-DD).")
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = (
        Field(default="en", description="Language of the brief, as a BCP 47 tag (en, fr, ...).")
    )
    keywords: list[Text] = Field(
        default_factory=empty_list,
        description="Keywords for the PDF's metadata; the outlet, genre and actors are added.",
    )


class KeyJudgment(Model):
    """One of the analyst's key judgments."""

    text: Text = Field(description="The judgment, in one or two sentences.")
    confidence: Confidence | None = Field(
        default=None,
        description="ICD 203 confidence: low, moderate or high. Required to build; "
        "`briefing check` reports a judgment without one (JU001).",
    )
    likelihood: Likelihood | None = Field(
        default=None,
        description="Optional ICD 203 likelihood term; use terms of one row only per brief.",
    )
    sources: list[Identifier] = Field(
        default_factory=empty_list,
        description="Ids of the sources (in `sourcing`) it rests on, printed after it as "
        "their reference marks ([1], [2]: the sourcing table's rows carry the same), or as "
        "their names when the table is not shown.",
    )
    quotes: list[Identifier] = Field(
        default_factory=empty_list,
        description="Ids of the quotes (anywhere in the brief) it rests on; their words "
        "are printed after it.",
    )


class Motive(Model):
    """What drives one actor, or the author."""

    actor: Text = Field(description="Who is driven: a state, a group, a person, the author.")
    motive: Text = Field(description="What drives them, in a sentence.")
    basis: Basis = Field(
        description="'stated' if the piece says so, 'inferred' if it is the analyst's reading."
    )
    evidence: list[Quote] = Field(
        default_factory=empty_list, description="Quotes from the piece that show the motive."
    )
    confidence: Confidence = Field(description="ICD 203 confidence in this reading.")


class Source(Model):
    """A source the piece relies on."""

    id: Identifier = Field(description="Short id for references, such as 'reuters'.")
    who: Text = Field(description="Who the source is, as the piece presents it.")
    named: bool = Field(description="true if the piece names the source, false if anonymous.")
    anonymity: Text | None = Field(
        default=None,
        description="For an anonymous source: why the piece says it is unnamed, or that it "
        "does not say.",
    )
    kind: SourceKind = Field(description="What sort of source it is.")
    hand: Hand = Field(
        description="'first' if the piece had it from the source, 'second' if relayed "
        "through someone else (another outlet, say)."
    )
    reliability: Reliability = Field(description="Admiralty source reliability, A to F.")
    credibility: Credibility = Field(
        description="Admiralty information credibility, 1 to 6 (an opinion is 6)."
    )
    supports: Text = Field(description="What in the piece this source supports.")
    quotes: list[Quote] = Field(
        default_factory=empty_list, description="Quotes of or through this source."
    )

    @property
    def grade(self) -> str:
        """The Admiralty grade as letter and digit, as in 'B2'."""
        return f"{self.reliability.value}{self.credibility.value}"


class Strength(Model):
    """Something the piece gets right."""

    point: Text = Field(description="What holds up, in a sentence.")
    quote: Quote | None = Field(default=None, description="Optional quote that shows it.")


class FactualError(Model):
    """A factual statement in the piece that is wrong, with its correction."""

    claim: Quote = Field(description="The statement, quoted from the piece.")
    correction: Text = Field(description="What is right, and how we know.")


class UnsupportedClaim(Model):
    """A claim that carries the argument without evidence behind it."""

    claim: Quote = Field(description="The claim, quoted from the piece.")
    issue: Text = Field(description="What evidence is missing or what the claim skips.")


class MissingPerspective(Model):
    """An actor discussed but not heard, or a view left out."""

    who: Text = Field(description="Whose perspective is missing.")
    why: Text = Field(description="Why it matters to the argument.")


class Rhetoric(Model):
    """A rhetorical device or fallacy, tied to the words that use it."""

    device: Text = Field(description="The device, e.g. 'straw man', 'hasty generalisation'.")
    quote: Quote = Field(description="Where the piece uses it.")
    effect: Text = Field(description="What it does to the argument.")


class Critique(Model):
    """What holds up in the piece and what does not."""

    strengths: list[Strength] = Field(default_factory=empty_list, description="What holds up.")
    factual_errors: list[FactualError] = Field(
        default_factory=empty_list, description="Wrong statements, each with its correction."
    )
    unsupported_claims: list[UnsupportedClaim] = Field(
        default_factory=empty_list, description="Claims with no evidence behind them."
    )
    missing_perspectives: list[MissingPerspective] = Field(
        default_factory=empty_list, description="Actors or views left out."
    )
    rhetoric: list[Rhetoric] = Field(
        default_factory=empty_list, description="Rhetorical devices and fallacies."
    )


class Watch(Model):
    """An open question, or an indicator that would confirm or refute a judgment."""

    text: Text = Field(description="The question or indicator.")
    kind: WatchKind = Field(
        default=WatchKind.QUESTION,
        description="'question' (open, to be answered) or 'indicator' (a sign that would "
        "confirm or refute a judgment).",
    )


class Paper(StrEnum):
    """Paper size of the printed page."""

    A4 = "a4"
    LETTER = "letter"


class OutputFormat(StrEnum):
    """A file `briefing build` can write for a brief."""

    HTML = "html"
    PDF = "pdf"
    PNG = "png"
    DOCX = "docx"


class Attach(StrEnum):
    """What a brief's PDF carries inside it, so that the brief can be had back from it."""

    BRIEF = "brief"
    TEXT = "text"
    BOTH = "both"
    NONE = "none"


class PdfStandard(StrEnum):
    """The standard a brief's PDF claims to meet (docs/record.md says what is checked)."""

    PDF_A_3B = "pdf/a-3b"
    PDF_UA_1 = "pdf/ua-1"
    PLAIN = "plain"


class FontChoice(StrEnum):
    """Body type, among the fonts shipped with briefing."""

    SERIF = "serif"
    SANS = "sans"


class Density(StrEnum):
    """How tightly the page is set: the spacing between lines and blocks."""

    COMPACT = "compact"
    NORMAL = "normal"
    AIRY = "airy"


class Show(Model):
    """Which parts of the page to print."""

    sourcing: bool = Field(default=True, description="The table of sources and their grades.")
    footer: bool = Field(default=True, description="The footer: who prepared it, the legend.")
    prepared_by: bool = Field(default=True, description="The analyst's name in the footer.")
    date: bool = Field(default=True, description="The date prepared, in the banner.")
    url: bool = Field(default=True, description="The piece's address, printed as text.")
    qr: bool = Field(
        default=False, description="A QR code of the piece's address, for the printed page."
    )


class Design(Model):
    """How the brief looks. Every field is optional: the theme decides what is left out."""

    theme: Identifier = Field(
        default="memo", description="The theme: see `briefing themes` (memo, sheet, contrast)."
    )
    paper: Paper = Field(default=Paper.A4, description="Paper size: a4 or letter.")
    margins: Annotated[float, Field(ge=6, le=30)] | None = Field(
        default=None, description="Page margins, in millimetres (6 to 30)."
    )
    accent: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] | None = Field(
        default=None, description="Accent colour, as #rrggbb (for instance #1d3f66)."
    )
    font: FontChoice | None = Field(default=None, description="Body type: serif or sans.")
    font_size: Annotated[float, Field(ge=8, le=12)] | None = Field(
        default=None, description="Base font size in points (8 to 12), before any fitting."
    )
    density: Density = Field(default=Density.NORMAL, description="compact, normal or airy.")
    banner: Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)] | None = (
        Field(
            default=None,
            description="A classification-style line printed at the top and bottom of the "
            "page, such as 'UNCLASSIFIED // FOR TRAINING'.",
        )
    )
    # model_construct: a default is valid as it stands, and Show() would have pydantic
    # build a validator for Show alone besides the brief's (so Critique and Design below).
    show: Show = Field(default_factory=Show.model_construct,
                       description="Which parts of the page to print.")
    formats: list[OutputFormat] = Field(
        default_factory=empty_list,
        description="Outputs this brief is always built to, besides those `briefing build "
        "--format` asks for: html, pdf, png, docx (an editable Word file).",
    )
    logo: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                           max_length=255)] | None = Field(
        default=None,
        description="A logo printed in the masthead: an SVG or PNG file (at most 512 KiB), "
        "its path relative to this YAML file or in the templates folder; never a web "
        "address. An SVG may not refer to other files.",
    )
    logo_alt: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=120)] | None = Field(
        default=None,
        description="The logo's text for readers who cannot see it, such as the unit's "
        "name (without it: 'Logo').",
    )
    attach: Attach = Field(
        default=Attach.BOTH,
        description="What the PDF carries inside it: brief (this YAML file, byte for byte, "
        "comments and all), text (the piece's source text, whose copyright may not allow "
        "passing it on), both, or none. `briefing extract` gets them back.",
    )
    pdf: PdfStandard = Field(
        default=PdfStandard.PDF_A_3B,
        description="The standard the PDF claims: pdf/a-3b (archival), pdf/ua-1 (accessible, "
        "and archival too: it claims both PDF/UA-1 and PDF/A-3b) or plain (neither).",
    )


class Brief(Model):
    """A one-page brief on a written piece."""

    piece: Piece = Field(description="The piece being briefed.")
    meta: Meta = Field(description="About the brief itself.")
    bluf: Text = Field(description="Bottom line up front: the conclusion, in 40 words or fewer.")
    key_judgments: list[KeyJudgment] = Field(
        min_length=1, description="The analyst's key judgments, most important first."
    )
    motives: list[Motive] = Field(
        default_factory=empty_list, description="What drives the actors and the author."
    )
    sourcing: list[Source] = Field(
        default_factory=empty_list, description="Each source the piece relies on."
    )
    critique: Critique = Field(
        default_factory=Critique.model_construct,
        description="What holds up and what does not.",
    )
    watch: list[Watch] = Field(
        default_factory=empty_list, description="Open questions and indicators to watch."
    )
    design: Design = Field(
        default_factory=Design.model_construct,
        description="How the brief looks: theme, paper, colours.",
    )
    quotes: list[Quote] = Field(
        default_factory=empty_list,
        description="Quotes kept for reference and not printed, such as those `briefing new "
        "--from` drafts; checked against the source text like the others.",
    )

    def all_quotes(self) -> list[tuple[tuple[str | int, ...], Quote]]:
        """Every quote in the brief, with the path of where it stands."""
        found: list[tuple[tuple[str | int, ...], Quote]] = []
        for i, motive in enumerate(self.motives):
            found += [(("motives", i, "evidence", j), q) for j, q in enumerate(motive.evidence)]
        for i, source in enumerate(self.sourcing):
            found += [(("sourcing", i, "quotes", j), q) for j, q in enumerate(source.quotes)]
        c = self.critique
        found += [(("critique", "strengths", i, "quote"), s.quote)
                  for i, s in enumerate(c.strengths) if s.quote is not None]
        found += [(("critique", "factual_errors", i, "claim"), e.claim)
                  for i, e in enumerate(c.factual_errors)]
        found += [(("critique", "unsupported_claims", i, "claim"), u.claim)
                  for i, u in enumerate(c.unsupported_claims)]
        found += [(("critique", "rhetoric", i, "quote"), r.quote)
                  for i, r in enumerate(c.rhetoric)]
        found += [(("quotes", i), q) for i, q in enumerate(self.quotes)]
        return found
