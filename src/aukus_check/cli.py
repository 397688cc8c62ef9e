"""The command line: the only module that prints and maps errors to exit codes.

Exit codes (aukus_check.exit_codes.ExitCode): 0 clean, 1 findings (only the gate command),
2 usage or input error, 3 a bug in aukus-check. stdout carries the report; warnings and
errors go to stderr, one line each.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import enum
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from aukus_check import __version__
from aukus_check.errors import AukusError, UsageError
from aukus_check.exit_codes import ExitCode
from aukus_check.render import BRIEFING_FORMATS, FORMATS, RenderOptions
from aukus_check.safe_text import printable

if TYPE_CHECKING:
    from aukus_check.models import Report

app = typer.Typer(
    name="aukus-check",
    help="Tell, fact by fact, where a corpus of news articles agrees, conflicts or is silent.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _err(line: str) -> None:
    sys.stderr.write(printable(line) + "\n")
    sys.stderr.flush()


@contextmanager
def _input_errors() -> Iterator[None]:
    """Turn the core's typed errors into one line on stderr and exit code 2."""
    try:
        yield
    except AukusError as error:
        _err(str(error))
        raise typer.Exit(ExitCode.USAGE) from None
    except KeyboardInterrupt:  # not "findings": exit 1 is reserved for those
        _err("aukus-check: interrupted")
        raise typer.Exit(130) from None


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"aukus-check {__version__}\n")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Tell, fact by fact, where a corpus of news articles agrees, conflicts or is silent."""


def _load_report(
    corpus: Path | None, rules: Path | None, jobs: int | None = None, field: str | None = None
) -> Report:
    """Run the engine on the given or bundled corpus and rules; print warnings to stderr."""
    import gc

    # A run allocates millions of small, acyclic objects: the cyclic collector's passes over
    # that growing heap cost a quarter of the time and free nothing.
    gc.disable()
    try:
        return _run_engine(corpus, rules, jobs, field)
    finally:
        gc.freeze()  # the report lives to the end: keep later collections from walking it
        gc.enable()


def _run_engine(corpus: Path | None, rules: Path | None, jobs: int | None, field: str | None) -> Report:
    from aukus_check.engine import run
    from aukus_check.resources import BUNDLED_CORPUS, BUNDLED_RULES, bundled_path
    from aukus_check.rules import load_rules

    rules_file = rules if rules is not None else bundled_path(BUNDLED_RULES)
    rules_display = str(rules) if rules is not None else BUNDLED_RULES
    rule_set = load_rules(rules_file, rules_display)
    _check_field([f.id for f in rule_set.fields], field)  # before reading thousands of articles
    corpus_dir = corpus if corpus is not None else bundled_path(BUNDLED_CORPUS)
    corpus_display = (str(corpus).rstrip("/") or "/") if corpus is not None else BUNDLED_CORPUS
    with _progress_bar() as progress:
        report = run(
            corpus_dir,
            corpus_display,
            rule_set,
            rules_file,
            bundled=corpus is None,
            jobs=jobs,
            progress=progress,
        )
    for diagnostic in report.diagnostics:
        where = diagnostic.path
        if diagnostic.line is not None:
            where += f":{diagnostic.line}:{diagnostic.column}"
        _err(f"{where}: {diagnostic.severity}: {diagnostic.message}")
    return report


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A transient progress bar on stderr for long runs at a terminal; nothing otherwise."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("reading articles"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("read", total=None)

        def advance(done: int, total: int) -> None:
            if done % 50 == 0 or done == total:  # redrawing per article would cost more than reading
                bar.update(task, completed=done, total=total)

        yield advance


def _check_field(known: list[str], field: str | None) -> None:
    if field is None or field in known:
        return
    close = difflib.get_close_matches(field, known, n=1)
    hint = f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(known)}"
    raise UsageError(f"unknown field {field!r}", hint=hint)


def _emit(data: bytes, output: Path | None) -> None:
    """Write the rendered report to stdout, or atomically to a file."""
    if output is None:
        stream = getattr(sys.stdout, "buffer", None)
        try:
            if stream is not None:
                sys.stdout.flush()
                stream.write(data)
                stream.flush()
            else:  # pragma: no cover - stdout replaced by a text-only stream
                sys.stdout.write(data.decode("utf-8"))
        except BrokenPipeError:  # `aukus-check report | head`: the reader has seen enough
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream for good
        return
    from aukus_check.atomic import write_atomic

    write_atomic(output, data)
    _err(f"wrote {output}")


def _terminal() -> tuple[bool, int]:
    """Whether to use colour, and the width to render at (fixed when not on a terminal)."""
    if sys.stdout.isatty():
        color = "NO_COLOR" not in os.environ
        return color, shutil.get_terminal_size(fallback=(120, 24)).columns
    try:
        width = int(os.environ.get("COLUMNS", "120"))
    except ValueError:
        width = 120
    return False, max(width, 40)


OutputFormat = enum.Enum(  # type: ignore[misc]
    "OutputFormat", {name: name for name in sorted(FORMATS) if name not in BRIEFING_FORMATS}, type=str
)
"""The --format choices of `report`, taken from the renderer registry."""
BriefingFormat = enum.Enum("BriefingFormat", {name: name for name in BRIEFING_FORMATS}, type=str)  # type: ignore[misc]
"""The --format choices of `export`."""

FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table (terminal) or json (the whole report, see docs/report.schema.json).",
    ),
]
CorpusOption = Annotated[
    Path | None,
    typer.Option(help="Directory of .txt/.md articles, read recursively. [default: the bundled seeds]"),
]
RulesOption = Annotated[
    Path | None, typer.Option(help="Rules YAML file. [default: the bundled rules/aukus.yaml]")
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout.",
        dir_okay=False,
    ),
]
JobsOption = Annotated[
    int,
    typer.Option(
        min=0,
        help="Processes that read articles; 0 (default): one per CPU for corpora of 200+ articles.",
    ),
]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@app.command()
def report(
    corpus: CorpusOption = None,
    rules: RulesOption = None,
    field: Annotated[
        str | None,
        typer.Option(help="Show one field in detail: every value, its quote and location."),
    ] = None,
    output_format: FormatOption = OutputFormat["table"],
    output: OutputOption = None,
    jobs: JobsOption = 0,
) -> None:
    """Report where the articles agree, conflict or are silent, field by field.

    Exits 0 whatever it finds (it is for looking, not for gating CI); 2 on bad input.
    """
    with _input_errors():
        result = _load_report(corpus, rules, jobs or None, field)
        color, width = _terminal() if output is None else (False, 120)
        data = FORMATS[output_format.value](result, RenderOptions(field=field, color=color, width=width))
        _emit(data, output)


def _briefing_date(value: str | None) -> datetime.date | None:
    """The --date value as a date; a typo is an input error, never silently the clock."""
    if value is None:
        return None
    hint = "give the date as YYYY-MM-DD, e.g. 2024-06-01"
    if not _ISO_DATE.fullmatch(value):
        raise UsageError(f"--date {value!r} is not a date", hint=hint)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise UsageError(f"--date {value!r} is not a date: {error}", hint=hint) from None


@app.command()
def export(
    corpus: CorpusOption = None,
    rules: RulesOption = None,
    output_format: Annotated[
        BriefingFormat,
        typer.Option(
            "--format",
            "-f",
            help="markdown (CommonMark with tables) or html (one self-contained, printable page).",
        ),
    ] = BriefingFormat["markdown"],
    output: OutputOption = None,
    jobs: JobsOption = 0,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="The date the briefing states it was prepared on. [default: no date is stated]",
        ),
    ] = None,
) -> None:
    """Write a briefing for readers who will not run the tool: conflicts first, every value quoted.

    Exits 0 whatever it finds; 2 on bad input.
    """
    with _input_errors():
        prepared = _briefing_date(date)  # before reading thousands of articles
        result = _load_report(corpus, rules, jobs or None)
        data = FORMATS[output_format.value](result, RenderOptions(date=prepared))
        _emit(data, output)


def run_cli(argv: list[str] | None = None) -> int:
    """Run the app and return its exit code; a bug is exit 3 with one line, never 1 (findings)."""
    try:
        app(args=argv, prog_name="aukus-check")
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else ExitCode.USAGE if stop.code else ExitCode.OK
    except Exception as error:
        if os.environ.get("AUKUS_CHECK_TRACEBACK"):
            raise
        _err(f"aukus-check: internal error: {type(error).__name__}: {error}")
        _err("aukus-check: this is a bug; set AUKUS_CHECK_TRACEBACK=1 to see where it happened")
        return ExitCode.INTERNAL
    return ExitCode.OK


def main() -> NoReturn:
    """Console entry point: run, flush, and exit without tearing down the report's objects.

    Freeing the objects of a large report one by one at interpreter shutdown takes seconds
    and achieves nothing, so once the output is flushed the process ends at once.
    """
    code = run_cli()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(int(code))
