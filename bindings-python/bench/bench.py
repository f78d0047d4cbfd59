"""onfido-core beside onfido-python 6.2.0 (Onfido's generated client), side by side in one run.

Run it in a venv that has both installed (bench/README.md says how to make one):

    python bench/bench.py [--quick] [--rebuild-footprint]

(a) webhook verify + parse of a ~1.7 KB check.completed body, (b) parsing the reference's document
report into objects, (c) import time in a fresh interpreter, (d) wheel size and installed footprint.
Times are medians of several timeit runs; the last column is theirs / ours.
Environment: ONFIDO_CORE_WHEEL (our wheel; default: the newest in ~/.cache/onfido-core/wheels),
ONFIDO_BENCH_CACHE (where venvs and downloads are kept; default: ~/.cache/onfido-core/bench-cache).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import timeit
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VECTORS = REPO / "tests" / "vectors" / "parse_reports.json"
THEIRS = "onfido-python==6.2.0"
SECRET = "yV85IsmuYwmjQGlZ"


def cache_dir() -> Path:
    return Path(os.environ.get("ONFIDO_BENCH_CACHE") or Path.home() / ".cache" / "onfido-core" / "bench-cache")


def our_wheel() -> Path:
    given = os.environ.get("ONFIDO_CORE_WHEEL")
    if given:
        return Path(given)
    wheels = sorted((Path.home() / ".cache" / "onfido-core" / "wheels").glob("onfido_core-*.whl"), key=lambda p: p.stat().st_mtime)
    if not wheels:
        sys.exit("no onfido-core wheel: build one with maturin or set ONFIDO_CORE_WHEEL")
    return wheels[-1]


# --- inputs


def webhook_body() -> bytes:
    """A check.completed notification of about 1.7 KB: the v2 `object`, plus the check as `resource`."""
    check_id = "c9f41bef-0610-4d2f-9982-ae9387876edc"
    applicant_id = "61f659cb-c90b-4067-808a-6136b5c01351"
    report_ids = [
        "6e3f2b0c-1a5d-4b8e-9c7f-2d4a6b8c0e1f",
        "7f4a3c1d-2b6e-4c9f-8d0a-3e5b7c9d1f2a",
        "8a5b4d2e-3c7f-4d0a-9e1b-4f6c8d0e2a3b",
        "9b6c5e3f-4d8a-4e1b-8f2c-5a7d9e1f3b4c",
        "0c7d6f4a-5e9b-4f2c-9a3d-6b8e0f2a4c5d",
    ]
    event: Dict[str, Any] = {
        "payload": {
            "resource_type": "check",
            "action": "check.completed",
            "object": {
                "id": check_id,
                "status": "complete",
                "completed_at": "2019-10-28 15:00:39 UTC",
                "completed_at_iso8601": "2019-10-28T15:00:39Z",
                "href": f"https://api.onfido.com/v2/checks/{check_id}",
            },
            "resource": {
                "id": check_id,
                "applicant_id": applicant_id,
                "created_at": "2019-10-28T14:58:12Z",
                "updated_at": "2019-10-28T15:00:39Z",
                "dashboard_url": f"https://dashboard.onfido.com/checks/{check_id}",
                "tags": ["onboarding", "eu-retail", "priority", "campaign-2019-q4"],
                "type": "express",
                "result": "clear",
                "href": f"/v2/applicants/{applicant_id}/checks/{check_id}",
                "results_uri": f"https://onfido.com/dashboard/information_requests/{check_id}",
                "download_uri": f"https://onfido.com/dashboard/pdf/information_requests/{check_id}",
                "redirect_uri": None,
                "reports": [
                    {"id": report_id, "name": name, "status": "complete", "result": "clear"}
                    for report_id, name in zip(report_ids, ["document", "facial_similarity", "identity", "watchlist", "proof_of_address"])
                ],
                "form_uri": None,
                "paused": False,
                "applicant_provides_data": False,
                "privacy_notices_read_consent_given": True,
                "sandbox": False,
                "version": "2.0",
            },
        }
    }
    body = json.dumps(event, separators=(",", ":")).encode()
    return body


def reference_document_report() -> Tuple[str, Dict[str, Any]]:
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    wanted = [c for c in cases if c["name"].startswith("retrieve_report: reference document report (")]
    if not wanted:  # the closest: any document report case
        wanted = [c for c in cases if c.get("operation") == "retrieve_report" and c["body"].get("name") == "document"]
    return wanted[0]["name"], wanted[0]["body"]


# --- timing


def per_call(fn: Callable[[], Any], runs: int) -> float:
    """Median seconds per call over `runs` timeit repeats, each of about 0.2 s or more."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    return statistics.median(t / number for t in timer.repeat(repeat=runs, number=number))


