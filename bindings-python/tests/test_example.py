"""examples/everything.py runs, uses every public name and resource method, and passes mypy --strict."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

import onfido_core
from onfido_core import _async_client, _client

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "everything.py"
RESOURCES = {
    "Applicants": "applicants",
    "Documents": "documents",
    "LivePhotos": "live_photos",
    "LiveVideos": "live_videos",
    "Checks": "checks",
    "Reports": "reports",
    "Webhooks": "webhooks",
    "ReportTypeGroups": "report_type_groups",
    "Addresses": "addresses",
    "SdkTokens": "sdk_tokens",
    "Ocr": "ocr",
    "Slv": "slv",
}


def test_example_runs() -> None:
    done = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("done")
    assert "byte-exact=True" in done.stdout and "Traceback" not in done.stdout
    assert "test_everything_example" not in done.stdout, "the example's token shows in its output"


def test_example_uses_every_public_name_and_method() -> None:
    source = EXAMPLE.read_text(encoding="utf-8")
    tree = ast.parse(source)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    used |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not [name for name in onfido_core.__all__ if name not in used]
    not_called = []
    for module in (_client, _async_client):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if name not in RESOURCES or cls.__module__ != module.__name__:
                continue
            for method in (m for m in vars(cls) if not m.startswith("_")):
                if module is _client and not re.search(rf"\.{RESOURCES[name]}\.{method}\(", source):
                    not_called.append(f"{RESOURCES[name]}.{method}")
    assert not not_called, not_called
    assert set(RESOURCES.values()) <= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}


def test_example_passes_mypy_strict(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy"), str(EXAMPLE)],
        capture_output=True,
        text=True,
        cwd=EXAMPLE.parent.parent,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout
