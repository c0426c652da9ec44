"""The tests' own footing: every test can fail, and a program the tests need that is missing
fails them with the command that installs it, rather than skipping them."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from tests.paths import REPO, TESTS


def _calls(node: ast.AST) -> set[str]:
    """The names a function calls: `check` for `check(...)` and `helpers.check(...)` alike."""
    names = set()
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            if isinstance(call.func, ast.Name):
                names.add(call.func.id)
            elif isinstance(call.func, ast.Attribute):
                names.add(call.func.attr)
    return names


def _asserts(node: ast.AST) -> bool:
    return isinstance(node, ast.Assert) or (
        isinstance(node, ast.Raise) and node.exc is not None and "AssertionError" in ast.unparse(node.exc))


def _functions() -> dict[tuple[str, str], ast.FunctionDef]:
    return {(path.name, node.name): node
            for path in sorted(TESTS.glob("*.py"))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.FunctionDef)}


def test_every_test_asserts_something() -> None:
    """A test with no assertion passes whatever the code does, short of an exception. Calling a
    helper that asserts counts, so helpers shared between tests are enough."""
    functions = _functions()
    checking = {"raises", "fail", "warns"}  # pytest.raises and the like
    asserting = {name for (_, name), node in functions.items() if any(_asserts(n) for n in ast.walk(node))}
    asserting |= checking
    while True:  # helpers that call helpers that assert
        more = {name for (_, name), node in functions.items() if _calls(node) & asserting} - asserting
        if not more:
            break
        asserting |= more
    silent = [f"{file}::{name}" for (file, name), node in functions.items()
              if name.startswith("test_") and name not in asserting]
    assert silent == [], "these tests assert nothing"


def test_the_test_setup_installs_every_program_the_tests_need() -> None:
    listed = subprocess.run(["bash", str(REPO / "scripts" / "setup-system.sh"), "--test", "--list"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert {"chromium", "libreoffice-impress", "poppler-utils"} <= set(listed)
    build_only = subprocess.run(["bash", str(REPO / "scripts" / "setup-system.sh"), "--build-only", "--list"],
                                capture_output=True, text=True, check=True).stdout.split()
    assert "chromium" not in build_only and "libreoffice-impress" not in build_only


def test_a_missing_chromium_or_poppler_fails_naming_its_package(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    from tests import pdf_support

    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception) as failed:
        pdf_support.chromium("--version")
    assert "chromium is not installed" in str(failed.value)
    assert "./scripts/setup.sh --test" in str(failed.value) and "Debian package chromium" in str(failed.value)
    with pytest.raises(pytest.fail.Exception, match="Debian package poppler-utils"):
        pdf_support.pdfinfo(tmp_path / "any.pdf")


def test_a_missing_libreoffice_fails_naming_its_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from tests import deck_support

    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception) as failed:
        deck_support.soffice()
    assert "./scripts/setup.sh --test" in str(failed.value)
    assert "Debian package libreoffice-impress" in str(failed.value)


def test_the_programs_are_installed_here() -> None:
    from tests import deck_support, pdf_support

    assert Path(pdf_support.chromium_binary()).is_file()
    assert Path(pdf_support.poppler("pdftoppm")).is_file()
    assert Path(deck_support.soffice()).is_file()
