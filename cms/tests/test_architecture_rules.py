"""The dependency rules of docs/architecture.md are checked, not only written down.

`make lint` runs import-linter with the contracts in pyproject.toml. Here a copy of the code gets
one forbidden import at a time, and the linter must refuse each — so a contract that silently
stopped matching (a renamed module, a too-wide ignore) fails the suite.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


@pytest.fixture(scope="module")
def code_copy(tmp_path_factory):
    copy = tmp_path_factory.mktemp("arsitektur")
    ignore = shutil.ignore_patterns("__pycache__", "migrations", "static", "templates", "*.pyc")
    for package in ("cms", "evaluasi", "sosialisasi"):
        shutil.copytree(ROOT / package, copy / package, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def _lint(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_code_as_it_is_keeps_every_contract(code_copy):
    result = _lint(code_copy)
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        (
            "evaluasi/services/awards.py",
            "import sosialisasi.selectors",
            "evaluasi never imports sosialisasi",
        ),
        ("cms/pdf.py", "import evaluasi.models", "The cms kernel imports no app"),
        ("cms/topics.py", "import sosialisasi.models", "The cms kernel imports no app"),
        (
            "evaluasi/selectors/roster.py",
            "import evaluasi.services.periods",
            "Entry points above services",
        ),
        ("evaluasi/models/roster.py", "import evaluasi.views.rater", "Entry points above services"),
        (
            "sosialisasi/services/attendance.py",
            "import sosialisasi.views",
            "Entry points above services",
        ),
        # evaluations.py imports skp.py: the way back closes a cycle between two services.
        ("evaluasi/services/skp.py", "import evaluasi.services.evaluations", "No import cycles"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(code_copy, module, line, contract):
    target = code_copy / module
    original = target.read_text()
    try:
        target.write_text(f"{original}\n{line}  # noqa\n")
        result = _lint(code_copy)
    finally:
        target.write_text(original)
    assert result.returncode != 0
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken
