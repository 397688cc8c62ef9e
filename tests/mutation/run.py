"""Mutation testing of aukus-check's core modules with mutmut, on demand (never in CI).

    .venv/bin/python tests/mutation/run.py                      # every core module
    .venv/bin/python tests/mutation/run.py --module gate        # one (repeatable)
    .venv/bin/python tests/mutation/run.py --report-only        # the last results, no run
    .venv/bin/python tests/mutation/run.py --unkilled-only      # rerun what the last run left
    .venv/bin/python tests/mutation/run.py --survivors-only     # rerun the last survivors
    .venv/bin/python tests/mutation/run.py --max-children 2     # worker processes (default 1)

mutmut is configured in pyproject.toml ([tool.mutmut]) and installed with the `mutation`
extra (`pip install -e '.[mutation]'`). It copies the source and tests into mutants/,
rewrites every function of the core modules into numbered mutants, finds which tests run each
function, and runs those tests against each mutant. This script runs it, then prints per
module: mutants, killed, survived, timeout, no tests, other, and the kill rate, defined as

    kill rate = (killed + timeout) / mutants

over every mutant generated (a mutant no test reaches, or one mutmut could not classify,
counts against the rate; a timeout counts as killed: the mutant hung a test that was
bounded). Each survivor must be listed in tests/mutation/survivors.yaml with the reason it is
equivalent (no test can tell it from the original) or accepted (a test could, and why it is not
worth writing). The script exits 1 when a survivor is not listed there or when a module run
scores below 85%, 2 on a usage error or when mutmut itself fails.

Results accumulate in mutants/ (git-ignored): `--module` reruns that module's mutants only and
`--report-only` reports what is there. mutmut copies the source once and refreshes only the
core modules afterwards, so before each run the script copies the rest of src/ over again
(a stale helper module would make the mutants lie). Delete mutants/ to start afresh.

Standard library, subprocess, and PyYAML (a dependency of aukus-check itself) for the survivors
file.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SURVIVORS = Path(__file__).resolve().parent / "survivors.yaml"
THRESHOLD = 0.85
PACKAGE = "src/aukus_check"

MODULES: dict[str, tuple[str, ...]] = {
    "exit_codes": ("exit_codes.py",),
    "safe_text": ("safe_text.py",),
    "gate": ("gate.py",),
    "ledger": ("ledger.py",),
    "compare": ("compare.py", "compare_sweep.py", "compare_time.py"),
    "modality": ("modality.py",),
    "quantity": ("extractors/quantity.py",),
    "date": ("extractors/date.py",),
    "official": ("extractors/official.py",),
    "stance": ("extractors/stance.py",),
}
"""The core, by the names --module takes, each with its source files under src/aukus_check."""

KILLED = {"killed", "timeout", "caught by type check"}
STATUS_BY_EXIT_CODE: dict[int | None, str] = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    2: "interrupted",
    None: "not checked",
    34: "skipped",
    35: "suspicious",
    36: "timeout",
    37: "caught by type check",
    -24: "timeout",
    24: "timeout",
    152: "timeout",
    255: "timeout",
    -11: "segfault",
    -9: "segfault",
}
"""mutmut 3's meaning of each recorded exit code (mutmut/stats.py); anything else is suspicious."""


def status_of(exit_code: int | None) -> str:
    return STATUS_BY_EXIT_CODE.get(exit_code, "suspicious")


def module_of_path(relative: str) -> str | None:
    """The --module name a source path (relative to src/aukus_check) belongs to."""
    for name, files in MODULES.items():
        if relative in files:
            return name
    return None


def dotted(relative: str) -> str:
    """aukus_check.extractors.date for extractors/date.py: the prefix of its mutants' names."""
    return "aukus_check." + relative.removesuffix(".py").replace("/", ".")


def mutant_globs(module: str) -> list[str]:
    """The names mutmut run takes to rerun every mutant of a module."""
    return [dotted(relative) + ".*" for relative in MODULES[module]]