def fmt_time(seconds: float) -> str:
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.2f} µs"


def fmt_size(n: float) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MiB"


def import_times(modules: List[str], runs: int) -> Dict[str, float]:
    """Median cumulative `-X importtime` of `import module` in fresh interpreters, the modules taking
    turns so that both see the same machine; one warm-up round first (it may write .pyc files)."""
    times: Dict[str, List[float]] = {m: [] for m in modules}
    for i in range(runs + 1):
        for module in modules:
            done = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=True
            )
            cumulative = None
            for line in done.stderr.splitlines():
                m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s+(\S+)\s*$", line)
                if m and m.group(3) == module:
                    cumulative = int(m.group(2)) / 1e6
            if cumulative is None:
                raise RuntimeError(f"no importtime line for {module}")
            if i > 0:
                times[module].append(cumulative)
    return {m: statistics.median(t) for m, t in times.items()}


# --- sizes


def tree_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            p = os.path.join(root, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def venv_site_packages(venv: Path) -> Path:
    found = list(venv.glob("lib/python*/site-packages")) + list(venv.glob("Lib/site-packages"))
    return found[0]


def footprint_venv(name: str, requirement: Optional[str], rebuild: bool) -> Path:
    """A fresh venv holding only `requirement` and its dependencies (created once, kept in the cache)."""
    venv = cache_dir() / "footprint" / name
    marker = venv / ".installed"
    if rebuild and venv.exists():
        shutil.rmtree(venv)
    if not marker.exists() or marker.read_text() != (requirement or ""):
        if venv.exists():
            shutil.rmtree(venv)
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", str(venv)], check=True)
        if requirement:
            python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
            subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", requirement], check=True)
        marker.write_text(requirement or "")
    return venv_site_packages(venv)


def their_wheel() -> Path:
    target = cache_dir() / "wheels"
    found = sorted(target.glob("onfido_python-6.2.0-*.whl"))
    if not found:
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check", "--no-deps",
             "--only-binary=:all:", "-d", str(target), THEIRS],
            check=True,
        )
        found = sorted(target.glob("onfido_python-6.2.0-*.whl"))
    return found[0]


# --- the benchmarks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 timeit repeats instead of 7 (a smoke run)")
    parser.add_argument("--rebuild-footprint", action="store_true", help="recreate the footprint venvs")
    args = parser.parse_args()
    runs = 3 if args.quick else 7

    import onfido  # theirs
    from onfido import WebhookEventVerifier
    from onfido.models import DocumentReport, WebhookEvent as TheirEvent

    import onfido_core  # ours
    from onfido_core import Report, _native, sign_webhook, verify_webhook, parse_webhook_event

    rows: List[Tuple[str, str, str, str]] = []
    notes: List[str] = []

    # (a) webhook verify + parse
    body = webhook_body()
    signature = sign_webhook(body, SECRET, "sha256")
    headers = {"Content-Type": "application/json", "User-Agent": "Onfido-Webhooks", "X-SHA2-Signature": signature}
    verifier = WebhookEventVerifier(SECRET)

    def theirs_webhook() -> Any:
        return verifier.read_payload(body.decode("utf-8"), signature)

    def ours_webhook() -> Any:
        return verify_webhook(body, headers, SECRET)

    their_event, our_event = theirs_webhook(), ours_webhook()
    assert their_event is not None and their_event.payload is not None and their_event.payload.object is not None
    assert their_event.payload.object.id == our_event.object.id and our_event.action == "check.completed"
    t, o = per_call(theirs_webhook, runs), per_call(ours_webhook, runs)
    rows.append((f"(a) webhook verify + parse, {len(body)} B check.completed", fmt_time(t), fmt_time(o), f"{t / o:.1f}×"))
    text = body.decode("utf-8")
    t, o = per_call(lambda: TheirEvent.from_json(text), runs), per_call(lambda: parse_webhook_event(body), runs)
    rows.append(("(a′) the same event, parse only (no signature)", fmt_time(t), fmt_time(o), f"{t / o:.1f}×"))

    # (b) the reference's document report into objects
    name, report = reference_document_report()
    reference_bytes = json.dumps(report).encode()
    try:
        DocumentReport.from_json(reference_bytes.decode())
        accepted, accepted_bytes = "the reference example as is", reference_bytes
    except Exception as error:  # pydantic's ValidationError
        first = str(error).splitlines()[0]
        fixed = copy.deepcopy(report)
        changed = []
        for group in ("data_consistency", "data_validation"):
            item = fixed.get("breakdown", {}).get(group, {}).get("breakdown", {}).get("document_numbers")
            if item is not None and isinstance(item.get("properties"), list):
                item["properties"] = {}
                changed.append(f"breakdown.{group}.breakdown.document_numbers.properties")
        accepted_bytes = json.dumps(fixed).encode()
        DocumentReport.from_json(accepted_bytes.decode())
        accepted = "the reference example with " + " and ".join(changed) + " changed from [...] to {}"
        notes.append(
            f"onfido-python's DocumentReport rejects the reference example ({name!r}, {len(reference_bytes)} B): "
            f"`{first}` — the reference gives `document_numbers.properties` as a list; both sides were timed on "
            f"{accepted} ({len(accepted_bytes)} B)."
        )
    headers_json = [("Content-Type", "application/json")]

    def theirs_report() -> Any:
        return DocumentReport.from_json(accepted_bytes.decode("utf-8"))

    def ours_report() -> Any:
        return Report(_native.parse_response("find_report", 200, headers_json, accepted_bytes, "v3.6"))

    ours_parsed = ours_report()
    theirs_parsed = theirs_report()
    assert ours_parsed.id == str(theirs_parsed.id) and ours_parsed.result == "clear"
    ours_reference = Report(_native.parse_response("find_report", 200, headers_json, reference_bytes, "v3.6"))
    breakdown = ours_reference.breakdown or {}
    assert breakdown["data_validation"]["breakdown"]["document_numbers"]["properties"] == [{"type": "passport", "result": "clear"}]
    t, o = per_call(theirs_report, runs), per_call(ours_report, runs)
    rows.append((f"(b) document report JSON → objects, {len(accepted_bytes)} B", fmt_time(t), fmt_time(o), f"{t / o:.1f}×"))
    o_ref = per_call(lambda: Report(_native.parse_response("find_report", 200, headers_json, reference_bytes, "v3.6")), runs)
    rows.append((f"(b′) ours on the unchanged reference example, {len(reference_bytes)} B", "rejected", fmt_time(o_ref), "–"))

    # (e) three calls through an in-memory transport: create an applicant, create a check, find the report
    applicant_id, check_id, report_id = "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "8546921f-1c9d-4b0b-9d1a-1e3b52b5c1a7", str(theirs_parsed.id)
    answers = {
        ("POST", "/v3.6/applicants"): (201, json.dumps({
            "id": applicant_id, "first_name": "Jane", "last_name": "Doe", "created_at": "2024-05-01T10:00:00Z",
            "href": f"/v3.6/applicants/{applicant_id}", "sandbox": True}).encode()),
        ("POST", "/v3.6/checks"): (201, json.dumps({
            "id": check_id, "applicant_id": applicant_id, "created_at": "2024-05-01T10:00:01Z", "status": "in_progress",
            "href": f"/v3.6/checks/{check_id}", "results_uri": "https://dashboard.onfido.com/checks/x", "report_ids": [report_id],
            "tags": [], "sandbox": True}).encode()),
        ("GET", f"/v3.6/reports/{report_id}"): (200, accepted_bytes),
    }

    def answer(method: str, url: str) -> Tuple[int, bytes]:
        return answers[(method, "/" + url.split("://", 1)[1].split("/", 1)[1].split("?")[0])]

    class TheirPool:  # stands in for urllib3.PoolManager: no socket, the same bytes
        connection_pool_kw: Dict[str, Any] = {}

        def request(self, method: str, url: str, **_: Any) -> Any:
            import urllib3

            status, data = answer(method, url)
            return urllib3.HTTPResponse(body=data, status=status, reason="OK", headers={"Content-Type": "application/json"}, preload_content=True)

    their_api = onfido.DefaultApi(onfido.ApiClient(onfido.Configuration(api_token="api_sandbox.bench", region=onfido.configuration.Region.EU)))
    their_api.api_client.rest_client.pool_manager = TheirPool()

    class OurTransport:  # an onfido_core Transport: no socket, the same bytes
        def send(self, request: Any, timeout: float) -> Any:
            status, data = answer(request.method, request.url)
            return onfido_core.Response(status, [("Content-Type", "application/json")], data)

        def close(self) -> None:
            pass

    our_client = onfido_core.Client(api_token="api_sandbox.bench", transport=OurTransport())

    def theirs_calls() -> Any:
        applicant = their_api.create_applicant(onfido.ApplicantBuilder(first_name="Jane", last_name="Doe"))
        check = their_api.create_check(onfido.CheckBuilder(applicant_id=applicant.id, report_names=["document"]))
        return their_api.find_report(check.report_ids[0])

    def ours_calls() -> Any:
        applicant = our_client.applicants.create(first_name="Jane", last_name="Doe")
        check = our_client.checks.create(applicant_id=applicant.id, report_names=["document"])
        return our_client.reports.find(check.report_ids[0])

    assert str(theirs_calls().actual_instance.id) == ours_calls().id == report_id
    t, o = per_call(theirs_calls, runs), per_call(ours_calls, runs)
    rows.append(("(e) `applicants.create` + `checks.create` + `reports.find`, in-memory transport / mocked pool", fmt_time(t), fmt_time(o), f"{t / o:.1f}×"))

    # (c) import time
    imports = import_times(["onfido", "onfido_core"], 5)
    t, o = imports["onfido"], imports["onfido_core"]
    rows.append(("(c) `import` in a fresh interpreter (median of 5, -X importtime)", fmt_time(t), fmt_time(o), f"{t / o:.1f}×"))

    # (d) sizes
    ours_whl, theirs_whl = our_wheel(), their_wheel()
    t, o = theirs_whl.stat().st_size, ours_whl.stat().st_size
    rows.append(("(d) wheel", fmt_size(t), fmt_size(o), f"{t / o:.2f}×"))
    empty = tree_size(footprint_venv("empty", None, args.rebuild_footprint))
    t_sp = footprint_venv("onfido-python", THEIRS, args.rebuild_footprint)
    o_sp = footprint_venv("onfido-core", str(ours_whl), args.rebuild_footprint)
    t, o = tree_size(t_sp) - empty, tree_size(o_sp) - empty
    rows.append(("(d′) installed with dependencies (fresh venv − empty venv)", fmt_size(t), fmt_size(o), f"{t / o:.2f}×"))

    def packages(site: Path) -> str:
        names = sorted({p.name.split("-")[0] for p in site.glob("*.dist-info")} - {"pip", "setuptools"})
        return ", ".join(names)

    notes.append(f"onfido-python installs: {packages(t_sp)}")
    notes.append(f"onfido-core installs: {packages(o_sp)}")

    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
          f"onfido-python {onfido.__version__} (pydantic models), onfido-core {onfido_core.__version__}; "
          f"timeit medians of {runs} runs")
    print()
    print("| benchmark | onfido-python 6.2.0 | onfido-core | theirs/ours |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print("(a): theirs is `WebhookEventVerifier(token).read_payload(body.decode(), signature)` (HMAC-SHA256, then "
          "`WebhookEvent.from_json`); ours is `verify_webhook(body_bytes, headers, token)`.")
    print("(b): theirs is `DocumentReport.from_json(text)`; ours is `Report(_native.parse_response('find_report', ..., 'v3.6'))`, "
          "what `Client` does with a response body.")
    for note in notes:
        print(f"Note: {note}")


if __name__ == "__main__":
    main()
