"""The report: frozen models from extraction to output. The JSON report is `Report` dumped.

Data flows one way: articles + rules -> claims -> field results -> report -> renderers.
Every model is immutable; renderers read them and never change them.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from aukus_check.safe_text import one_line

SCHEMA_VERSION: Literal[2] = 2
"""Bumped whenever a consumer of the JSON report would have to change."""

Modality = Literal["asserted", "reported", "expected", "denied"]
Polarity = Literal["affirmed", "expected", "denied"]
Status = Literal["conflict", "time_separated", "progressed", "agree", "single", "per_article", "silent"]
FieldType = Literal["enum", "set", "date", "quantity", "office", "person"]
CueKind = Literal["attribution", "future", "negation", "hedge"]
Precision = Literal["year", "month", "day"]
DatePrecision = Literal["year", "month", "week", "day"]
Qualifier = Literal["exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range"]
PairKind = Literal["conflict", "time_separated", "progressed", "against_record"]
RecordCheck = Literal["consistent", "on_record", "contradicted"]

STATUS_ORDER: dict[str, int] = {
    "conflict": 0,
    "time_separated": 1,
    "progressed": 2,
    "agree": 3,
    "single": 4,
    "per_article": 5,
    "silent": 6,
}
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

    def days(self) -> tuple[datetime.date, datetime.date] | None:
        """The first and last day the date covers; None without a year or for a day the month lacks."""
        if self.year is None:
            return None
        first_month, last_month = (1, 12) if self.month is None else (self.month, self.month)
        last_day = calendar.monthrange(self.year, last_month)[1]
        if self.day is not None and self.day > last_day:
            return None  # 29 February in a year that has none
        first_day, final_day = (1, last_day) if self.day is None else (self.day, self.day)
        return datetime.date(self.year, first_month, first_day), datetime.date(
            self.year, last_month, final_day
        )

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
    source: Literal["front_matter", "header", "url", "latest_mention"] = Field(
        description="front_matter or header: stated by the article. Inferred when neither states "
        "it: url, a date in the article's URL (/2022/04/06/); latest_mention, the latest absolute "
        "date the text asserts as past, so the article was written on or after it."
    )
    text: str
    line: int
    column: int
    inferred: bool = Field(
        default=False,
        description="The article does not state when it was written; `source` says how it was inferred.",
    )
    not_before: bool = Field(
        default=False,
        description="The article was written on or after `date`, how long after is unknown (latest_mention).",
    )


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
    extracted_from: Literal["html"] | None = Field(
        default=None,
        description="html: the article is a saved web page, read as its main text under a front "
        "matter made of the page's metadata; evidence lines and columns count in that text, "
        "which `aukus-check text FILE` prints.",
    )
    fingerprint: str | None = Field(
        default=None,
        description="A MinHash sketch of the article's body words (32 hex numbers), by which reposts of one "
        "text are found; null for an article without words.",
    )
    duplicate_of: str | None = Field(
        default=None,
        description="For a near-duplicate (a repost of one text): the first article of the corpus whose "
        "text this one nearly repeats; such articles count as one independent source.",
    )


class DateValue(Frozen):
    """A date as an article states it, resolved to an interval of days when that is possible.

    "in 2021" is the year 2021, "next month" in an article of 4 March 2024 is April 2024. A
    phrase that cannot be placed in time (no publication date to resolve it against) keeps
    its raw text, has no interval, and never conflicts with anything.
    """

    type: Literal["date"] = "date"
    raw: str = Field(description="The date phrase as the article writes it.")
    resolved: bool = Field(description="Whether the phrase was placed on the calendar (start and end known).")
    precision: DatePrecision | None = Field(description="The unit the phrase names; null if unresolved.")
    start: str | None = Field(description="First day of the interval, YYYY-MM-DD; null if unresolved.")
    end: str | None = Field(description="Last day of the interval (inclusive), YYYY-MM-DD.")
    relative_to: str | None = Field(
        default=None, description="The publication date a relative phrase was resolved against."
    )

    def compatible_with(self, other: TypedValue, tolerance: float = 0.0) -> bool:
        """Whether both dates can be true: their days overlap; a date not on the calendar (or a
        value of another kind) is never evidence of a conflict. Dates take no tolerance."""
        if not isinstance(other, DateValue) or not (self.resolved and other.resolved):
            return True
        if None in (self.start, self.end, other.start, other.end):
            return True
        assert self.start and self.end and other.start and other.end
        return self.start <= other.end and other.start <= self.end

    def sort_key(self) -> str:
        """Where the date falls, for ordering values: its first day (unplaced dates first)."""
        return self.start or ""

    def interval_label(self) -> str:
        """The days the date stands for, or why it is not placed, in words."""
        if not self.resolved:
            raw = one_line(self.raw)
            return f"unresolved: “{raw}” needs the publication date, with its year, to be placed"
        relative = f", resolved against publication {self.relative_to}" if self.relative_to else ""
        return f"interval: {self.start} – {self.end}{relative}"


class QuantityValue(Frozen):
    """A number as an article states it, with its unit and the interval it stands for."""

    type: Literal["quantity"] = "quantity"
    raw: str = Field(description="The quantity phrase as the article writes it.")
    amount: float = Field(
        description="The stated number, magnitudes applied ('1.5bn' is 1500000000); for a range "
        "('between 3,000 and 4,000', qualifier 'range'), its lower end."
    )
    unit: str | None = Field(description="Currency code (USD, AUD, EUR, JPY, GBP) or unit; null if none.")
    qualifier: Qualifier
    low: float | None = Field(description="Lower bound of what the phrase allows; null if unbounded.")
    high: float | None = Field(description="Upper bound; null if unbounded.")

    def widened(self, tolerance: float) -> tuple[float | None, float | None]:
        """The bounds, each moved outwards by `tolerance` (a fraction) of itself; None: unbounded."""
        low = None if self.low is None else self.low - abs(self.low) * tolerance
        high = None if self.high is None else self.high + abs(self.high) * tolerance
        return low, high

    def compatible_with(self, other: TypedValue, tolerance: float = 0.0) -> bool:
        """Whether both amounts can be true: their widened intervals overlap. Amounts in
        different units (or a value of another kind) never conflict: no exchange rate is guessed."""
        if not isinstance(other, QuantityValue) or self.unit != other.unit:
            return True
        low, high = self.widened(tolerance)
        other_low, other_high = other.widened(tolerance)
        return (other_high is None or low is None or low <= other_high) and (
            high is None or other_low is None or other_low <= high
        )

    def sort_key(self) -> str:
        """Where the amount falls, for ordering values: its size, as text that sorts like it."""
        return f"{self.amount:030.6f}"

    def interval_label(self) -> str:
        """The bounds the phrase allows, its unit and its qualifier, in words."""
        low = "−∞" if self.low is None else f"{self.low:,.15g}"
        high = "∞" if self.high is None else f"{self.high:,.15g}"
        return f"interval: {low} – {high}{' ' + self.unit if self.unit else ''} ({self.qualifier})"


TypedValue = Annotated[DateValue | QuantityValue, Field(discriminator="type")]
"""The typed detail behind a claim's canonical value, for fields compared as intervals."""


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
    detail: TypedValue | None = Field(
        default=None, description="For date and quantity fields: the interval the value stands for."
    )


