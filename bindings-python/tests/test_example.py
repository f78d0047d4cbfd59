"""examples/everything.py (v3.6) and everything_v2.py (v2) run, use every hand-written public name
(v2: and every generated resource method; v3's 84 are in test_v3_surface.py) and pass mypy --strict."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import onfido_core
from onfido_core import _v2_models, _v2_resources, _v3_models, v2

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "everything_v2.py"
EXAMPLE_V3 = EXAMPLES / "everything.py"
TOKEN_FOR_NAMES = "test_names"


@pytest.mark.parametrize("example", [EXAMPLE, EXAMPLE_V3], ids=["v2", "v3.6"])
def test_example_runs(example: Path) -> None:
    done = subprocess.run([sys.executable, str(example)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("done")
    assert "byte-exact=True" in done.stdout and "Traceback" not in done.stdout
    assert "test_everything_example" not in done.stdout, "the example's token shows in its output"


def test_v3_example_uses_every_hand_written_public_name() -> None:
    tree = ast.parse(EXAMPLE_V3.read_text(encoding="utf-8"))
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    used |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    generated = set(_v3_models.__all__)
    assert not [name for name in onfido_core.__all__ if name not in used and name not in generated]


def test_example_uses_every_public_name_and_method() -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    tree = ast.parse(source)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    used |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    generated = set(_v2_models.__all__)
    assert not [name for name in v2.__all__ if name not in used and name not in generated]
    # Every method of every generated resource (the sync ones; the async ones are the same template).
    resources = vars(v2.Client(TOKEN_FOR_NAMES, transport=v2.SandboxTransport()))
    not_called = []
    for attribute, resource in resources.items():
        if attribute.startswith("_"):
            continue
        assert type(resource).__module__ == _v2_resources.__name__, attribute
        for method in (m for m in vars(type(resource)) if not m.startswith("_")):
            if not re.search(rf"\.{attribute}\.{method}\(", source):
                not_called.append(f"{attribute}.{method}")
    assert not not_called, not_called
    assert len([a for a in resources if not a.startswith("_")]) == 12


@pytest.mark.parametrize("example", [EXAMPLE, EXAMPLE_V3], ids=["v2", "v3.6"])
def test_example_passes_mypy_strict(example: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), str(example)],
        capture_output=True,
        text=True,
        cwd=EXAMPLE.parent.parent,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout
