"""Shared fixtures: the project root, real builds of the site, a small broken-on-purpose site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MINISITE = PROJECT_ROOT / "tests" / "fixtures" / "minisite"
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path


def run_mkdocs_build(config_file: Path, site_dir: Path) -> BuildResult:
    """Build like `make site` does: strict, from a different working directory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    completed = subprocess.run(
        [*MKDOCS, "build", "--strict", "--config-file", str(config_file), "--site-dir", str(site_dir)],
        cwd=site_dir.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site_dir)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real Confidant site, built once per test session with --strict."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    result = run_mkdocs_build(PROJECT_ROOT / "mkdocs.yml", site_dir)
    assert result.returncode == 0, result.output
    return result


MiniSite = Callable[[], Path]


@pytest.fixture
def make_minisite(tmp_path: Path) -> Callable[[], Path]:
    """Copy the small test site into a temporary folder, wired to this project's hooks."""

    def make() -> Path:
        root = tmp_path / "minisite"
        shutil.copytree(MINISITE, root)
        config = root / "mkdocs.yml"
        config.write_text(config.read_text().replace("PROJECT", str(PROJECT_ROOT)))
        return root

    return make