@dataclass
class Tally:
    """A module's mutants by status."""

    module: str
    statuses: dict[str, str] = field(default_factory=dict)  # mutant name -> status
    generated: bool = False  # mutmut has made this module's mutants (perhaps none)

    def count(self, *statuses: str) -> int:
        return sum(1 for status in self.statuses.values() if status in statuses)

    @property
    def total(self) -> int:
        return len(self.statuses)

    @property
    def killed(self) -> int:
        return self.count("killed", "caught by type check")

    @property
    def timeout(self) -> int:
        return self.count("timeout")

    @property
    def survived(self) -> int:
        return self.count("survived")

    @property
    def no_tests(self) -> int:
        return self.count("no tests")

    @property
    def not_checked(self) -> int:
        return self.count("not checked")

    @property
    def other(self) -> int:
        return self.total - self.killed - self.timeout - self.survived - self.no_tests - self.not_checked

    @property
    def rate(self) -> float | None:
        """(killed + timeout) / mutants; None for a module with no mutant."""
        return (self.killed + self.timeout) / self.total if self.total else None

    @property
    def checked_rate(self) -> float | None:
        """(killed + timeout) / mutants checked: the rate so far of a run not finished."""
        checked = self.total - self.not_checked
        return (self.killed + self.timeout) / checked if checked else None

    @property
    def was_run(self) -> bool:
        return self.total > 0 and self.not_checked < self.total

    def unkilled(self) -> list[str]:
        return sorted(name for name, status in self.statuses.items() if status not in KILLED)

    def survivors(self) -> list[str]:
        return sorted(name for name, status in self.statuses.items() if status == "survived")


def tally_from_meta(metas: Mapping[str, Mapping[str, object]]) -> dict[str, Tally]:
    """Tallies per module from mutmut's .meta files, keyed by path relative to src/aukus_check."""
    tallies = {name: Tally(name) for name in MODULES}
    for relative, meta in metas.items():
        module = module_of_path(relative)
        if module is None:
            continue
        codes = meta.get("exit_code_by_key", {})
        assert isinstance(codes, dict)
        tallies[module].generated = True
        for name, code in codes.items():
            tallies[module].statuses[name] = status_of(code)
    return tallies


def read_metas(root: Path) -> dict[str, dict[str, object]]:
    metas: dict[str, dict[str, object]] = {}
    for files in MODULES.values():
        for relative in files:
            path = root / "mutants" / PACKAGE / (relative + ".meta")
            if path.is_file():
                metas[relative] = json.loads(path.read_text("utf-8"))
    return metas


# --- the survivors file -------------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """One entry of survivors.yaml."""

    module: str
    mutant: str
    diff: str
    reason: str


def parse_survivors(data: object) -> list[Listed]:
    """The entries of survivors.yaml; ValueError names what is wrong with the file."""
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) - {"survivors"}:
        raise ValueError("survivors.yaml must be a mapping with one key, 'survivors'")
    items = data.get("survivors") or []
    if not isinstance(items, list):
        raise ValueError("'survivors' must be a list")
    listed: list[Listed] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not isinstance(item, dict) or set(item) != {"module", "mutant", "diff", "reason"}:
            raise ValueError(f"survivor {index + 1}: needs exactly module, mutant, diff and reason")
        values = {key: item[key] for key in ("module", "mutant", "diff", "reason")}
        for key, value in values.items():
            if not isinstance(value, str) or not value.strip():
                raise ValueError(f"survivor {index + 1}: {key} must be non-empty text")
        if values["module"] not in MODULES:
            raise ValueError(f"survivor {index + 1}: unknown module {values['module']!r}")
        if values["mutant"] in seen:
            raise ValueError(f"survivor {index + 1}: {values['mutant']} is listed twice")
        seen.add(values["mutant"])
        listed.append(Listed(**{key: value.strip() for key, value in values.items()}))
    return listed


def load_survivors(path: Path | None = None) -> list[Listed]:
    import yaml

    path = path or SURVIVORS
    if not path.is_file():
        return []
    return parse_survivors(yaml.safe_load(path.read_text("utf-8")))


def one_line_diff(diff: str) -> str:
    """A mutant's diff (mutmut show) as one line: the removed and added lines, stripped."""
    removed, added = [], []
    for line in diff.splitlines():
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("-"):
            removed.append(" ".join(line[1:].split()))
        elif line.startswith("+"):
            added.append(" ".join(line[1:].split()))
    return f"- {' / '.join(removed)}  + {' / '.join(added)}"


@dataclass
class Check:
    """Survivors against the list: which are accounted for, which are not, which entries are stale."""

    listed: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    renumbered: dict[str, str] = field(default_factory=dict)  # survivor -> the entry it matched
    stale: list[Listed] = field(default_factory=list)


def check_survivors(
    tallies: Mapping[str, Tally],
    entries: Sequence[Listed],
    diffs: Mapping[str, str],
) -> Check:
    """Match each survivor by its name, else by module and one-line diff (source edits renumber
    mutants). Entries of modules that were run and match no survivor are stale."""
    result = Check()
    by_name = {entry.mutant: entry for entry in entries}
    used: set[str] = set()
    for module, tally in tallies.items():
        for name in tally.survivors():
            entry = by_name.get(name)
            if entry is not None and entry.module == module:
                result.listed.append(name)
                used.add(entry.mutant)
                continue
            same = [
                e
                for e in entries
                if e.module == module and e.mutant not in used and diffs.get(name) == e.diff
            ]
            if same:
                result.renumbered[name] = same[0].mutant
                used.add(same[0].mutant)
            else:
                result.unlisted.append(name)
    run = {module for module, tally in tallies.items() if tally.was_run}
    result.stale = [e for e in entries if e.module in run and e.mutant not in used]
    return result


# --- reporting ----------------------------------------------------------------------------------


def percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{100 * rate:.1f}%"