class Stance(Frozen):
    """A distinct (value, polarity) across the corpus, the articles that take it, its group."""

    value: str
    polarity: Polarity
    label: str
    articles: tuple[str, ...]
    group: int = Field(description="Stances in one group are mutually compatible.")
    in_conflict: bool = Field(
        default=False,
        description="Whether the stance plainly conflicts with another (time-separated excepted).",
    )
    record: RecordCheck | None = Field(
        default=None,
        description="Against the registry's terms of office, at its articles' times: consistent (the "
        "record bears it out), on_record (held at some time; an article's time is unknown), "
        "contradicted (not held then). Null where the registry records no terms for the field.",
    )
    independent_sources: int = Field(
        default=0,
        description="How many independent origins stand behind the articles: reposts and articles that "
        "attribute the claim to one outlet count once (see origins).",
    )
    origins: tuple[str, ...] = Field(
        default=(),
        description="The independent origins: the outlet a claim's sentence names as its source, else the "
        "article's wire source or outlet, else `article:ID` (the article is its own origin).",
    )


class ConflictPair(Frozen):
    """Two stances that cannot both be true, or (time_separated) need not be: see `kind`."""

    kind: PairKind = Field(
        default="conflict",
        description="time_separated: the values differ, but the articles were published so far apart "
        "(the field's compare.time_separated_days) that both can have been true at the time. "
        "progressed: stages of the field's compare.stages, the later one from the later article. "
        "against_record: the left stance names a holder or title that the registry's terms of "
        "office contradict at its articles' time (right: the record; `record` says it in words).",
    )
    left: str
    right: str
    left_articles: tuple[str, ...]
    right_articles: tuple[str, ...]
    left_published: tuple[str, ...] = Field(
        default=(), description="Publication dates (ISO) of the left articles, for time-separated pairs."
    )
    right_published: tuple[str, ...] = ()
    record: str | None = Field(
        default=None, description="against_record: the terms of office the value contradicts, in words."
    )


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
    conflicts: tuple[ConflictPair, ...] = Field(
        description="Conflicting pairs of stances, the first MAX_LISTED_PAIRS of them (see conflict_pairs)."
    )
    conflict_pairs: int = Field(
        default=0,
        description="How many pairs conflict in all; more than listed when the field has many values.",
    )
    coverage: tuple[ElementCoverage, ...]
    value_labels: dict[str, str] = Field(
        default_factory=dict,
        description="How values read in prose, where the rules say: an office's or a person's name.",
    )
    claims: tuple[Claim, ...]
    silent: tuple[str, ...] = Field(description="Articles that state nothing for this field.")


class Summary(Frozen):
    """Counts for the one-line summary."""

    articles: int
    fields: int
    conflicts: int
    time_separated: int
    agreements: int
    single_source: int
    silent: int
    progressed: int = Field(default=0, description="Fields whose values are stages reported in order.")
    not_read: int = Field(
        default=0,
        description="Files and entries of the corpus not read as articles, each named in a warning.",
    )


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

    schema_version: Literal[2] = SCHEMA_VERSION
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
