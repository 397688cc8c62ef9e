"""The command line: the only module that prints and maps errors to exit codes.

Exit codes (aukus_check.exit_codes.ExitCode): 0 clean, 1 findings (only the gate command),
2 usage or input error, 3 a bug in aukus-check. stdout carries the report; warnings and
errors go to stderr, one line each.
"""

from __future__ import annotations

import contextlib
import difflib
import enum
import os
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
from aukus_check.render import FORMATS, RenderOptions
from aukus_check.safe_text import printable

if TYPE_CHECKING:
    from aukus_check.models import Report
    from aukus_check.rules import RuleSet

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


def _rules(rules: Path | None) -> tuple[RuleSet, Path]:
    """The given or bundled rules, loaded and compiled, and the file they came from."""
    from aukus_check.resources import BUNDLED_RULES, bundled_path
    from aukus_check.rules import load_rules

    rules_file = rules if rules is not None else bundled_path(BUNDLED_RULES)
    rules_display = str(rules) if rules is not None else BUNDLED_RULES
    return load_rules(rules_file, rules_display), rules_file


def _corpus(corpus: Path | None) -> tuple[Path, str]:
    """The given or bundled corpus directory, and how to name it in output."""
    from aukus_check.resources import BUNDLED_CORPUS, bundled_path

    if corpus is None:
        return bundled_path(BUNDLED_CORPUS), BUNDLED_CORPUS
    return corpus, str(corpus).rstrip("/") or "/"


def _run_engine(corpus: Path | None, rules: Path | None, jobs: int | None, field: str | None) -> Report:
    from aukus_check.engine import run

    rule_set, rules_file = _rules(rules)
    _check_field([f.id for f in rule_set.fields], field)  # before reading thousands of articles
    corpus_dir, corpus_display = _corpus(corpus)
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


OutputFormat = enum.Enum("OutputFormat", {name: name for name in sorted(FORMATS)}, type=str)  # type: ignore[misc]
"""The --format choices, taken from the renderer registry."""

FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table (terminal) or json (the whole report, see docs/report.schema.json).",
    ),
]


@app.command()
def report(
    corpus: Annotated[
        Path | None,
        typer.Option(help="Directory of .txt/.md articles, read recursively. [default: the bundled seeds]"),
    ] = None,
    rules: Annotated[
        Path | None, typer.Option(help="Rules YAML file. [default: the bundled rules/aukus.yaml]")
    ] = None,
    field: Annotated[
        str | None,
        typer.Option(help="Show one field in detail: every value, its quote and location."),
    ] = None,
    output_format: FormatOption = OutputFormat["table"],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of stdout.",
            dir_okay=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            min=0,
            help="Processes that read articles; 0 (default): one per CPU for corpora of 200+ articles.",
        ),
    ] = 0,
) -> None:
    """Report where the articles agree, conflict or are silent, field by field.

    Exits 0 whatever it finds (it is for looking, not for gating CI); 2 on bad input.
    """
    with _input_errors():
        result = _load_report(corpus, rules, jobs or None, field)
        color, width = _terminal() if output is None else (False, 120)
        data = FORMATS[output_format.value](result, RenderOptions(field=field, color=color, width=width))
        _emit(data, output)


CorpusOption = Annotated[
    Path | None,
    typer.Option(help="Directory of .txt/.md articles, read recursively. [default: the bundled seeds]"),
]
RulesOption = Annotated[
    Path | None, typer.Option(help="Rules YAML file. [default: the bundled rules/aukus.yaml]")
]


class ExplainFormat(enum.StrEnum):
    """Output formats of `explain`."""

    text = "text"
    json = "json"


