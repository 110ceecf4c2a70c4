"""The field reference of docs/format.md, written from the model so it cannot drift."""

from __future__ import annotations

from typing import Any, get_args, get_origin

from pydantic.fields import FieldInfo

from briefing import model_types
from briefing.model import Brief

INTRO = """\
# The brief format

A brief is a YAML file, `content/<name>.yaml`. This page lists every field; it is
generated from the content model (`briefing/model.py`) by
`python -m briefing.reference > docs/format.md`, and a test checks that it is
current. [content/fpif-russia-assad.yaml](../content/fpif-russia-assad.yaml) is a
complete example, and the README has a short tour.

Unknown keys are errors (a misspelt key would otherwise be silently ignored).
A field marked *required* must be present; the others may be left out.
Text fields are single strings; for long text use YAML's folded style (`>-`).
The analyst's own prose (the bottom line, judgments, motives, what sources support,
the critique's points, the watch list, a quote's context) may carry `*emphasis*`,
`**strong**`, `` `code` `` and `[links](https://...)`
([authoring.md](authoring.md#emphasis-and-links)); a quote's words, names and ids
print as typed.
"""


EXAMPLES: dict[str, str] = {
    "Brief": """\
piece: {headline: ..., outlet: ..., genre: opinion}
meta: {title: ..., analyst: ..., prepared: 2026-11-25}
bluf: >-
  A mid-2016 op-ed that reads Russia's motives soundly from a Reuters report,
  then asserts without evidence that Russian bombing breeds extremists.
key_judgments:
  - {text: ..., confidence: high}
""",
    "Piece": """\
headline: Russia Will Regret Its Support for the Assad Regime
dek: By bombing Syrian rebel groups, Russia only creates more extremists.
outlet: Foreign Policy In Focus (FPIF)
url: https://fpif.org/russia-will-regret-support-assad-regime/
published_note: on or after 30 June 2016, the date of the Reuters report it quotes
genre: opinion
source_text: sources/fpif-russia-assad.txt
""",
    "Meta": """\
title: "FPIF op-ed: why Russia backs Assad, and why it will regret it"
analyst: A. Analyst
prepared: 2026-11-25
language: en
keywords: [Syria, Russia, Tartus]
""",
    "KeyJudgment": """\
text: >-
  Russian bombing raised the jihadist threat to Russians; the piece cites no
  evidence of it.
confidence: moderate
likelihood: likely
sources: [reuters]
quotes: [fuel]
""",
    "Quote": """\
exact: it is just adding more fuel to the Islamic extremist fire
context: the author's conclusion
id: fuel
source: reuters
""",
    "Motive": """\
actor: Russia
motive: Keep its only naval foothold in the Mediterranean.
basis: stated
evidence:
  - exact: access to the Mediterranean
confidence: high
""",
    "Source": """\
id: kremlin-sources
who: Sources familiar with the Kremlin's thinking
named: false
anonymity: Not explained, here or in the passage quoted.
kind: unnamed sources
hand: second
reliability: F
credibility: 3
supports: Russia will back Assad for years.
quotes:
  - exact: sources familiar with the Kremlin's thinking say
""",
    "Critique": """\
strengths: [{point: Quotes the Reuters report verbatim and attributes it.}]
factual_errors: []
""",
    "Strength": """\
point: Quotes the Reuters report verbatim and attributes it.
quote: {exact: As Reuters reports}
""",
    "FactualError": """\
claim: {exact: naval base in Tartarus}
correction: Tartus (Tartarus is the Greek underworld), then a small supply point.
""",
    "UnsupportedClaim": """\
claim: {exact: it is just adding more fuel to the Islamic extremist fire}
issue: Causal claim with no data or mechanism.
""",
    "MissingPerspective": """\
who: Syrians, civilians and rebels
why: They bear the bombing but are not heard.
""",
    "Rhetoric": """\
device: Appeal to shared opinion
quote: {exact: The average Westerner can be forgiven}
effect: Presents the conclusion as common sense.
""",
    "Design": """\
theme: sheet
paper: letter
margins: 12
accent: "#7a1f2b"
font: sans
font_size: 9.5
density: compact
banner: UNCLASSIFIED // FOR TRAINING
show: {sourcing: true, qr: true}
""",
    "Show": """\
sourcing: true
footer: true
prepared_by: false
date: true
url: true
qr: true
""",
    "Watch": """\
kind: indicator
text: Attacks in Russia by returnees from Syria would support the thesis.
""",
}
"""A YAML example of each part; tests/test_docs.py checks that each one validates."""


def _type_name(annotation: Any) -> str:
    base, _ = model_types.strip(annotation)
    if get_origin(base) is list:
        return f"list of {_type_name(get_args(base)[0])}"
    if get_origin(base) is not None:  # a union of several types
        return " or ".join(_type_name(a) for a in get_args(base) if a is not type(None))
    if enum := model_types.enum_of(base):
        return "one of: " + ", ".join(f"`{m.value}`" for m in enum)
    if model_types.is_model(base):
        return f"[{base.__name__}](#{base.__name__.lower()})"
    names = {"str": "text", "bool": "true or false", "date": "date (YYYY-MM-DD)",
             "Path": "path"}
    return names.get(getattr(base, "__name__", ""), str(base))


def _row(name: str, info: FieldInfo) -> str:
    required = "*required*" if info.is_required() else "optional"
    return f"| `{name}` | {_type_name(info.annotation)} | {required} | {info.description or ''} |"


def markdown() -> str:
    """The whole reference page."""
    parts = [INTRO]
    for model in model_types.all_models(Brief):
        title = "Brief (the top level)" if model is Brief else model.__name__
        parts.append(f"## {title}\n\n{(model.__doc__ or '').strip()}\n")
        parts.append("| field | type | | meaning |\n|---|---|---|---|")
        parts += [_row(name, info) for name, info in model.model_fields.items()]
        parts.append(f"\nExample:\n\n```yaml\n{EXAMPLES[model.__name__]}```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    print(markdown(), end="")
