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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from aukus_check import __version__
from aukus_check.errors import AukusError, CorpusError, Location, UsageError
from aukus_check.exit_codes import INTERRUPTED, ExitCode
from aukus_check.render import BRIEFING_FORMATS, FORMATS, RenderOptions
from aukus_check.safe_text import printable

if TYPE_CHECKING:
    from aukus_check.cache import ArticleCache
    from aukus_check.config import Config
    from aukus_check.models import Diagnostic, Report
    from aukus_check.rules import RuleSet

app = typer.Typer(
    name="aukus-check",
    help="Tell, fact by fact, where a corpus of news articles agrees, conflicts or is silent.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _err(line: str) -> None:
    """One line on stderr; a closed or broken stderr loses the line, never changes the exit code."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(printable(line) + "\n")
        sys.stderr.flush()


_QUIET = [False]
"""Whether the running command was given --quiet (set at its start; run_cli resets it)."""


def _note(line: str) -> None:
    """A warning or a notice on stderr, unless --quiet: errors always go through _err."""
    if not _QUIET[0]:
        _err(line)


@contextmanager
def _input_errors() -> Iterator[None]:
    """Turn the core's typed errors into one line on stderr and exit code 2."""
    try:
        yield
    except AukusError as error:
        _err(str(error))
        for other in error.also:  # every fault of the file in one run, each on its line
            _err(str(other))
        raise typer.Exit(ExitCode.USAGE) from None
    except KeyboardInterrupt:  # not "findings": exit 1 is reserved for those
        _err("aukus-check: interrupted")
        raise typer.Exit(INTERRUPTED) from None


def _version(value: bool) -> None:
    if value:
        with _input_errors():
            _write_stdout(f"aukus-check {__version__}\n".encode())
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Tell, fact by fact, where a corpus of news articles agrees, conflicts or is silent."""


@dataclass(frozen=True)
class _Inputs:
    """The rules file and corpus directory a command reads, and how to show their paths."""

    rules_file: Path
    rules_display: str
    corpus_dir: Path
    corpus_display: str
    bundled_corpus: bool
    config: Config | None = None


def _config(path: Path | None) -> Config | None:
    """The configuration named by --config, else the one found above the working directory."""
    from aukus_check.config import find_config, load_config

    if path is not None:
        return load_config(path, str(path))
    found = find_config(Path.cwd())
    return load_config(found, _shown(found)) if found is not None else None


def _shown(path: Path) -> str:
    """A path from a configuration file as the user would write it: relative to the working
    directory when it lies below it."""
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        return path.as_posix()


def _inputs(corpus: Path | None, rules: Path | None, config_file: Path | None = None) -> _Inputs:
    """The corpus and rules: the flags, else the configuration's, else the bundled ones."""
    from aukus_check.resources import BUNDLED_CORPUS, BUNDLED_RULES, bundled_path

    config = _config(config_file)
    if corpus is None and config is not None and config.corpus is not None:
        corpus_dir, corpus_display = config.corpus, _shown(config.corpus)
    elif corpus is not None:
        corpus_dir, corpus_display = corpus, str(corpus).rstrip("/") or "/"
    else:
        corpus_dir, corpus_display = bundled_path(BUNDLED_CORPUS), BUNDLED_CORPUS
    if rules is None and config is not None and config.rules is not None:
        rules_file, rules_display = config.rules, _shown(config.rules)
    elif rules is not None:
        rules_file, rules_display = rules, str(rules)
    else:
        rules_file, rules_display = bundled_path(BUNDLED_RULES), BUNDLED_RULES
    bundled = corpus is None and (config is None or config.corpus is None)
    return _Inputs(rules_file, rules_display, corpus_dir, corpus_display, bundled, config)


def _chosen_corpus(inputs: _Inputs) -> None:
    """The gate reads only a corpus somebody named: a flag or a configuration file."""
    if inputs.bundled_corpus:
        where = f" ({inputs.config.display} names none)" if inputs.config is not None else ""
        raise UsageError(
            f"no corpus to check: give --corpus DIR or a configuration file that names one{where}",
            hint='name it in aukus-check.toml: corpus = "DIR" (see README "Configuration")',
        )


def _say_if_sample(inputs: _Inputs) -> None:
    """A view of the bundled sample says so, on stderr, so nobody mistakes it for their corpus."""
    if inputs.bundled_corpus:
        _note(
            "aukus-check: showing the bundled sample corpus (no --corpus given and no configuration "
            "file names one)"
        )


def _format_of(command: str, given: enum.Enum | None, choices: type[enum.Enum], inputs: _Inputs) -> str:
    """The --format given, else the configuration's default for the command, else the built-in one."""
    if given is not None:
        return str(given.value)
    config = inputs.config
    if config is not None and command in config.formats:
        name = config.formats[command]
        allowed = [member.value for member in choices]
        if name not in allowed:
            from aukus_check.config import ConfigError

            raise ConfigError(
                f"format.{command} = {name!r} is not a format of {command}",
                config.where(f"format.{command}"),
                hint=f"one of {', '.join(allowed)}",
            )
        return name
    return _DEFAULT_FORMATS[command]


_DEFAULT_FORMATS = {"report": "table", "check": "table", "export": "markdown"}
_CI_FORMATS = ("github", "sarif", "junit")
STATUSES = ("conflict", "time_separated", "progressed", "agree", "single", "per_article", "silent")


def _statuses(given: str | None, chosen: str) -> frozenset[str] | None:
    """--status as a set of statuses, checked; None when not given."""
    if given is None:
        return None
    if chosen != "table":
        raise UsageError(f"--status filters the table format, not {chosen}", hint="use --format table")
    names = [name.strip() for name in given.split(",") if name.strip()]
    unknown = [name for name in names if name not in STATUSES]
    if unknown or not names:
        raise UsageError(f"--status {given!r}: unknown status", hint=f"statuses: {', '.join(STATUSES)}")
    return frozenset(names)


def _ids(given: bool, chosen: str) -> bool:
    """--ids, checked: it changes only the table format."""
    if given and chosen != "table":
        raise UsageError(f"--ids changes the table format, not {chosen}", hint="use --format table")
    return given


def _summarized(chosen: str) -> bool:
    """Whether the github format's annotations beyond GitHub's limit go to the job summary."""
    return chosen == "github" and bool(os.environ.get("GITHUB_STEP_SUMMARY"))


def _write_step_summary(result: Report, options: RenderOptions) -> None:
    """Append every annotation, as a table, to the job summary when GitHub would drop some."""
    if not options.step_summary:
        return
    from aukus_check.render.github_format import summary

    text = summary(result, options)
    if not text:  # nothing folded: the annotations say it all
        return
    from aukus_check.writes import WriteError, reason

    path = os.environ["GITHUB_STEP_SUMMARY"]
    try:
        with open(path, "a", encoding="utf-8") as handle:  # the runner's file: added to, never replaced
            handle.write(text)
    except OSError as error:
        raise WriteError(f"cannot write the job summary: {reason(error)}", Location(path)) from None


def _load_rules(inputs: _Inputs) -> RuleSet:
    from aukus_check.rules import load_rules

    return load_rules(inputs.rules_file, inputs.rules_display)


def _cache_root(inputs: _Inputs, cache_dir: Path | None) -> Path | None:
    """The cache directory: --cache-dir, $AUKUS_CHECK_CACHE_DIR, the configuration's cache-dir,
    else .aukus-check-cache beside the corpus; None for the bundled sample (never written to)."""
    from aukus_check.cache import CACHE_DIR_NAME

    if cache_dir is not None:
        return cache_dir
    if os.environ.get("AUKUS_CHECK_CACHE_DIR", "").strip():
        return Path(os.environ["AUKUS_CHECK_CACHE_DIR"])
    if inputs.config is not None and inputs.config.cache_dir is not None:
        return inputs.config.cache_dir
    if inputs.bundled_corpus:
        return None
    return inputs.corpus_dir.absolute().parent / CACHE_DIR_NAME


def _cache(inputs: _Inputs, rule_set: RuleSet, cache_dir: Path | None, no_cache: bool) -> ArticleCache | None:
    """The extraction cache this run reads and writes, or None (--no-cache, bundled sample)."""
    if no_cache:
        return None
    root = _cache_root(inputs, cache_dir)
    if root is None:
        return None
    from aukus_check.cache import ArticleCache
    from aukus_check.reads import max_article_bytes

    return ArticleCache.open(root, rule_set.source_digest, max_article_bytes())


def _run_engine(
    inputs: _Inputs, rule_set: RuleSet, jobs: int | None, cache: ArticleCache | None = None
) -> Report:
    """Read the corpus (through the cache, if any) and compare; print the warnings to stderr."""
    import gc

    from aukus_check.runner import run

    # A run allocates millions of small, acyclic objects: the cyclic collector's passes over
    # that growing heap cost a quarter of the time and free nothing.
    gc.disable()
    try:
        with _progress_bar() as progress:
            report = run(
                inputs.corpus_dir,
                inputs.corpus_display,
                rule_set,
                inputs.rules_file,
                bundled=inputs.bundled_corpus,
                jobs=jobs,
                progress=progress,
                cache=cache,
            )
    finally:
        gc.freeze()  # the report lives to the end: keep later collections from walking it
        gc.enable()
    for diagnostic in report.diagnostics:
        _note(_diagnostic_line(diagnostic))  # warnings: input errors raise
    for line in cache.warnings if cache is not None else ():
        _note(f"warning: {line}")
    return report


def _diagnostic_line(diagnostic: Diagnostic) -> str:
    """ "corpus/a.txt:3:1: warning: ..." for stderr."""
    where = diagnostic.path
    if diagnostic.line is not None:
        where += f":{diagnostic.line}:{diagnostic.column}"
    return f"{where}: {diagnostic.severity}: {diagnostic.message}"


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A transient progress bar on stderr for long runs at a terminal; nothing otherwise."""
    if sys.stderr is None or not sys.stderr.isatty() or os.environ.get("CI"):
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
    """Write the rendered report to stdout, or to a file (see writes.write_file)."""
    if output is None:
        _write_stdout(data)
        return
    from aukus_check.writes import write_file

    write_file(output, data)
    _note(f"wrote {output}")


def _write_stdout(data: bytes) -> None:
    """Write to stdout; a closed, broken or full stdout is an output error (exit 2), never a
    traceback or the gate's exit 1."""
    from aukus_check.writes import WriteError, reason

    stream = sys.stdout
    if stream is None:  # started with stdout closed (`>&-`)
        raise WriteError("stdout is closed; nothing was written", Location("<stdout>"), hint="use -o FILE")
    try:
        buffer = getattr(stream, "buffer", None)
        stream.flush()
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:  # pragma: no cover - stdout replaced by a text-only stream
            stream.write(data.decode("utf-8"))
            stream.flush()
    except (OSError, ValueError) as error:
        # Nothing more can reach this stream: later flushes (at exit too) must not fail again.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the broken stream for good
        why = reason(error) if isinstance(error, OSError) else "stdout is closed"
        raise WriteError(f"cannot write: {why}", Location("<stdout>")) from None


class ColorChoice(enum.StrEnum):
    """--color: when the terminal table uses colour."""

    auto = "auto"
    always = "always"
    never = "never"


def _terminal(color: ColorChoice = ColorChoice.auto) -> tuple[bool, int]:
    """Whether to use colour, and the width to render at (fixed when not on a terminal).

    Colour: --color always/never decide; under auto, a non-empty NO_COLOR turns it off and a
    non-empty FORCE_COLOR on (no-color.org, force-color.org), else a terminal has it."""
    tty = sys.stdout is not None and sys.stdout.isatty()
    if color is not ColorChoice.auto:
        colored = color is ColorChoice.always
    elif os.environ.get("NO_COLOR"):
        colored = False
    elif os.environ.get("FORCE_COLOR"):
        colored = True
    else:
        colored = tty
    if tty:
        return colored, shutil.get_terminal_size(fallback=(120, 24)).columns
    try:
        width = int(os.environ.get("COLUMNS", "120"))
    except ValueError:
        width = 120
    return colored, max(width, 40)


OutputFormat = enum.Enum(  # type: ignore[misc]
    "OutputFormat", {name: name for name in sorted(FORMATS) if name not in BRIEFING_FORMATS}, type=str
)
"""The --format choices of `report`, taken from the renderer registry."""
BriefingFormat = enum.Enum("BriefingFormat", {name: name for name in BRIEFING_FORMATS}, type=str)  # type: ignore[misc]
"""The --format choices of `export`."""

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table (terminal), json, or for CI github (workflow commands), sarif, junit. "
        "[default: the configuration's, else table]",
        show_default=False,
    ),
]


CorpusOption = Annotated[
    Path | None,
    typer.Option(
        help="Directory of articles (.txt, .md, saved .html pages), read recursively. "
        "[default: the bundled seeds]"
    ),
]
RulesOption = Annotated[
    Path | None, typer.Option(help="Rules YAML file. [default: the bundled rules/aukus.yaml]")
]
ResolutionsOption = Annotated[
    Path | None,
    typer.Option(
        help="The resolution ledger. [default: resolutions.yaml beside the rules file]", dir_okay=False
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No warnings or notices on stderr; errors still go there.")
]
ColorOption = Annotated[
    ColorChoice,
    typer.Option(help="Colour in the terminal table: auto (a terminal, unless NO_COLOR), always, never."),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Configuration file (aukus-check.toml, or pyproject.toml with [tool.aukus-check]). "
        "[default: the nearest one at or above the working directory]",
        dir_okay=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.", dir_okay=False),
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Where each article's results are kept between runs, so an unchanged article is not "
        "read again. [default: $AUKUS_CHECK_CACHE_DIR, the configuration's cache-dir, else "
        ".aukus-check-cache beside the corpus; none for the bundled sample]",
        file_okay=False,
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Read every article; neither use nor update the cache.")
]
JobsOption = Annotated[
    int,
    typer.Option(
        min=0, help="Processes that read articles; 0 (default): one per CPU for corpora of 200+ articles."
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
    output_format: FormatOption = None,
    output: OutputOption = None,
    jobs: JobsOption = 0,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    config: ConfigOption = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS[,STATUS...]",
            help="Only the fields with these statuses, e.g. conflict or conflict,agree (table format).",
        ),
    ] = None,
    ids: Annotated[
        bool,
        typer.Option(
            "--ids",
            help="Show field ids and values as the rules write them, not labels and words (table format).",
        ),
    ] = False,
    quiet: QuietOption = False,
    color: ColorOption = ColorChoice.auto,
) -> None:
    """Report where the articles agree, conflict or are silent, field by field.

    Exits 0 whatever it finds (it is for looking, not for gating CI); 2 on bad input.
    """
    with _input_errors():
        inputs = _inputs(corpus, rules, config)
        chosen = _format_of("report", output_format, OutputFormat, inputs)
        _QUIET[0] = quiet
        if field is not None and chosen in _CI_FORMATS:
            raise UsageError(
                f"--field shows one field in the table or json format, not in {chosen}",
                hint=f"drop --field for {chosen}, or use --format table or json",
            )
        statuses = _statuses(status, chosen)
        show_ids = _ids(ids, chosen)
        rule_set = _load_rules(inputs)
        _check_field([f.id for f in rule_set.fields], field)  # before reading thousands of articles
        _say_if_sample(inputs)
        result = _run_engine(inputs, rule_set, jobs or None, _cache(inputs, rule_set, cache_dir, no_cache))
        colored, width = _terminal(color) if output is None else (color is ColorChoice.always, 120)
        options = RenderOptions(
            field=field,
            color=colored,
            width=width,
            step_summary=_summarized(chosen),
            statuses=statuses,
            ids=show_ids,
        )
        _emit(FORMATS[chosen](result, options), output)
        _write_step_summary(result, options)


