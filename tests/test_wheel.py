"""The wheel carries the bundled seeds, rules and resolutions: `check` passes from an installed copy."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not (REPO / "pyproject.toml").is_file(), reason="needs the source tree")
def test_check_passes_from_the_built_wheel(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")  # built without isolation: tests never reach the network
    lock = REPO / "rules" / ".resolutions.yaml.lock"
    created = not lock.exists()
    lock.touch()  # as `resolve` leaves it: it must not ship
    try:
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--no-build-isolation",
                "-q",
                "-w",
                str(tmp_path),
                str(REPO),
            ],
            capture_output=True,
            text=True,
        )
    finally:
        if created:
            lock.unlink()
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert "aukus_check/_bundled/rules/resolutions.yaml" in names
    assert not [name for name in names if name.endswith(".lock")]
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site"), "COLUMNS": "160"}
    seeds = tmp_path / "site" / "aukus_check" / "_bundled" / "seeds"
    checked = subprocess.run(
        [sys.executable, "-m", "aukus_check", "check", "--corpus", str(seeds)],
        cwd=work, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "3 conflicts · 3 resolved · 0 unresolved · 0 stale" in checked.stdout
    # with no corpus named, the gate refuses; the report shows the sample and says so
    refused = subprocess.run(
        [sys.executable, "-m", "aukus_check", "check"], cwd=work, capture_output=True, text=True, env=env
    )
    assert refused.returncode == 2 and refused.stderr.startswith("no corpus to check")
    sample = subprocess.run(
        [sys.executable, "-m", "aukus_check", "report"], cwd=work, capture_output=True, text=True, env=env
    )
    assert sample.returncode == 0 and "corpus seeds (the bundled sample)" in sample.stdout
    probe = subprocess.run(
        [sys.executable, "-c", "import aukus_check; print(aukus_check.__file__)"],
        cwd=work, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert probe.stdout.startswith(str(tmp_path / "site"))
