"""Shared fixtures: the `onfido-sandbox` server as a process, and the vector tally.

The server binary comes from `$ONFIDO_SANDBOX_BIN`; without it, `cargo build -q -p onfido-sandbox`
builds it and it is found under `$CARGO_TARGET_DIR` (default `target/` at the repository root).
"""

from __future__ import annotations

import os
import queue
import subprocess
import threading
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import pytest

from support import REPO


def sandbox_binary() -> Path:
    """The server binary: `$ONFIDO_SANDBOX_BIN`, else built with cargo."""
    given = os.environ.get("ONFIDO_SANDBOX_BIN")
    if given:
        path = Path(given)
        if not path.is_file():
            raise RuntimeError(f"ONFIDO_SANDBOX_BIN={given!r} is not a file")
        return path
    subprocess.run(["cargo", "build", "-q", "-p", "onfido-sandbox"], cwd=REPO, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR") or "target")
    if not target.is_absolute():
        target = REPO / target
    path = target / "debug" / "onfido-sandbox"
    if not path.is_file():
        raise RuntimeError(f"cargo built onfido-sandbox but it is not at {path}")
    return path


class SandboxServer:
    """One `onfido-sandbox --port 0 ARGS...` process; closing its stdin stops it."""

    def __init__(self, binary: Path, args: List[str]) -> None:
        self.args = args
        self.process = subprocess.Popen(
            [str(binary), "--port", "0", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=None,
        )
        assert self.process.stdout is not None
        lines: "queue.Queue[bytes]" = queue.Queue()
        stdout = self.process.stdout

        def drain() -> None:
            # The first line is the address; anything later is read and dropped so the pipe never fills.
            for line in iter(stdout.readline, b""):
                lines.put(line)
            lines.put(b"")

        threading.Thread(target=drain, name="sandbox-stdout", daemon=True).start()
        try:
            first = lines.get(timeout=30).decode().strip()
        except queue.Empty:
            self.stop()
            raise RuntimeError(f"onfido-sandbox {args} printed nothing within 30 s") from None
        prefix = "listening on "
        if not first.startswith(prefix):
            self.stop()
            raise RuntimeError(f"onfido-sandbox {args} did not start: {first!r}")
        self.url = first[len(prefix):]
        assert self.url.startswith("http://127.0.0.1:"), self.url

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        """Closes stdin (the server stops by itself), killing it only if it does not."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def sandbox_bin() -> Path:
    return sandbox_binary()


@pytest.fixture(scope="session")
def sandbox_url(sandbox_bin: Path) -> Iterator[str]:
    """A plain `onfido-sandbox --port 0` for the whole session."""
    server = SandboxServer(sandbox_bin, [])
    try:
        yield server.url
    finally:
        server.stop()
        assert server.process.returncode == 0, f"the sandbox exited with {server.process.returncode}"


SandboxFactory = Callable[..., SandboxServer]


@pytest.fixture
def sandbox_factory(sandbox_bin: Path) -> Iterator[SandboxFactory]:
    """Starts servers with extra arguments, `sandbox_factory("--rate-limit", "5")`: a new process per
    call (rate limits, fault sequences and webhooks start from zero), each stopped after the test."""
    started: List[SandboxServer] = []

    def start(*args: str) -> SandboxServer:
        server = SandboxServer(sandbox_bin, list(args))
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


# --- the vector tally: test_vectors.py adds to it; the summary prints one line for both directories.


class VectorTally:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0
        self.files = 0
        # Build and parse cases: through the typed API, and (what it cannot express) through `request`.
        self.typed = 0
        self.through_request: Dict[str, int] = {}


_TALLY_KEY = pytest.StashKey[VectorTally]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_TALLY_KEY] = VectorTally()


@pytest.fixture(scope="session")
def vector_tally(pytestconfig: pytest.Config) -> VectorTally:
    return pytestconfig.stash[_TALLY_KEY]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config) -> None:
    tally: Optional[VectorTally] = config.stash.get(_TALLY_KEY, None)
    if tally is not None and tally.files:
        terminalreporter.write_line(f"vectors: {tally.passed} passed, {tally.failed} failed")
        reasons = ", ".join(f"{n} {why}" for why, n in sorted(tally.through_request.items()))
        total = sum(tally.through_request.values())
        terminalreporter.write_line(
            f"vectors: {tally.typed} build/parse cases through the typed API, {total} through request ({reasons or 'none'})"
        )