class ExplainFormat(enum.StrEnum):
    """Output formats of `explain`."""

    text = "text"
    json = "json"


@app.command()
def explain(
    field: Annotated[str, typer.Argument(help="Field id to explain, e.g. japan.pillar2_status.")],
    article: Annotated[
        str | None,
        typer.Option(
            help="Only this article: its id (e.g. 004_e3055f70abc2c30a) or its label in the views (A5)."
        ),
    ] = None,
    corpus: CorpusOption = None,
    rules: RulesOption = None,
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="text, or json (one object per candidate).")
    ] = ExplainFormat.text,
    config: ConfigOption = None,
) -> None:
    """Show every candidate match of FIELD, the rule behind it, and why it was kept or dropped.

    Page furniture is scanned too, so a value set aside as furniture shows up with that reason.
    """
    with _input_errors():
        from aukus_check.corpus import load_corpus
        from aukus_check.explain import explain_article

        inputs = _inputs(corpus, rules, config)
        rule_set = _load_rules(inputs)
        _check_field([f.id for f in rule_set.fields], field)
        loaded = load_corpus(
            inputs.corpus_dir, inputs.corpus_display, rule_set.outlets, bundled=inputs.bundled_corpus
        )
        ids = [a.info.id for a in loaded.articles]
        labels = {f"A{position}": article_id for position, article_id in enumerate(ids, start=1)}
        if article is not None and article not in ids and article.upper() in labels:
            article = labels[article.upper()]  # the label the views print: "A3"
        if article is not None and article not in ids:
            close = difflib.get_close_matches(article, ids, n=1)
            raise UsageError(
                f"unknown article {article!r}",
                hint=f"did you mean {close[0]!r}?"
                if close
                else f"give an article id (its file name without extension) or its label, A1 to A{len(ids)}",
            )
        chosen = [a for a in loaded.articles if article is None or a.info.id == article]
        explained = [(a, explain_article(a, rule_set, field)) for a in chosen]
        if output_format is ExplainFormat.json:
            import json

            rows = [e.model_dump(mode="json") for _, found in explained for e in found]
            from aukus_check.safe_text import json_safe

            _emit(json_safe((json.dumps(rows, indent=2, ensure_ascii=False) + "\n").encode("utf-8")), None)
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


