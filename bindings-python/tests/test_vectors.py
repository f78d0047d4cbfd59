"""The shared vectors (`tests/vectors/` and `$ONFIDO_VECTORS`) through the native module.

One test per vector file; every case of it runs and every failure is reported by file and name.
Each case is observed through the native module and judged by the core's one checker
(`_native.check_vector`, the `onfido-vectors` crate), the same in every runtime. The session ends with `vectors: N passed, M failed`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

from onfido_core import _native

HERE = Path(__file__).resolve().parent
REPO_VECTORS = HERE.parent.parent / "tests" / "vectors"

# The wrapper key each list operation reads back under (the API's own list envelope).
LIST_KEYS = {
    "list_applicants": "applicants",
    "list_documents": "documents",
    "list_live_photos": "live_photos",
    "list_live_videos": "live_videos",
    "list_checks": "checks",
    "list_reports": "reports",
    "list_webhooks": "webhooks",
    "list_report_type_groups": "report_type_groups",
    "pick_addresses": "addresses",
}
DOWNLOADS = {"download_document", "download_live_photo", "download_live_video"}


class CaseFailure(Exception):
    """Why one case failed."""


# --- which files run


def vector_dirs() -> List[Tuple[str, Path]]:
    dirs = [("tests/vectors", REPO_VECTORS), ("tests/vectors/v3", REPO_VECTORS / "v3")]
    extra = os.environ.get("ONFIDO_VECTORS")
    if extra:
        dirs.append(("$ONFIDO_VECTORS", Path(extra)))
    return dirs


def vector_params() -> List[Any]:
    params = []
    for label, directory in vector_dirs():
        if not directory.is_dir():
            params.append(pytest.param(label, directory, id=f"{label} (missing)"))
            continue
        for path in sorted(directory.glob("*.json")):
            params.append(pytest.param(label, path, id=f"{label}/{path.name}"))
    return params


# --- comparisons


# --- the six kinds


def body_of(case: Dict[str, Any]) -> bytes:
    if case.get("body_base64") is not None:
        return base64.b64decode(case["body_base64"], validate=True)
    body = case.get("body")
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    # As the Rust runner writes it (serde_json without preserve_order): compact, keys sorted. Only a
    # signature depends on this; VECTORS.md leaves the serialisation of JSON-valued bodies open.
    return json.dumps(body, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode("utf-8")


def core_error_json(error: _native.CoreError) -> Dict[str, Any]:
    info: Dict[str, Any] = json.loads(error.args[0])
    return info


def observe_build_request(case: Dict[str, Any]) -> Any:
    now = case["now"] if case.get("now") is not None else int(time.time())
    config_json = case.get("config") or {}
    try:
        config = _native.Config(
            config_json.get("token", config_json.get("api_token")),
            region=config_json.get("region"),
            api_version=config_json.get("api_version") or "v2",
            base_url=config_json.get("base_url"),
        )
        method, url, headers, body = _native.build_request(case["operation"], config, case.get("input") or {}, now)
    except _native.CoreError as error:
        return {"error": core_error_json(error)}
    return {"method": method, "url": url, "headers": headers, "body_base64": base64.b64encode(body).decode()}


def response_headers(case: Dict[str, Any]) -> List[Tuple[str, str]]:
    given = case.get("headers")
    if isinstance(given, dict):
        return [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in given.items()]
    if isinstance(given, list):
        return [(str(k), str(v)) for k, v in given]
    return []


def read_back(operation: str, output: Any) -> Any:
    """The native v2 output as the API's JSON reads it back (VECTORS.md)."""
    if output is None:
        return {}
    if isinstance(output, tuple):
        items, _page = output
        key = LIST_KEYS.get(operation)
        if key is None:
            raise CaseFailure(f"{operation} returned a list but has no wrapper key in LIST_KEYS")
        return {key: items}
    if operation in DOWNLOADS:
        content = output["content"]
        if not isinstance(content, bytes):
            raise CaseFailure(f"download content is {type(content).__name__}, not bytes")
        return {
            "content_type": output.get("content_type"),
            "filename": output.get("filename"),
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        }
    return output


