"""The map of the code (docs/architecture.md, docs/aturan.md) stays true to the tree.

- Every repository path written in backticks on those pages exists (`evaluasi/services/skp.py`,
  `templates/evaluasi/laporan.html`, a folder such as `evaluasi/services/roster_import/`). A
  backticked token counts as a path when it contains a slash, has no spaces or placeholders
  (`<name>`, `…`), and starts with one of the repository's source folders (`SOURCE_ROOTS`); runtime
  folders such as `var/` and URL paths such as `/penilaian/` are not checked.
- Every dotted module name in backticks (`evaluasi.selectors.results_gate`, optionally followed by
  one function or class, `evaluasi.services.assignments.change_allowed`) is a module of ours that
  defines that name.
- Every relative link between the docs resolves to a file.
- No code, template or doc cites the design brief that lived outside the repository: the docs in
  docs/ are the reference.

"""

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAP_PAGES = ("docs/architecture.md", "docs/aturan.md")
SOURCE_ROOTS = {
    ".ci",
    "benchmarks",
    "cms",
    "docs",
    "evaluasi",
    "fixtures",
    "locale",
    "sosialisasi",
    "templates",
    "tests",
}
PYTHON_PACKAGES = ("cms", "evaluasi", "sosialisasi")


# Built from parts so that this file does not cite the brief itself.
BRIEF = re.compile("DESI" + "GN")
SKIPPED_DIRS = {
    ".git",
    ".venv",
    "node_modules",
    "var",
    "media",
    "static_collected",
    "artifacts",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
}
CHECKED_SUFFIXES = {".py", ".html", ".md", ".txt"}

FENCE = re.compile(r"^```.*?^```", re.S | re.M)
BACKTICKED = re.compile(r"`([^`\n]+)`")
PATH_TOKEN = re.compile(r"^[A-Za-z0-9_.][A-Za-z0-9_./-]*$")
MODULE_TOKEN = re.compile(r"^(?:cms|evaluasi|sosialisasi)(?:\.[a-z_][a-z0-9_]*)+$")
DOC_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)\s]*)?\)")


def _tokens(page: str) -> list[str]:
    text = FENCE.sub("", (ROOT / page).read_text(encoding="utf-8"))
    return BACKTICKED.findall(text)


def _paths(page: str) -> list[str]:
    return sorted(
        {
            token
            for token in _tokens(page)
            if "/" in token and PATH_TOKEN.match(token) and token.split("/", 1)[0] in SOURCE_ROOTS
        }
    )


def _module_file(parts: list[str]) -> Path | None:
    base = ROOT.joinpath(*parts)
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _module_problem(token: str) -> str | None:
    """None when `token` is a module of ours, or a module and one name it defines."""
    parts = token.split(".")
    for length in range(len(parts), 1, -1):
        found = _module_file(parts[:length])
        if found is None:
            continue
        rest = parts[length:]
        if not rest:
            return None
        if len(rest) == 1 and re.search(
            rf"^\s*(?:async\s+)?(?:def|class)\s+{rest[0]}\b|^{rest[0]}\s*[:=]"
            rf"|^\s+{rest[0]},?$|^from\s.*\bimport\b.*\b{rest[0]}\b",
            found.read_text(encoding="utf-8"),
            re.M,
        ):
            return None
        return f"{token}: {found.relative_to(ROOT)} does not define {'.'.join(rest)}"
    return f"{token}: no such module"


def test_the_map_pages_name_paths_at_all():
    """Guards the extraction below: a change of notation must not make the check vacuous."""
    paths = _paths("docs/architecture.md")
    assert len(paths) > 100
    assert "evaluasi/selectors/results_gate.py" in paths
    assert "templates/evaluasi/laporan.html" in paths


@pytest.mark.parametrize("page", MAP_PAGES)
def test_every_path_on_the_map_exists(page):
    missing = [path for path in _paths(page) if not (ROOT / path).exists()]
    assert not missing, f"{page} names paths that do not exist: {missing}"


@pytest.mark.parametrize("page", MAP_PAGES)
def test_every_module_on_the_map_exists(page):
    tokens = sorted({t for t in _tokens(page) if MODULE_TOKEN.match(t)})
    problems = [p for p in map(_module_problem, tokens) if p]
    assert not problems, f"{page}: {problems}"


def test_links_between_the_docs_resolve():
    broken = []
    for page in sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]:
        for target in DOC_LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target):  # http:, https:, mailto:
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert not broken, broken


def test_nothing_cites_the_external_design_brief():
    citing = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in files:
            path = Path(folder, name)
            if path.suffix not in CHECKED_SUFFIXES:
                continue
            for number, line in enumerate(
                path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
            ):
                if BRIEF.search(line):
                    citing.append(f"{path.relative_to(ROOT)}:{number}")
    assert not citing, f"cite docs/architecture.md or docs/aturan.md instead: {citing}"


URL_NAME_TOKEN = re.compile(r"^[a-z_]+:[a-z_]+$")


def _url_name_exists(token: str) -> bool:
    from django.urls import get_resolver

    namespace, name = token.split(":")
    resolver = get_resolver()
    if namespace not in resolver.namespace_dict:
        return False
    _prefix, inner = resolver.namespace_dict[namespace]
    return bool(inner.reverse_dict.getlist(name))


def test_every_url_name_on_the_map_resolves():
    """The glossary's URL names (`periode:status`, `penugasan:accept_late`, …) are real: a renamed
    route or a misleading name left behind in the map fails here."""
    tokens = sorted({t for t in _tokens("docs/architecture.md") if URL_NAME_TOKEN.match(t)})
    assert len(tokens) > 40
    missing = [token for token in tokens if not _url_name_exists(token)]
    assert not missing, f"docs/architecture.md names URLs that do not exist: {missing}"