cache_app = typer.Typer(
    help="Look after the extraction cache: how big it is, or empty it.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")


def _chosen_cache(corpus: Path | None, cache_dir: Path | None, config: Path | None) -> Path:
    """The cache directory a `cache` command works on; a usage error for the bundled sample."""
    root = _cache_root(_inputs(corpus, None, config), cache_dir)
    if root is None:
        raise UsageError(
            "no cache to work on: the bundled sample is never cached",
            hint="give --cache-dir DIR, --corpus DIR or a configuration file",
        )
    return root


@cache_app.command("info")
def cache_info(
    corpus: CorpusOption = None,
    cache_dir: CacheDirOption = None,
    config: ConfigOption = None,
) -> None:
    """Print where the cache is, how many entries it holds and their size."""
    with _input_errors():
        from aukus_check.cache import entry_files, max_cache_bytes

        root = _chosen_cache(corpus, cache_dir, config)
        found = entry_files(root)
        size = sum(stat.st_size for _, stat in found)
        lines = [
            f"cache: {printable(str(root))}",
            f"entries: {len(found)}",
            f"size: {size:,} bytes (cap {max_cache_bytes():,})",
        ]
        _emit(("\n".join(lines) + "\n").encode("utf-8"), None)


@cache_app.command("clear")
def cache_clear(
    corpus: CorpusOption = None,
    cache_dir: CacheDirOption = None,
    config: ConfigOption = None,
) -> None:
    """Remove every cache entry (only files the cache wrote; the next run reads every article)."""
    with _input_errors():
        from aukus_check.cache import clear

        root = _chosen_cache(corpus, cache_dir, config)
        removed, freed = clear(root)
        _emit(f"removed {removed} entries ({freed:,} bytes) from {printable(str(root))}\n".encode(), None)


