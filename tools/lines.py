#!/usr/bin/env python3
"""Hand-written product lines: the core's against the three bindings' (issue 15's measure).

Counts non-blank lines of the files git tracks, leaving out tests (test directories, `tests.rs`,
Rust `#[cfg(test)]` modules at the end of a file), examples, benchmarks, scripts, and generated
files (those whose first lines say `@generated`). Usage: python3 tools/lines.py [--json]
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent

# Product source per part: (directory prefixes, file suffixes).
PARTS: Dict[str, List[str]] = {
    "core": ["core/src/"],
    "python": ["bindings-python/src/", "bindings-python/python/"],
    "node": ["bindings-wasm/src/", "bindings-wasm/js/src/"],
    "kotlin/swift": ["bindings-uniffi/src/", "bindings-uniffi/kotlin/onfido-core/src/main/", "bindings-uniffi/kotlin/onfido-core-okhttp/src/main/", "bindings-uniffi/swift/"],
}
SUFFIXES = (".rs", ".py", ".pyi", ".ts", ".kt", ".java", ".swift")
SKIP = re.compile(r"(^|/)(tests?|test|examples|benches|bench|scripts|generated|fuzz)(/|$)|(^|/)tests?\.rs$")
TEST_MODULE = re.compile(r"^#\[cfg\(test\)\]\s*$", re.M)


def product_lines(path: Path) -> int:
    text = path.read_text(encoding="utf-8", errors="replace")
    if "@generated" in "\n".join(text.splitlines()[:5]):
        return 0
    if path.suffix == ".rs":
        found = TEST_MODULE.search(text)
        if found:
            text = text[: found.start()]
    return sum(1 for line in text.splitlines() if line.strip())


def main() -> None:
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    counts: Dict[str, int] = {}
    for part, prefixes in PARTS.items():
        counts[part] = sum(
            product_lines(ROOT / f)
            for f in files
            if f.startswith(tuple(prefixes)) and f.endswith(SUFFIXES) and not SKIP.search(f) and (ROOT / f).is_file()
        )
    bindings = sum(v for k, v in counts.items() if k != "core")
    ratio = bindings / counts["core"] if counts["core"] else float("inf")
    if "--json" in sys.argv:
        print(json.dumps({**counts, "bindings": bindings, "ratio": round(ratio, 3)}))
        return
    for part, n in counts.items():
        print(f"{part:14} {n:6}")
    print(f"{'bindings':14} {bindings:6}  = {ratio:.2f}x the core (issue 15: <= 0.4x)")


if __name__ == "__main__":
    main()
