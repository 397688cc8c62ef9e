"""The report: frozen models from extraction to output. The JSON report is `Report` dumped.

Data flows one way: articles + rules -> claims -> field results -> report -> renderers.
Every model is immutable; renderers read them and never change them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

SCHEMA_VERSION: Literal[1] = 1
"""Bumped whenever a consumer of the JSON report would have to change."""

Modality = Literal["asserted", "reported", "expected", "denied"]
Polarity = Literal["affirmed", "expected", "denied"]
Status = Literal["conflict", "agree", "single", "silent"]
FieldType = Literal["enum", "set"]
CueKind = Literal["attribution", "future", "negation", "hedge"]
Precision = Literal["year", "month", "day"]

STATUS_ORDER: dict[str, int] = {"conflict": 0, "agree": 1, "single": 2, "silent": 3}
"""How fields are ordered for a reader: what needs attention first."""


class Frozen(BaseModel):
    """Base for every report model: immutable, and strict about unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class PartialDate(Frozen):
    """A calendar date that may lack its day, month or year (e.g. "12 May" with no year)."""

    year: int | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def iso(self) -> str:
        """ISO 8601 form; a missing year is written as in "--05-12"."""
        year = f"{self.year:04d}" if self.year is not None else "-"
        if self.month is None:
            return year
        text = f"{year}-{self.month:02d}"
        return text if self.day is None else f"{text}-{self.day:02d}"

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> Precision:
        """The finest unit the date states."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"


class Published(Frozen):
    """An article's publication date and where it was read from."""

    date: PartialDate
    source: Literal["front_matter", "header"]
    text: str
    line: int
    column: int


class CitedSource(Frozen):
    """A news outlet the article cites or credits, with where it first appears."""

    name: str
    via: Literal["citation", "copyright", "dateline", "mention"]
    text: str
    line: int
    column: int


class FurnitureRange(Frozen):
    """Lines excluded from extraction because they are page furniture, not article text."""

    start_line: int
    end_line: int
    reason: str


class ArticleInfo(Frozen):
    """One article of the corpus and its metadata."""

    id: str
    path: str
    title: str
    title_line: int | None = Field(description="Line the title was read from; null if from front matter.")
    published: Published | None
    outlet: str | None
    author: str | None
    url: str | None
    reliability: str | None
    sources: tuple[CitedSource, ...]
    encoding: str
    furniture: tuple[FurnitureRange, ...]


class Cue(Frozen):
    """A word or phrase that decided a claim's modality."""

    kind: CueKind
    text: str


class Evidence(Frozen):
    """Where a value was read: article, exact span, and the whole sentence quoted verbatim."""

    article: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int = Field(description="Character offset of the match in the file's text.")
    end: int
    text: str = Field(description="The matched text, verbatim.")
    sentence: str = Field(description="The sentence containing the match, verbatim.")
    sentence_start: int = Field(description="Character offset of the sentence in the file's text.")
    sentence_line: int
    sentence_column: int


class ExtractorRef(Frozen):
    """The rule that produced a claim, and where it is declared in the rules file."""

    name: str
    kind: str
    line: int
    column: int


class Claim(Frozen):
    """One value an article states for a field, with its modality and evidence."""

    value: str
    modality: Modality
    hedged: bool
    cues: tuple[Cue, ...]
    extractor: ExtractorRef
    evidence: Evidence


class Stance(Frozen):
    """A distinct (value, polarity) across the corpus, the articles that take it, its group."""

    value: str
    polarity: Polarity
    label: str
    articles: tuple[str, ...]
    group: int = Field(description="Stances in one group are mutually compatible.")


class ConflictPair(Frozen):
    """Two stances that cannot both be true."""

    left: str
    right: str
    left_articles: tuple[str, ...]
    right_articles: tuple[str, ...]


class ElementCoverage(Frozen):
    """For a set field: which articles include an element, which explicitly exclude it."""

    element: str
    included: tuple[str, ...]
    excluded: tuple[str, ...]


class FieldResult(Frozen):
    """Everything the corpus says about one field, and the verdict."""

    id: str
    label: str
    type: FieldType
    family: str | None
    key: str | None
    vocabulary: tuple[str, ...]
    status: Status
    stances: tuple[Stance, ...]
    conflicts: tuple[ConflictPair, ...]
    coverage: tuple[ElementCoverage, ...]
    claims: tuple[Claim, ...]
    silent: tuple[str, ...] = Field(description="Articles that state nothing for this field.")


class Summary(Frozen):
    """Counts for the one-line summary."""

    articles: int
    fields: int
    conflicts: int
    agreements: int
    single_source: int
    silent: int


class Diagnostic(Frozen):
    """A warning about the input that did not stop the run (e.g. a decoding fallback)."""

    severity: Literal["warning"]
    path: str
    line: int | None
    column: int | None
    message: str


class ToolInfo(Frozen):
    """Which tool wrote the report."""

    name: Literal["aukus-check"] = "aukus-check"
    version: str


class RulesInfo(Frozen):
    """Which rules file was applied."""

    path: str
    title: str
    version: str
    schema_version: int


class CorpusInfo(Frozen):
    """Which corpus was read."""

    path: str
    bundled: bool
    articles: int


class Report(Frozen):
    """The whole result of a run; `--format json` writes exactly this."""

    schema_version: Literal[1] = SCHEMA_VERSION
    tool: ToolInfo
    rules: RulesInfo
    corpus: CorpusInfo
    summary: Summary
    articles: tuple[ArticleInfo, ...]
    fields: tuple[FieldResult, ...]
    diagnostics: tuple[Diagnostic, ...]

    def field(self, field_id: str) -> FieldResult | None:
        """The result for one field id, if the rules declare it."""
        for result in self.fields:
            if result.id == field_id:
                return result
        return None


def report_json_schema() -> dict[str, object]:
    """JSON Schema (draft 2020-12) of the JSON report, generated from the models."""
    schema = Report.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