@app.command()
def text(
    path: Annotated[Path, typer.Argument(help="An article file, as evidence names it (corpus/page.html).")],
    numbered: Annotated[
        bool, typer.Option("--numbered", "-n", help="Number the lines, as evidence counts them.")
    ] = False,
) -> None:
    """Print an article as aukus-check reads it, so evidence's line:column can be followed.

    For a saved web page that is its main text under a front matter made of the page's metadata.
    Control and invisible characters print as visible escapes.
    """
    with _input_errors():
        from aukus_check.corpus import ArticleSource, shown_path, text_as_read
        from aukus_check.positions import LineIndex

        shown = shown_path(str(path))
        if not path.is_file():
            raise CorpusError("not an article file", Location(shown), hint="give the path evidence names")
        read, diagnostics = text_as_read(ArticleSource(path, shown, shown_path(path.stem)))
        for diagnostic in diagnostics:
            _note(_diagnostic_line(diagnostic))
        if read is None:
            raise CorpusError("nothing to show: the file is not read as an article", Location(shown))
        lines = LineIndex(read.text).lines()
        if lines and not lines[-1] and read.text.endswith("\n"):
            lines.pop()  # the text's final newline ends its last line; it opens none
        width = len(str(len(lines)))
        shown_lines = [
            f"{number:>{width}} │ {printable(line)}" if numbered else printable(line)
            for number, line in enumerate(lines, start=1)
        ]
        _emit(("\n".join(shown_lines) + "\n").encode("utf-8"), None)


rules_app = typer.Typer(
    help="Work on a rules file: run its examples, measure it against a reading, print its JSON Schema.",
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
    config: ConfigOption = None,
) -> None:
    """Run every rule's examples; exit 1 if any fails or a rule lacks examples, 0 otherwise."""
    with _input_errors():
        from aukus_check.ruletests import run_examples, untestable_rules, unused_rules

        inputs = _inputs(corpus, rules, config)
        rule_set = _load_rules(inputs)
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
            report = _run_engine(inputs, rule_set, None)
            corpus_display = inputs.corpus_display
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


class EvalFormat(enum.StrEnum):
    """Output formats of `rules eval`."""

    table = "table"
    json = "json"


@rules_app.command("eval")
def rules_eval(
    corpus: Annotated[Path, typer.Option(help="Directory of the articles the reading covers.")],
    gold: Annotated[
        Path,
        typer.Option(help="The reading (gold file) of that corpus; see README 'rules eval'.", dir_okay=False),
    ],
    rules: RulesOption = None,
    field: Annotated[str | None, typer.Option(help="Score only this field.")] = None,
    output_format: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="table (readable text) or json.")
    ] = EvalFormat.table,
    min_recall: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Exit 1 when overall recall is below this (a gate for CI)."),
    ] = None,
    min_precision: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Exit 1 when overall precision is below this."),
    ] = None,
) -> None:
    """Measure the rules against a reader's gold file: precision, recall and F1, every miss located.

    Exits 0 whatever the figures, unless --min-recall or --min-precision is given and not met (1);
    2 on bad input.
    """
    with _input_errors():
        from aukus_check.corpus import load_corpus
        from aukus_check.evaluation import below_floor, evaluate_corpus
        from aukus_check.gold import load_gold

        inputs = _inputs(corpus, rules)
        rule_set = _load_rules(inputs)
        _check_field([f.id for f in rule_set.fields], field)
        reading = load_gold(gold, str(gold))
        loaded = load_corpus(inputs.corpus_dir, inputs.corpus_display, rule_set.outlets)
        for diagnostic in loaded.diagnostics:
            _err(_diagnostic_line(diagnostic))
        result = evaluate_corpus(loaded, rule_set, reading, gold_display=str(gold), only_field=field)
        if output_format is EvalFormat.json:
            from aukus_check.render.eval_json import render as render_json

            _emit(render_json(result), None)
        else:
            from aukus_check.render.eval_table import render as render_table

            _emit(render_table(result), None)
        failures = below_floor(result, min_recall, min_precision)
    for failure in failures:
        _err(f"aukus-check rules eval: {failure}")
    if failures:
        raise typer.Exit(ExitCode.FINDINGS)


