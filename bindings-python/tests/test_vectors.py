"""The shared vectors (`tests/vectors/` and `$ONFIDO_VECTORS`) through the native module.

One test per vector file; every case of it runs and every failure is reported by file and name.
The comparison rules are those of VECTORS.md. The session ends with `vectors: N passed, M failed`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

import pytest

from onfido_core import _native

HERE = Path(__file__).resolve().parent
REPO_VECTORS = HERE.parent.parent / "tests" / "vectors"

KINDS = ("build_request", "parse_response", "link_header", "referrer_pattern", "check_result", "webhook_signature")

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


def json_equal(a: Any, b: Any) -> bool:
    """JSON value equality: booleans are not numbers, numbers compare by value, objects by key."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if a is None or b is None:
        return a is None and b is None
    return type(a) is type(b) and a == b


def subset(actual: Any, expected: Any, path: str = "") -> None:
    """`expected` names a subset of `actual`: objects key by key (missing == null), arrays element by element."""
    where = path or "."
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            raise CaseFailure(f"{where}: {short(actual)} is not an object, expected {short(expected)}")
        for key, want in expected.items():
            child = f"{path}.{key}"
            if key not in actual:
                if want is None:
                    continue
                raise CaseFailure(f"{child}: missing, expected {short(want)}")
            subset(actual[key], want, child)
        return
    if isinstance(expected, list):
        if not isinstance(actual, list):
            raise CaseFailure(f"{where}: {short(actual)} is not an array, expected {short(expected)}")
        if len(actual) != len(expected):
            raise CaseFailure(f"{where}: {len(actual)} elements, expected {len(expected)}")
        for i, (have, want) in enumerate(zip(actual, expected)):
            subset(have, want, f"{path}[{i}]")
        return
    if not json_equal(actual, expected):
        raise CaseFailure(f"{where}: {short(actual)} != {short(expected)}")