def observe_parse_response(case: Dict[str, Any]) -> Any:
    operation = case["operation"]
    version = case.get("api_version")
    try:
        output = _native.parse_response(
            operation, int(case["status"]), response_headers(case), body_of(case), api_version=version
        )
    except _native.CoreError as error:
        return {"error": core_error_json(error)}
    # v3 answers already read back as the API's JSON (tests/vectors/README.md).
    return {"ok": output if version in ("v3.4", "v3.6") else read_back(operation, output)}


def observe_link_header(case: Dict[str, Any]) -> Any:
    try:
        links = _native.parse_link_header(case["header"])
    except _native.CoreError as error:
        return {"error": core_error_json(error)}
    return {"ok": {rel: links.get(rel) for rel in ("next", "prev", "first", "last")}}


def observe_referrer_pattern(case: Dict[str, Any]) -> Any:
    try:
        pattern = _native.ReferrerPattern(case["pattern"])
    except _native.CoreError:
        return "invalid_pattern"
    return "match" if pattern.matches(case["url"]) else "no_match"


def observe_check_result(case: Dict[str, Any]) -> Any:
    return _native.check_result(case["report_results"])


def observe_webhook_signature(case: Dict[str, Any]) -> Any:
    return _native.verify_signature(body_of(case), case["signature"], case["secret"], case["algorithm"])


OBSERVERS: Dict[str, Callable[[Dict[str, Any]], Any]] = {
    "build_request": observe_build_request,
    "parse_response": observe_parse_response,
    "link_header": observe_link_header,
    "referrer_pattern": observe_referrer_pattern,
    "check_result": observe_check_result,
    "webhook_signature": observe_webhook_signature,
}


def run_file(path: Path) -> Tuple[int, List[str]]:
    """(cases passed, failure lines) for one vector file; the core's checker judges every case."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return 0, [f"{path.name}: not a JSON vector file: {e}"]
    if not isinstance(doc, dict):
        return 0, [f"{path.name}: not a JSON object"]
    kind = doc.get("kind")
    cases = doc.get("cases")
    if not isinstance(cases, list) or not cases:
        return 0, [f"{path.name}: no cases"]
    observer = OBSERVERS.get(kind) if isinstance(kind, str) else None
    passed, failures = 0, []
    for case in cases:
        name = case.get("name", "(unnamed)") if isinstance(case, dict) else "(not an object)"
        try:
            observed = observer(case) if observer is not None else None
            why = _native.check_vector(str(kind), json.dumps(case), json.dumps(observed))
        except CaseFailure as failure:
            why = str(failure)
        except Exception as e:  # a malformed case or a binding crash is a failure of that case, not of the run
            why = f"{type(e).__name__}: {e}"
        if why is None:
            passed += 1
        else:
            failures.append(f"{path.name}: {name}: {why}")
    return passed, failures


@pytest.mark.parametrize("label, path", vector_params())
def test_vector_file(label: str, path: Path, vector_tally: Any) -> None:
    vector_tally.files += 1
    if not path.is_file():
        vector_tally.failed += 1
        pytest.fail(f"{label}: cannot read the vector directory {path}")
    passed, failures = run_file(path)
    vector_tally.passed += passed
    vector_tally.failed += len(failures)
    for line in failures:
        print(f"FAIL {label}/{line}")
    assert not failures, f"{len(failures)} failing case(s) in {label}/{path.name}:\n" + "\n".join(failures)


def test_vector_directories_exist() -> None:
    for label, directory in vector_dirs():
        assert directory.is_dir(), f"{label}: {directory} is not a directory"
    assert list(REPO_VECTORS.glob("*.json")), f"no vector files in {REPO_VECTORS}"


def test_the_checker_refuses_a_wrong_observation() -> None:
    case = {"name": "n", "report_results": ["consider", "clear"], "expect": "consider"}
    assert _native.check_vector("check_result", json.dumps(case), json.dumps("consider")) is None
    assert _native.check_vector("check_result", json.dumps(case), json.dumps("clear")) == '"clear" != "consider"'
    assert _native.check_vector("check_result", "{not json", "null") is not None
    assert "unknown vector kind" in (_native.check_vector("nope", "{}", "null") or "")