@rules_app.command("schema")
def rules_schema(
    markdown: Annotated[
        bool,
        typer.Option("--markdown", help="Print the rules reference (every key of every kind) as Markdown."),
    ] = False,
) -> None:
    """Print the JSON Schema of the rules file format (for an editor's YAML language server)."""
    if markdown:
        from aukus_check.rules_reference import reference_markdown

        _emit(reference_markdown().encode("utf-8"), None)
        return
    from aukus_check.rules import rules_json_schema_document

    _emit(rules_json_schema_document(), None)


def _ledger_location(inputs: _Inputs, resolutions: Path | None) -> tuple[Path, str]:
    """The ledger file and how to show it: --resolutions, else resolutions.yaml beside the rules."""
    from aukus_check.ledger import default_ledger_path

    if resolutions is not None:
        return resolutions, str(resolutions)
    if inputs.config is not None and inputs.config.resolutions is not None:
        return inputs.config.resolutions, _shown(inputs.config.resolutions)
    return default_ledger_path(inputs.rules_file), default_ledger_path(Path(inputs.rules_display)).as_posix()


@app.command()
def check(
    corpus: CorpusOption = None,
    rules: RulesOption = None,
    resolutions: ResolutionsOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="REV",
            help="Report only the conflicts that articles added or changed since this git revision touch.",
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="A stale ledger entry (matching no conflict) fails the gate too.")
    ] = False,
    output_format: FormatOption = None,
    output: OutputOption = None,
    jobs: JobsOption = 0,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    config: ConfigOption = None,
    quiet: QuietOption = False,
    color: ColorOption = ColorChoice.auto,
) -> None:
    """Gate CI: fail when a conflict has no recorded decision.

    Exits 0 when every conflict is resolved, 1 when any is not, 2 on bad input.
    """
    from aukus_check.gate import SinceScope, evaluate
    from aukus_check.ledger import load_ledger

    with _input_errors():
        _QUIET[0] = quiet
        inputs = _inputs(corpus, rules, config)
        _chosen_corpus(inputs)
        chosen = _format_of("check", output_format, OutputFormat, inputs)
        changes = None
        if since is not None:  # a bad revision fails before the corpus is read
            from aukus_check.since import changes_since

            changes = changes_since(inputs.corpus_dir, inputs.corpus_display, since)
        rule_set = _load_rules(inputs)
        ledger_file, ledger_display = _ledger_location(inputs, resolutions)
        # Validated against the rules before reading the corpus; an explicit file must exist.
        ledger = load_ledger(ledger_file, ledger_display, rule_set.fields, missing_ok=resolutions is None)
        result = _run_engine(inputs, rule_set, jobs or None, _cache(inputs, rule_set, cache_dir, no_cache))
        scope = None
        if changes is not None and since is not None:
            from aukus_check.since import ledger_fields_changed, rules_changed, touched_fields

            touched = set(touched_fields(result, rule_set, inputs.corpus_display, changes))
            new_rules = rules_changed(inputs.rules_file, changes)
            if new_rules:
                touched.update(field.id for field in rule_set.fields)
            touched |= ledger_fields_changed(ledger_file, ledger_display, changes, ledger, rule_set.fields)
            prefix = inputs.corpus_display.rstrip("/")
            scope = SinceScope(
                revision=since,
                commit=changes.commit,
                changed_articles=tuple(f"{prefix}/{change.path}" for change in changes.articles),
                rules_changed=new_rules,
                touched_fields=tuple(sorted(touched)),
            )
        gate = evaluate(result, ledger, strict=strict, since=scope)
        severity = "error" if strict else "warning"
        for entry in gate.stale:
            (_err if strict else _note)(
                f"{ledger_display}:{entry.line}: {severity}: stale resolution for {entry.field} "
                f"(values {', '.join(entry.values)}): no current conflict has exactly these values "
                f"(hint: remove the entry{'' if strict else '; --strict makes this an error'})"
            )
        if scope is not None:
            count = gate.summary.left_out
            _note(
                f"aukus-check: --since {since}: left out {count} older unresolved "
                f"conflict{'' if count == 1 else 's'} that no changed article touches"
                + (f" ({', '.join(gate.left_out)})" if count else "")
            )
        colored, width = _terminal(color) if output is None else (color is ColorChoice.always, 120)
        options = RenderOptions(color=colored, width=width, gate=gate, step_summary=_summarized(chosen))
        _emit(FORMATS[chosen](result, options), output)
        _write_step_summary(result, options)
    raise typer.Exit(ExitCode.OK if gate.passed else ExitCode.FINDINGS)