def short(value: Any, limit: int = 200) -> str:
    text = json.dumps(value, default=repr, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"


_DEFAULT_PORTS = {"http": 80, "https": 443}


def same_url(actual: str, expected: str) -> None:
    """Equal URLs: one trailing slash of the path ignored; the query as decoded pairs in any order."""

    def parts(url: str) -> Tuple[str, Optional[str], Optional[int], str, List[Tuple[str, str]]]:
        s = urlsplit(url)
        port = s.port if s.port is not None else _DEFAULT_PORTS.get(s.scheme.lower())
        path = s.path[:-1] if s.path.endswith("/") else s.path
        pairs = sorted(parse_qsl(s.query, keep_blank_values=True))
        return s.scheme.lower(), (s.hostname or "").lower(), port, path, pairs

    if parts(actual) != parts(expected):
        raise CaseFailure(f"url {actual} != {expected}")


def header(headers: List[Tuple[str, str]], name: str) -> Optional[str]:
    return next((v for n, v in headers if n.lower() == name.lower()), None)


# --- a small multipart/form-data reader (independent of the core's)


def _disposition_params(value: str) -> Dict[str, str]:
    """The parameters of a Content-Disposition value, honouring quoted strings."""
    params: Dict[str, str] = {}
    i, n = 0, len(value)
    # Skip the disposition type.
    while i < n and value[i] != ";":
        i += 1
    while i < n:
        i += 1  # the ';'
        while i < n and value[i] in " \t":
            i += 1
        start = i
        while i < n and value[i] not in "=;":
            i += 1
        key = value[start:i].strip().lower()
        if i >= n or value[i] == ";":
            continue
        i += 1  # '='
        if i < n and value[i] == '"':
            i += 1
            out = []
            while i < n and value[i] != '"':
                if value[i] == "\\" and i + 1 < n:
                    i += 1
                out.append(value[i])
                i += 1
            i += 1  # closing quote
            val = "".join(out)
            while i < n and value[i] != ";":
                i += 1
        else:
            start = i
            while i < n and value[i] != ";":
                i += 1
            val = value[start:i].strip()
        params[key] = val
    return params


def parse_multipart(content_type: str, body: bytes) -> List[Dict[str, Any]]:
    """The parts of a multipart/form-data body: name, filename, content_type, data."""
    mime, _, rest = content_type.partition(";")
    if mime.strip().lower() != "multipart/form-data":
        raise CaseFailure(f"Content-Type {content_type!r} is not multipart/form-data")
    boundary = None
    for param in rest.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "boundary":
            boundary = value.strip().strip('"')
    if not boundary:
        raise CaseFailure(f"no boundary in {content_type!r}")
    delimiter = b"--" + boundary.encode()
    if not body.startswith(delimiter):
        raise CaseFailure("the body does not start with the boundary")
    pos = len(delimiter)
    parts: List[Dict[str, Any]] = []
    while True:
        if body[pos : pos + 2] == b"--":
            if body[pos + 2 :] not in (b"", b"\r\n"):
                raise CaseFailure(f"bytes after the closing boundary: {body[pos + 2:pos + 40]!r}")
            return parts
        if body[pos : pos + 2] != b"\r\n":
            raise CaseFailure("a boundary line is not followed by CRLF")
        pos += 2
        end = body.find(b"\r\n" + delimiter, pos)
        if end < 0:
            raise CaseFailure("an unterminated part")
        chunk = body[pos:end]
        head, sep, data = chunk.partition(b"\r\n\r\n")
        if not sep:
            raise CaseFailure("a part without a blank line after its headers")
        part: Dict[str, Any] = {"name": None, "filename": None, "content_type": None, "data": data}
        for line in head.decode("utf-8").split("\r\n"):
            name, colon, value = line.partition(":")
            if not colon:
                raise CaseFailure(f"a malformed part header {line!r}")
            if name.strip().lower() == "content-disposition":
                if value.strip().split(";")[0].strip().lower() != "form-data":
                    raise CaseFailure(f"a part that is not form-data: {value!r}")
                params = _disposition_params(value.strip())
                part["name"] = params.get("name")
                part["filename"] = params.get("filename")
            elif name.strip().lower() == "content-type":
                part["content_type"] = value.strip()
        if not part["name"]:
            raise CaseFailure("a part without a name")
        parts.append(part)
        pos = end + 2 + len(delimiter)


def check_multipart(headers: List[Tuple[str, str]], body: bytes, expected: List[Dict[str, Any]]) -> None:
    content_type = header(headers, "content-type")
    if content_type is None:
        raise CaseFailure("no Content-Type header")
    parts = parse_multipart(content_type, body)
    if len(parts) != len(expected):
        raise CaseFailure(f"{len(parts)} parts {[p['name'] for p in parts]}, expected {len(expected)}")
    for want in expected:
        name = want["name"]
        part = next((p for p in parts if p["name"] == name), None)
        if part is None:
            raise CaseFailure(f"no part {name!r} among {[p['name'] for p in parts]}")
        if "text" in want and part["data"] != want["text"].encode("utf-8"):
            raise CaseFailure(f"part {name}: {part['data'][:80]!r} != {want['text']!r}")
        if "filename" in want and part["filename"] != want["filename"]:
            raise CaseFailure(f"part {name}: filename {part['filename']!r} != {want['filename']!r}")
        if "content_type" in want and part["content_type"] != want["content_type"]:
            raise CaseFailure(f"part {name}: content type {part['content_type']!r} != {want['content_type']!r}")
        if "sha256" in want:
            digest = hashlib.sha256(part["data"]).hexdigest()
            if digest != want["sha256"].lower():
                raise CaseFailure(f"part {name}: sha256 {digest} != {want['sha256']}")


# --- errors


def core_error_info(error: _native.CoreError) -> Dict[str, Any]:
    payload = error.args[0] if error.args else None
    if not isinstance(payload, str):
        raise CaseFailure(f"CoreError without a JSON description: {error!r}")
    try:
        info = json.loads(payload)
    except ValueError as e:
        raise CaseFailure(f"CoreError's args[0] is not JSON ({e}): {payload[:200]!r}") from None
    if not isinstance(info, dict) or "kind" not in info:
        raise CaseFailure(f"CoreError's JSON has no kind: {payload[:200]!r}")
    return info


def check_error(info: Dict[str, Any], expected: Dict[str, Any]) -> None:
    if info.get("kind") != expected.get("kind"):
        raise CaseFailure(f"error kind {info.get('kind')!r} != {expected.get('kind')!r} ({info.get('message')})")
    if "status" in expected and info.get("status") != expected["status"]:
        raise CaseFailure(f"status {info.get('status')!r} != {expected['status']!r}")
    for key in ("type", "id", "retry_after"):
        if key in expected and not json_equal(info.get(key), expected[key]):
            raise CaseFailure(f"{key} {info.get(key)!r} != {expected[key]!r}")
    for key in ("api_message", "message"):
        if key == "message" and "message" in expected:
            # The API's message (`api_message`) or the error's own text.
            if expected["message"] not in (info.get("api_message"), info.get("message")):
                raise CaseFailure(f"message {info.get('api_message')!r} != {expected['message']!r}")
        elif key in expected and info.get(key) != expected[key]:
            raise CaseFailure(f"{key} {info.get(key)!r} != {expected[key]!r}")
    fields = info.get("fields") or {}
    want = expected.get("fields")
    if isinstance(want, list):
        missing = [name for name in want if name not in fields]
        if missing:
            raise CaseFailure(f"no error on fields {missing}; errors: {short(fields)}")
    elif isinstance(want, dict):
        for name, messages in want.items():
            if not json_equal(fields.get(name), messages):
                raise CaseFailure(f"field {name}: {fields.get(name)!r} != {messages!r}")
    elif want is not None:
        raise CaseFailure(f"expected fields must be a list or an object, got {short(want)}")


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


def run_build_request(case: Dict[str, Any]) -> None:
    expect = case["expect"]
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
        if "error" not in expect:
            raise CaseFailure(f"unexpected error: {error.args[0]}") from None
        check_error(core_error_info(error), expect["error"])
        return
    if "error" in expect:
        raise CaseFailure(f"expected a {expect['error'].get('kind')} error, built {method} {url}")
    if "method" in expect and method != expect["method"]:
        raise CaseFailure(f"method {method} != {expect['method']}")
    if "url" in expect:
        same_url(url, expect["url"])
    for name, value in (expect.get("headers") or {}).items():
        actual = header(headers, name)
        if actual != value:
            raise CaseFailure(f"header {name}: {actual!r} != {value!r}")
    if "json" in expect:
        try:
            actual_json = json.loads(body)
        except ValueError as e:
            raise CaseFailure(f"body is not JSON ({e}): {body[:200]!r}") from None
        if not json_equal(actual_json, expect["json"]):
            raise CaseFailure(f"json body {short(actual_json, 400)} != {short(expect['json'], 400)}")
    if "multipart" in expect:
        check_multipart(headers, body, expect["multipart"])


def response_headers(case: Dict[str, Any]) -> List[Tuple[str, str]]:
    given = case.get("headers")
    if isinstance(given, dict):
        return [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in given.items()]
    if isinstance(given, list):
        return [(str(k), str(v)) for k, v in given]
    return []


def read_back(operation: str, output: Any) -> Any:
    """The native output as the API's JSON reads it back (VECTORS.md)."""
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


def run_parse_response(case: Dict[str, Any]) -> None:
    expect = case["expect"]
    operation = case["operation"]
    version = case.get("api_version")
    try:
        output = _native.parse_response(
            operation, int(case["status"]), response_headers(case), body_of(case), api_version=version
        )
    except _native.CoreError as error:
        if "error" not in expect:
            raise CaseFailure(f"unexpected error: {error.args[0]}") from None
        check_error(core_error_info(error), expect["error"])
        return
    if "error" in expect:
        raise CaseFailure(f"expected a {expect['error'].get('kind')} error, parsed {short(output, 300)}")
    if "ok" not in expect:
        raise CaseFailure("expect has neither ok nor error")
    # v3 answers already read back as the API's JSON (tests/vectors/README.md).
    subset(output if version in ("v3.4", "v3.6") else read_back(operation, output), expect["ok"])


def run_link_header(case: Dict[str, Any]) -> None:
    expect = case["expect"]
    try:
        links = _native.parse_link_header(case["header"])
    except _native.CoreError as error:
        if expect == "invalid":
            return
        raise CaseFailure(f"refused: {error.args[0]}") from None
    if expect == "invalid":
        raise CaseFailure(f"expected invalid, parsed {short(links)}")
    actual = {rel: links.get(rel) for rel in ("next", "prev", "first", "last")}
    subset(actual, expect)


def run_referrer_pattern(case: Dict[str, Any]) -> None:
    try:
        pattern = _native.ReferrerPattern(case["pattern"])
    except _native.CoreError:
        outcome = "invalid_pattern"
    else:
        outcome = "match" if pattern.matches(case["url"]) else "no_match"
    if outcome != case["expect"]:
        raise CaseFailure(f"{outcome} != {case['expect']}")


def run_check_result(case: Dict[str, Any]) -> None:
    results = case["report_results"]
    if not isinstance(results, list):
        raise CaseFailure("report_results is not a list")
    actual = _native.check_result(results)
    if actual != case["expect"]:
        raise CaseFailure(f"{actual!r} != {case['expect']!r}")


def run_webhook_signature(case: Dict[str, Any]) -> None:
    valid = _native.verify_signature(body_of(case), case["signature"], case["secret"], case["algorithm"])
    if not isinstance(case.get("valid"), bool):
        raise CaseFailure("valid is not a boolean")
    if valid != case["valid"]:
        raise CaseFailure(f"verified {valid}, expected {case['valid']}")


RUNNERS: Dict[str, Callable[[Dict[str, Any]], None]] = {
    "build_request": run_build_request,
    "parse_response": run_parse_response,
    "link_header": run_link_header,
    "referrer_pattern": run_referrer_pattern,
    "check_result": run_check_result,
    "webhook_signature": run_webhook_signature,
}
assert set(RUNNERS) == set(KINDS)


def run_file(path: Path) -> Tuple[int, List[str]]:
    """(cases passed, failure lines) for one vector file."""
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
    runner = RUNNERS.get(kind) if isinstance(kind, str) else None
    passed, failures = 0, []
    for case in cases:
        name = case.get("name", "(unnamed)") if isinstance(case, dict) else "(not an object)"
        if runner is None:
            failures.append(f"{path.name}: {name}: unknown vector kind {kind!r}: this runner supports {', '.join(KINDS)}")
            continue
        try:
            runner(case)
        except CaseFailure as why:
            failures.append(f"{path.name}: {name}: {why}")
        except Exception as e:  # a malformed case or a binding crash is a failure of that case, not of the run
            failures.append(f"{path.name}: {name}: {type(e).__name__}: {e}")
        else:
            passed += 1
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