@app.command()
def explain(
    field: Annotated[str, typer.Argument(help="Field id to explain, e.g. japan.pillar2_status.")],
    article: Annotated[
        str | None, typer.Option(help="Only this article (its id, e.g. 004_e3055f70abc2c30a).")
    ] = None,
    corpus: CorpusOption = None,
    rules: RulesOption = None,
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="text, or json (one object per candidate).")
    ] = ExplainFormat.text,
) -> None:
    """Show every candidate match of FIELD, the rule behind it, and why it was kept or dropped.

    Page furniture is scanned too, so a value set aside as furniture shows up with that reason.
    """
    with _input_errors():
        from aukus_check.corpus import load_corpus
        from aukus_check.explain import explain_article

        rule_set, _ = _rules(rules)
        _check_field([f.id for f in rule_set.fields], field)
        corpus_dir, corpus_display = _corpus(corpus)
        loaded = load_corpus(corpus_dir, corpus_display, rule_set.outlets, bundled=corpus is None)
        ids = [a.info.id for a in loaded.articles]
        if article is not None and article not in ids:
            close = difflib.get_close_matches(article, ids, n=1)
            raise UsageError(
                f"unknown article {article!r}",
                hint=f"did you mean {close[0]!r}?"
                if close
                else "article ids are file names without extension",
            )
        chosen = [a for a in loaded.articles if article is None or a.info.id == article]
        explained = [(a, explain_article(a, rule_set, field)) for a in chosen]
        if output_format is ExplainFormat.json:
            import json

            rows = [e.model_dump(mode="json") for _, found in explained for e in found]
            _emit((json.dumps(rows, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), None)
            return
        definition = rule_set.field(field)
        assert definition is not None
        lines = [f"{field} — {definition.label}"]
        for item, found in explained:
            kept = sum(e.kept for e in found)
            lines.append("")
            lines.append(f"{item.info.id} · {item.info.path} · {len(found)} candidates, {kept} kept")
            for e in found:
                verdict = "kept   " if e.kept else "dropped"
                value = e.value if e.value is not None else "—"
                modality = f" ({e.modality}{', hedged' if e.hedged else ''})" if e.kept and e.modality else ""
                lines.append(
                    f"  {e.line}:{e.column}  {verdict}  {value}{modality}  · rule {e.rule.name} "
                    f"({rule_set.path}:{e.rule.line})"
                )
                lines.append(f"      match: “{printable(e.text)}”")
                if e.cues:
                    lines.append(
                        "      cues: " + ", ".join(f"{c.kind} “{printable(c.text)}”" for c in e.cues)
                    )
                if e.reason:
                    lines.append(f"      why dropped: {printable(e.reason)}")
                lines.append(f"      sentence: “{printable(e.sentence)}”")
        _emit(("\n".join(lines) + "\n").encode("utf-8"), None)


rules_app = typer.Typer(
    help="Work on a rules file: run its examples, print its JSON Schema.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(rules_app, name="rules")


@rules_app.command("test")
def rules_test(
    rules: RulesOption = None,
    coverage: Annotated[
        bool, typer.Option("--coverage", help="Also name the rules that never fire on the corpus.")
    ] = False,
    corpus: CorpusOption = None,
) -> None:
    """Run every rule's examples; exit 1 if any fails or a rule lacks examples, 0 otherwise."""
    with _input_errors():
        from aukus_check.ruletests import run_examples, untestable_rules, unused_rules

        rule_set, _ = _rules(rules)
        out: list[str] = []
        outcomes = list(run_examples(rule_set))
        failed = [o for o in outcomes if not o.passed]
        for outcome in failed:
            expected = ", ".join(outcome.expected) or "nothing"
            found = ", ".join(outcome.found) or "nothing"
            out.append(
                f"{outcome.location}: field {outcome.field_id!r} rule {outcome.rule.name!r}: "
                f"expected {expected}; read {found}"
            )
            out.append(f"    text: “{printable(outcome.text)}”")
        problems = list(untestable_rules(rule_set))
        for problem in problems:
            out.append(
                f"{rule_set.path}:{problem.rule.line}:{problem.rule.column}: field {problem.field_id!r} "
                f"rule {problem.rule.name!r} {problem.message}"
            )
        rule_count = len({(r.extractor.line, r.extractor.column) for r in rule_set.examples})
        lacking = len({(p.rule.line, p.rule.column) for p in problems})
        out.append(
            f"{rule_count} rules, {len(outcomes)} examples: {len(outcomes) - len(failed)} passed, "
            f"{len(failed)} failed; {lacking} rules lack examples"
        )
        if coverage:
            from aukus_check.engine import run

            corpus_dir, corpus_display = _corpus(corpus)
            report = run(corpus_dir, corpus_display, rule_set, _rules(rules)[1], bundled=corpus is None)
            unused = list(unused_rules(report, rule_set))
            for field_id, rule in unused:
                out.append(
                    f"{rule_set.path}:{rule.line}:{rule.column}: field {field_id!r} rule {rule.name!r} "
                    f"never fires on corpus {corpus_display}"
                )
            out.append(f"coverage: {rule_count - len(unused)} of {rule_count} rules fire on {corpus_display}")
        _emit(("\n".join(out) + "\n").encode("utf-8"), None)
        if failed or problems:
            raise typer.Exit(ExitCode.FINDINGS)


@rules_app.command("schema")
def rules_schema() -> None:
    """Print the JSON Schema of the rules file format (for an editor's YAML language server)."""
    from aukus_check.rules import rules_json_schema_document

    _emit(rules_json_schema_document(), None)


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