def _default_by() -> str:
    """Who records a decision when --by is not given: git's user.name, else the login name."""
    import getpass
    import subprocess

    try:
        name = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, check=False, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _decision_date(text: str | None) -> datetime.date:
    """--date, or today: the one clock aukus-check reads, for data the user asked to record."""
    if text is None:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--date {text!r} is not a date", hint="e.g. --date 2024-06-01") from None


@app.command()
def resolve(
    field: Annotated[
        str,
        typer.Argument(
            metavar="FIELD", help="The field whose conflict is decided, e.g. japan.pillar2_status."
        ),
    ],
    note: Annotated[str, typer.Option(metavar="TEXT", help="The rationale: why, from reading the articles.")],
    accept: Annotated[
        str | None,
        typer.Option(metavar="VALUE", help="The value judged right (one of the conflict's values)."),
    ] = None,
    compatible: Annotated[
        bool,
        typer.Option("--compatible", help="The values can all be true (time-separated, different scope)."),
    ] = False,
    reason: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="With --compatible: the short reason, e.g. 'different scope'. [default: the note]",
        ),
    ] = None,
    by: Annotated[
        str | None, typer.Option(metavar="NAME", help="Who decided. [default: git user.name, else the login]")
    ] = None,
    date: Annotated[
        str | None, typer.Option(metavar="YYYY-MM-DD", help="The date recorded. [default: today]")
    ] = None,
    corpus: CorpusOption = None,
    rules: RulesOption = None,
    resolutions: ResolutionsOption = None,
    jobs: JobsOption = 0,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    config: ConfigOption = None,
) -> None:
    """Record a decision on a field's conflict in the resolution ledger.

    The entry covers the conflict's current values; the file is rewritten atomically, under a
    lock, keeping its comments and the order of its entries.
    """
    from aukus_check.gate import field_conflict
    from aukus_check.ledger import Decision, NewResolution, known_values, load_ledger, normalize_value, record

    with _input_errors():
        if (accept is None) == (not compatible):
            raise UsageError("give exactly one of --accept VALUE and --compatible")
        if reason is not None and not compatible:
            raise UsageError("--reason goes with --compatible", hint="say why a value is right in --note")
        if not note.strip():
            raise UsageError("--note is empty", hint="say why, from reading the articles")
        day = _decision_date(date)
        inputs = _inputs(corpus, rules, config)
        rule_set = _load_rules(inputs)
        _check_field([f.id for f in rule_set.fields], field)
        ledger_file, ledger_display = _ledger_location(inputs, resolutions)
        if resolutions is None and "_bundled" in ledger_file.parts:
            raise UsageError(
                "the bundled rules' resolutions file is part of the installed package",
                hint="pass --resolutions FILE (and --rules, --corpus for your own corpus)",
            )
        load_ledger(ledger_file, ledger_display, rule_set.fields, missing_ok=True)  # fail before reading
        result = _run_engine(inputs, rule_set, jobs or None, _cache(inputs, rule_set, cache_dir, no_cache))
        field_result = result.field(field)
        assert field_result is not None, "checked against the rules above"
        conflict = field_conflict(field_result)
        if conflict is None:
            raise UsageError(
                f"{field} has no conflict in this corpus: nothing to resolve",
                hint=f"its status is {field_result.status}",
            )
        if accept is not None:
            value = normalize_value(accept)
            vocabulary = known_values(field_result) or frozenset()
            if value not in conflict.values and value not in vocabulary:
                raise UsageError(
                    f"--accept {accept!r} is neither one of the conflict's values "
                    f"nor in the vocabulary of {field}",
                    hint="the conflict's values: " + ", ".join(conflict.values),
                )
            decision = Decision(accept=value)
        else:
            decision = Decision(compatible=True, reason=(reason or note).strip())
        new = NewResolution(
            field=field,
            values=conflict.values,
            decision=decision,
            rationale=note.strip(),
            by=by.strip() if by and by.strip() else _default_by(),
            date=day,
        )
        recorded = record(ledger_file, ledger_display, new, rule_set.fields)
        entry = recorded.entry
        lines = [
            f"{ledger_display}:{entry.line}: recorded {field}: {printable(decision.describe())} "
            f"(covers {', '.join(entry.values)})"
        ]
        if recorded.replaced is not None:
            old = recorded.replaced
            lines.append(
                f"{ledger_display}:{entry.line}: it replaces the earlier decision "
                f"({printable(old.decision.describe())}; {printable(old.by)}, {old.date}; "
                f"values {', '.join(old.values)})"
            )
        from aukus_check.writes import WriteError

        try:
            _write_stdout(("\n".join(lines) + "\n").encode("utf-8"))
        except WriteError as error:  # the decision is in the ledger: say so with the failure
            error.hint = f"the decision was recorded in {ledger_display}"
            raise


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
def init(
    directory: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="Where to start the project. [default: .]", show_default=False),
    ] = Path("."),
) -> None:
    """Start a project: a configuration, an empty corpus, editable rules, an empty ledger, CI.

    Writes aukus-check.toml, corpus/, rules/aukus.yaml (a copy of the bundled rules),
    rules/resolutions.yaml, a GitHub workflow and a pre-commit configuration that use it, and
    adds aukus-check's lines to .gitignore. Never overwrites a file: if one exists, nothing is
    written and exit is 2.
    """
    with _input_errors():
        from aukus_check.project_init import init_project
        from aukus_check.resources import BUNDLED_RULES, bundled_path

        display = str(directory).rstrip("/") or "/"
        if os.path.lexists(directory) and not directory.is_dir():
            raise UsageError(f"{display} is not a directory")
        directory.mkdir(parents=True, exist_ok=True)
        rules_text = bundled_path(BUNDLED_RULES).read_text(encoding="utf-8")
        written = init_project(directory, display, rules_text)
        lines = [f"created {_shown_under(path, directory, display)}" for path in written.created]
        if written.gitignore is not None:
            lines.append(
                f"added aukus-check's lines to {_shown_under(written.gitignore, directory, display)}"
            )
        lines.append("next: put articles in corpus/, then run aukus-check check")
        _write_stdout(("\n".join(lines) + "\n").encode("utf-8"))


