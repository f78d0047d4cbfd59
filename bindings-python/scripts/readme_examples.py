"""Writes the Python examples of the READMEs into a directory, one script each, for
scripts/package.sh to run there from an installed wheel (no repository file on the path).

Usage: python readme_examples.py OUT_DIR README.md [README.md ...]; prints the scripts' names.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def main(out: Path, readmes: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for readme in readmes:
        path = Path(readme)
        blocks = re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
        if not blocks:
            raise SystemExit(f"{readme}: no ```python example")
        for i, block in enumerate(blocks):
            name = f"readme_{path.parent.name or 'root'}_{i}.py".replace("-", "_")
            (out / name).write_text(block, encoding="utf-8")
            print(name)
            written += 1
    if written == 0:
        raise SystemExit("no examples")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
