"""Time `aukus-check report` on very long inputs: one large article, one endless sentence.

    python benchmarks/long_inputs.py [--megabytes 2] [--words 100000] [--keep DIR]

Each input is written to a corpus of its own and read once under the bundled rules; the
table shows the wall time, the child's CPU time and peak RSS, and the claims found. Every
extractor kind is meant to be linear in the length of an article and of a sentence, so
doubling an input should about double its time: run with --scale to see the ratio at 1x and
2x. tests/test_long_inputs.py reads the same inputs (smaller) and asserts their output;
timings are measured here, never asserted in tests. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS.parent / "tests"))

from long_inputs_text import endless_sentence, large_article  # noqa: E402


def tool_command() -> list[str]:
    """The aukus-check executable next to this interpreter, else `python -m aukus_check`."""
    found = shutil.which("aukus-check", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "aukus_check"]


def time_report(corpus: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in KB, claims) of one `report --format json`."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "report.json"
        command = [*tool_command(), "report", "--corpus", str(corpus), "--format", "json", "-o", str(output)]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"aukus-check failed on {corpus}:\n{stderr}")
        report = json.loads(output.read_text(encoding="utf-8"))
    claims = sum(len(field["claims"]) for field in report["fields"])
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, claims


def main(argv: list[str] | None = None) -> int:
    """Write the inputs, time each, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=2.0, help="size of the large article")
    parser.add_argument("--words", type=int, default=100_000, help="words in the endless sentence")
    parser.add_argument("--scale", action="store_true", help="also time each input at twice its size")
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="aukus-long-"))
    factors = (1, 2) if args.scale else (1,)
    rows = []
    try:
        for factor in factors:
            inputs = {
                f"article {args.megabytes * factor:g} MB": large_article(int(args.megabytes * factor * 1e6)),
                f"sentence {args.words * factor:,} words": endless_sentence(args.words * factor),
            }
            for name, text in inputs.items():
                corpus = root / name.replace(" ", "-").replace(",", "")
                corpus.mkdir(parents=True, exist_ok=True)
                (corpus / "long.txt").write_text(text, encoding="utf-8")
                seconds, cpu, rss, claims = time_report(corpus)
                rows.append((name, len(text.encode("utf-8")), seconds, cpu, rss, claims))
                print(f"  {name}: {seconds:.2f} s", file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print("input                       MB  seconds  CPU s  peak RSS MB  claims")
    print("-------------------------  ----  -------  -----  -----------  ------")
    for name, size, seconds, cpu, rss, claims in rows:
        print(
            f"{name:<25}  {size / 1e6:4.1f}  {seconds:7.2f}  {cpu:5.2f}  "
            f"{rss * 1024 / 1e6:11.0f}  {claims:6d}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