def _shown_under(path: Path, directory: Path, display: str) -> str:
    relative = path.relative_to(directory).as_posix()
    return relative if display == "." else f"{display}/{relative}"


@app.command()
def export(
    corpus: CorpusOption = None,
    rules: RulesOption = None,
    output_format: Annotated[
        BriefingFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown (CommonMark with tables) or html (one self-contained, printable page). "
            "[default: the configuration's, else markdown]",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    jobs: JobsOption = 0,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="The date the briefing states it was prepared on. [default: no date is stated]",
        ),
    ] = None,
    resolutions: ResolutionsOption = None,
    config: ConfigOption = None,
) -> None:
    """Write a briefing for readers who will not run the tool: conflicts first, every value quoted.

    Recorded resolutions (the ledger `check` reads) are shown under the conflicts they cover.
    Exits 0 whatever it finds; 2 on bad input.
    """
    from aukus_check.gate import evaluate
    from aukus_check.ledger import load_ledger
    from aukus_check.render import ResolutionNote

    with _input_errors():
        prepared = _briefing_date(date)  # before reading thousands of articles
        inputs = _inputs(corpus, rules, config)
        chosen = _format_of("export", output_format, BriefingFormat, inputs)
        rule_set = _load_rules(inputs)
        ledger_file, ledger_display = _ledger_location(inputs, resolutions)
        ledger = load_ledger(ledger_file, ledger_display, rule_set.fields, missing_ok=resolutions is None)
        _say_if_sample(inputs)
        result = _run_engine(inputs, rule_set, jobs or None, _cache(inputs, rule_set, cache_dir, no_cache))
        notes = {
            item.conflict.field: ResolutionNote(
                decision=_decision_words(item.resolution.decision.accept, item.resolution.decision.reason),
                rationale=item.resolution.rationale,
                by=item.resolution.by,
                date=item.resolution.date,
                accept=item.resolution.decision.accept,
            )
            for item in evaluate(result, ledger).resolved
        }
        data = FORMATS[chosen](result, RenderOptions(date=prepared, resolutions=notes))
        _emit(data, output)


def _decision_words(accept: str | None, reason: str | None) -> str:
    """A ledger decision in a reader's words: "accepted: under consideration"."""
    if accept is not None:
        return f"accepted: {accept.replace('_', ' ')}"
    return f"judged compatible: {reason}" if reason else "judged compatible"


def run_cli(argv: list[str] | None = None) -> int:
    """Run the app and return its exit code; a bug is exit 3 with one line, never 1 (findings)."""
    _QUIET[0] = False
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
    and achieves nothing, so once the output is flushed the process ends at once. Ctrl-C
    anywhere is exit 130 with one line, never a traceback.
    """
    try:
        code = run_cli()
    except KeyboardInterrupt:
        _err("aukus-check: interrupted")
        code = INTERRUPTED
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(int(code))
