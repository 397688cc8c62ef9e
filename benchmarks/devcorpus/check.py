"""Check a collected development corpus against the texts the reading was made from.

Usage: python benchmarks/devcorpus/check.py [DIR]   (default: benchmarks/corpora/dev)

Prints one line per article that is missing or differs, and exits 1 if any does: the
reading's line numbers and quotes hold only for the same texts.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else HERE.parents[0] / "corpora" / "dev"
    problems = 0
    for line in (HERE / "sha256sums.txt").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        path = corpus / name.strip()
        if not path.is_file():
            print(f"{path}: missing")
            problems += 1
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            print(f"{path}: differs from the text the reading was made from")
            problems += 1
    total = len((HERE / "sha256sums.txt").read_text(encoding="utf-8").splitlines())
    print(f"{total - problems} of {total} articles as read" if problems else f"all {total} articles as read")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