def table(tallies: Iterable[Tally]) -> str:
    rows = [("module", "mutants", "killed", "survived", "timeout", "no tests", "other", "kill rate")]
    for t in tallies:
        if t.generated and t.total == 0:
            rows.append((t.module, "0", "", "", "", "", "", "no function to mutate"))
            continue
        if not t.was_run:
            rows.append((t.module, str(t.total) if t.total else "-", "", "", "", "", "", "not run"))
            continue
        rows.append(
            (
                t.module,
                str(t.total),
                str(t.killed),
                str(t.survived),
                str(t.timeout),
                str(t.no_tests),
                str(t.other + t.not_checked),
                percent(t.rate)
                if not t.not_checked
                else f"{percent(t.checked_rate)} of {t.total - t.not_checked} checked",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def verdict(tallies: Mapping[str, Tally], modules: Sequence[str], check: Check) -> list[str]:
    """Why the run fails; empty when it passes."""
    problems = []
    for module in modules:
        t = tallies[module]
        if t.was_run and t.not_checked:
            problems.append(f"{module}: {t.not_checked} mutants not checked (the run was cut short)")
        elif t.was_run and t.rate is not None and t.rate < THRESHOLD:
            problems.append(f"{module}: kill rate {percent(t.rate)} is below {percent(THRESHOLD)}")
    problems.extend(f"survivor not in survivors.yaml: {name}" for name in check.unlisted)
    return problems


# --- running mutmut -----------------------------------------------------------------------------


def sync_unmutated_sources(root: Path) -> None:
    """Copy every file of src/ that mutmut does not mutate into mutants/src again, and remove
    copies whose source is gone: mutmut copies them only once, when mutants/src is first made."""
    core = {f"{PACKAGE}/{relative}" for files in MODULES.values() for relative in files}
    source, target = root / "src", root / "mutants" / "src"
    if not target.is_dir():
        return
    for path in source.rglob("*"):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or relative in core or "__pycache__" in path.parts:
            continue
        copy = root / "mutants" / relative
        if not copy.is_file() or not filecmp.cmp(path, copy, shallow=False):
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
    for copy in target.rglob("*.py"):
        relative = copy.relative_to(root / "mutants").as_posix()
        if relative not in core and not (root / relative).exists() and "__pycache__" not in copy.parts:
            copy.unlink()


def mutmut(root: Path, *args: str, echo: bool = False) -> subprocess.CompletedProcess[str]:
    """Run mutmut in the repository; with echo, pass its output on as it comes."""
    command = [sys.executable, "-m", "mutmut", *args]
    if not echo:
        return subprocess.run(command, cwd=root, text=True, capture_output=True, check=False)
    lines: list[str] = []
    with subprocess.Popen(
        command, cwd=root, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, errors="replace"
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line[:1] and "\u2800" <= line[0] <= "\u28ff":  # a frame of mutmut's spinner
                continue
            sys.stdout.write(line)
            sys.stdout.flush()
            lines.append(line)
            del lines[:-200]
    return subprocess.CompletedProcess(command, process.returncode, "".join(lines), "")


def show_diffs(root: Path, names: Iterable[str]) -> dict[str, str]:
    diffs = {}
    for name in names:
        shown = mutmut(root, "show", name)
        diffs[name] = one_line_diff(shown.stdout) if shown.returncode == 0 else "(mutmut show failed)"
    return diffs


def git_state(root: Path) -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, text=True, capture_output=True, check=False)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "src")
    return f"commit {head}, src/ {'with uncommitted changes' if dirty else 'clean'}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--module", action="append", choices=sorted(MODULES), help="run only this module")
    parser.add_argument("--max-children", type=int, default=1, help="mutmut worker processes (default 1)")
    parser.add_argument("--report-only", action="store_true", help="report the last results, run nothing")
    parser.add_argument(
        "--unkilled-only",
        action="store_true",
        help="rerun only the mutants the last run did not kill (survivors, no tests, unchecked)",
    )
    parser.add_argument(
        "--survivors-only", action="store_true", help="rerun only the mutants that survived the last run"
    )
    args = parser.parse_args(argv)
    modules = args.module or list(MODULES)
    try:
        entries = load_survivors()
    except ValueError as error:
        print(f"{SURVIVORS.relative_to(REPO)}: {error}", file=sys.stderr)
        return 2

    if not args.report_only:
        print(f"mutmut over {', '.join(modules)} ({git_state(REPO)})", flush=True)
        sync_unmutated_sources(REPO)
        metas = read_metas(REPO)
        known = tally_from_meta(metas)
        # mutmut refuses names that match no mutant: once mutants were made, skip a module
        # that has none (one with no function, such as exit_codes).
        globs = [g for m in modules if not (metas and known[m].total == 0) for g in mutant_globs(m)]
        if args.unkilled_only:
            globs = [name for m in modules for name in known[m].unkilled()]
        if args.survivors_only:
            globs = [name for m in modules for name in known[m].survivors()]
        done = (
            mutmut(REPO, "run", "--max-children", str(args.max_children), *globs, echo=True)
            if globs
            else None
        )
        if done is not None and done.returncode != 0:
            tail = (done.stdout + done.stderr).strip().splitlines()[-30:]
            if not any("nothing matches" in line for line in tail):
                print("mutmut run failed", file=sys.stderr)
                return 2

    tallies = tally_from_meta(read_metas(REPO))
    selected = {m: tallies[m] for m in modules}
    survivors = [name for t in selected.values() for name in t.survivors()]
    listed_names = {e.mutant for e in entries}
    diffs = show_diffs(REPO, [n for n in survivors if n not in listed_names])
    check = check_survivors(selected, entries, diffs)

    print()
    print("kill rate = (killed + timeout) / mutants")
    print(table(selected.values()))
    run = [t for t in selected.values() if t.was_run and not t.not_checked]
    if run:
        total = sum(t.total for t in run)
        killed = sum(t.killed + t.timeout for t in run)
        print(f"\nmodules run in full: {killed} of {total} mutants killed, {percent(killed / total)}")
    if check.listed or check.renumbered:
        print(f"{len(check.listed) + len(check.renumbered)} survivors listed in survivors.yaml")
    for name, entry in sorted(check.renumbered.items()):
        print(f"  renumbered: {name} matches the entry for {entry} by its diff")
    for entry in check.stale:
        print(f"  stale entry (no longer survives): {entry.mutant}")
    if check.unlisted:
        print("\nsurvivors not in survivors.yaml:")
        for name in check.unlisted:
            print(f"  {name}\n      {diffs.get(name, '')}")
    problems = verdict(tallies, modules, check)
    print()
    for problem in problems:
        print(f"FAIL {problem}")
    if not problems:
        print("OK")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
