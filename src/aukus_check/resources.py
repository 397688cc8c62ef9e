"""Where the bundled seeds and rules live: in the installed package, or in a source checkout."""

from __future__ import annotations

from pathlib import Path

from aukus_check.errors import AukusError

BUNDLED_RULES = "rules/aukus.yaml"
BUNDLED_CORPUS = "seeds"


def bundled_path(relative: str) -> Path:
    """Absolute path of a bundled file or directory (e.g. "seeds", "rules/aukus.yaml")."""
    package = Path(__file__).resolve().parent
    for base in (package / "_bundled", package.parent.parent):
        candidate = base / relative
        if candidate.exists():
            return candidate
    raise AukusError(
        f"bundled {relative!r} is missing from this installation",
        hint="reinstall aukus-check, or pass --corpus and --rules",
    )
