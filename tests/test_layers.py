"""The package's layering: stage packages import only those below them, with no circles and no private names."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "policybot"
# lowest first: each may import its own layer and the ones below (docs/architecture.md)
ORDER = ["errors", "types", "settings", "files", "text", "documents", "catalogue", "index", "answering", "workspace",
         "serving", "evaluation", "cli"]


def test_no_circles_no_private_imports_nothing_against_the_order():
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "layers.py"), str(PACKAGE), "--order", *ORDER],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 circles" in run.stdout and "0 imports against the order" in run.stdout


def test_the_top_level_holds_only_the_shared_modules():
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "errors", "files", "settings", "types"]
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())
    assert packages == sorted(ORDER[4:])


def test_imports_inside_functions_say_why():
    """An own-module import inside a function defers a heavy library, and says so on the line above."""
    unexplained = []
    for path in PACKAGE.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("policybot"):
                    k = inner.lineno - 2  # the line above; consecutive deferred imports share one comment
                    while k > 0 and lines[k].strip().startswith("from policybot"):
                        k -= 1
                    above = lines[k].strip() if k >= 0 else ""
                    if not above.startswith("# deferred:"):
                        unexplained.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert not unexplained, unexplained


def test_no_function_over_sixty_lines():
    long = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 60:
                long.append(f"{path.relative_to(ROOT)}:{node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert not long, long


def test_the_public_api_is_what_the_readme_uses():
    import policybot

    assert set(policybot.__all__) >= {"PolicyBot", "Settings", "Answer", "PolicybotError", "InvalidQuestionError"}
    assert all(hasattr(policybot, name) for name in policybot.__all__)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("```python", 1)[1].split("```", 1)[0]
    imported = [line for line in example.splitlines() if line.startswith(("from policybot", "import policybot"))]
    assert imported and all(line.startswith("from policybot import ") for line in imported), imported
