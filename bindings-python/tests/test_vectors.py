"""The shared vectors (`tests/vectors/` and `$ONFIDO_VECTORS`), through the package's public API.

One test per vector file; every case of it runs and every failure is reported by file and name.
What each case observed is judged by the core's one checker (`_native.check_vector`, the
`onfido-vectors` crate), the same in every runtime. The session ends with `vectors: N passed, M
failed` and how many build and parse cases went through the typed API and how many through `request`.

- `build_request`: a client of the case's config and version (`onfido_core.Client`, or
  `onfido_core.v2.Client` for v2) calls the generated resource method of the case's operation with
  the case's input as arguments: path ids positionally, everything else as keywords under the
  methods' names, a file as `file=` bytes and `filename=`. The transport keeps the request the core
  built and ends the call; that request is the observation, or the error the client raised (as the
  core's error JSON). The input the method handed the client's `_call` must be the case's input.
- `parse_response`: the same method, called with a valid input of its operation (the first build
  case of that operation and version family that builds), on a transport answering the case's
  response (no retries). The observation is what the method returned, read back as the API's JSON:
  `to_dict()` of each model (a list under its wrapper key), a download's size and hash, `{}` for
  None, `{"text"}`, `{"location"}`; or its error. A documented 302 is followed by the core's driver:
  the observation is the location it fetched, which must carry no `Authorization`.
- Cases the typed API cannot express go through `client.request(operation, input)` (the same client,
  transport and driver) and are counted by reason: an input field no parameter names (the core must
  refuse it), a value the method's annotations refuse (what mypy would refuse: a number for a text,
  an unknown enum value, a misspelt key in a nested object), a null (a method's None means "not
  sent"), a path id that is not text or is missing, a file the method takes another way (an empty
  or null name); and parse cases of an operation with no valid build input.
- The kinds with no operation (`link_header`, `referrer_pattern`, `check_result`,
  `webhook_signature`) go to the native module's functions, which the package's helpers wrap.
"""

from __future__ import annotations

import base64
import collections.abc
import hashlib
import inspect
import json
import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Dict, List, Literal, Optional, Tuple, Union, get_args, get_origin, get_type_hints

import pytest

import onfido_core
from onfido_core import _native, v2
from onfido_core._base import Download, Model, Page
from onfido_core._engine import plain
from onfido_core._errors import ApiError, ConfigError, DecodeError, OnfidoError, TransportError, ValidationError

HERE = Path(__file__).resolve().parent
REPO_VECTORS = HERE.parent.parent / "tests" / "vectors"
API = HERE.parent.parent / "api"


class CaseFailure(Exception):
    """Why one case failed."""


class NotExpressible(Exception):
    """The typed API cannot express this case's input (the reason names why)."""


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


# --- the operations as the generated methods name them (from the descriptions the generator read)


KEYWORDS = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
}
RESERVED = {"get", "to_dict", "extra", "keys", "from_dict", "raw"}


def attribute(key: str) -> str:
    """A field's keyword as the generator names it (`xtask/src/python.rs`, `attribute`)."""
    out = re.sub(r"[^A-Za-z0-9]", "_", key)
    if out[:1].isdigit():
        out = "_" + out
    return out + "_" if out in KEYWORDS or out in RESERVED else out


class Operation:
    """One operation of a description: its method, path ids, keywords, upload field and answer shape."""

    def __init__(self, op: Dict[str, Any], schemas: Dict[str, Any]) -> None:
        self.id: str = op["id"]
        self.resource: str = op["surface"]["resource"]
        params = op.get("params") or []
        self.path = [p["name"] for p in params if p["in"] == "path"]
        self.keywords = {p["name"]: attribute(p["name"]) for p in params if p["in"] != "path"}
        self.paginated = any(p["name"] == "page" for p in params)
        self.method: str = op["surface"]["method"] + ("_page" if self.paginated else "")
        self.file: Optional[str] = None
        body = (op.get("body") or {}).get("schema")
        while body is not None and "ref" in body:
            body = schemas[body["ref"]]
        for key, prop in ((body or {}).get("properties") or {}).items():
            if prop.get("readOnly"):
                continue
            self.keywords[key] = attribute(key)
            if prop.get("format") == "binary":
                self.file = key
        # A list answer's wrapper key (`{"applicants": [...]}`), as the generated readers take it.
        self.wrapper: Optional[str] = None
        ok = next((r for r in op["responses"] if str(r["status"]).startswith("2")), {})
        target = schemas.get((ok.get("schema") or {}).get("ref", ""), {})
        props = target.get("properties") or {}
        if len(props) == 1 and next(iter(props.values())).get("type") == "array":
            self.wrapper = next(iter(props))


def operations(path: Path) -> Dict[str, Operation]:
    description = json.loads(path.read_text(encoding="utf-8"))
    return {op["id"]: Operation(op, description["schemas"]) for op in description["operations"]}


OPERATIONS = {"v2": operations(API / "onfido-v2.json"), "v3": operations(API / "onfido-v3.json")}


def family(version: Optional[str]) -> str:
    return "v2" if version in (None, "v2") else "v3"


# --- does a value fit a method's annotation (what mypy --strict would accept)


def fits(value: Any, hint: Any) -> bool:
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    origin, args = get_origin(hint), get_args(hint)
    if origin is Union:
        return any(fits(value, a) for a in args)
    if origin is Literal:
        return any(type(value) is type(a) and value == a for a in args)
    if origin in (list, collections.abc.Sequence):
        return isinstance(value, list) and all(fits(v, args[0]) for v in value)
    if origin in (dict, collections.abc.Mapping):
        return isinstance(value, dict) and all(isinstance(k, str) and fits(v, args[1]) for k, v in value.items())
    if hasattr(hint, "__required_keys__"):  # a TypedDict
        fields = get_type_hints(hint)
        return (
            isinstance(value, dict)
            and set(value) <= set(fields)
            and set(hint.__required_keys__) <= set(value)
            and all(fits(v, fields[k]) for k, v in value.items())
        )
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    if hint in (date, datetime, bytes):
        return False  # JSON has no dates or bytes: text goes to the `str` of `Union[str, date]`
    raise CaseFailure(f"the vector runner does not know the annotation {hint!r}")


# --- a client for a case, on a transport that answers as the case says


class Stop(Exception):
    """Ends a build case's call once the core has built the request."""


class Answering:
    """A transport that keeps each request; answers with `respond`, or stops the call (build cases)."""

    def __init__(self, respond: Optional[Callable[[onfido_core.Request], onfido_core.Response]] = None) -> None:
        self.requests: List[onfido_core.Request] = []
        self.respond = respond

    def send(self, request: onfido_core.Request, timeout: float) -> onfido_core.Response:
        self.requests.append(request)
        if self.respond is None:
            raise Stop()
        return self.respond(request)

    def close(self) -> None:
        pass


class Observing:
    """Keeps the input the typed method handed the client's one entry point, `_call`."""

    handed: Optional[Dict[str, Any]] = None

    def _call(self, operation: str, input: Dict[str, Any], read: Any) -> Any:
        self.handed = plain(input)
        return super()._call(operation, input, read)  # type: ignore[misc]


class ClientV3(Observing, onfido_core.Client):
    pass


class ClientV2(Observing, v2.Client):
    pass


def client_for(config: Dict[str, Any], transport: Answering) -> Any:
    version = config.get("api_version") or "v2"
    cls = ClientV2 if version == "v2" else ClientV3
    return cls(
        config.get("token", config.get("api_token")),
        region=config.get("region"),
        base_url=config.get("base_url"),
        api_version=version,
        transport=transport,
        retry=None,
    )


def typed_call(client: Any, operation: Operation, input: Dict[str, Any]) -> Callable[[], Any]:
    """The generated method called with the input as its arguments, or `NotExpressible`."""
    method = getattr(getattr(client, operation.resource), operation.method)
    hints = get_type_hints(method)
    rest = dict(input)
    args = []
    for name in operation.path:
        if name not in rest:
            raise NotExpressible("a path id missing")
        if not isinstance(rest.get(name), str):
            raise NotExpressible("a path id that is not text")
        args.append(rest.pop(name))
    kwargs: Dict[str, Any] = {}
    required = [
        name
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is inspect.Parameter.empty
    ]
    given = {operation.keywords.get(key) for key in rest}
    if any(name not in given for name in required):
        raise NotExpressible("a required field missing")
    for key, value in rest.items():
        name = operation.keywords.get(key)
        if name is None:
            raise NotExpressible("an input field no parameter names")
        if value is None:
            raise NotExpressible("a null")
        if key == operation.file:
            if not isinstance(value, dict) or set(value) - {"filename", "content_base64"} or "content_base64" not in value:
                raise NotExpressible("a file given another way")
            if "filename" in value:
                if not (isinstance(value["filename"], str) and value["filename"]):
                    raise NotExpressible("a file given another way")
                kwargs["filename"] = value["filename"]
            kwargs[name] = base64.b64decode(value["content_base64"])
            continue
        if not fits(value, hints[name]):
            raise NotExpressible("a value the annotations refuse")
        kwargs[name] = value
    return lambda: method(*args, **kwargs)


def same_input(handed: Optional[Dict[str, Any]], input: Dict[str, Any], operation: Operation) -> None:
    """The typed method handed the core the case's input (a file's absent name is None there)."""
    if handed is None:
        raise CaseFailure("the method never reached the client's _call")
    handed = dict(handed)
    if operation.file in handed and isinstance(handed[operation.file], dict):
        handed[operation.file] = {k: v for k, v in handed[operation.file].items() if v is not None}
    if handed != input:
        raise CaseFailure(f"the typed method handed {handed!r}, not the case's input")


def error_json(error: OnfidoError) -> Dict[str, Any]:
    """An exception of the package as the core's error JSON (what the checker reads)."""
    out: Dict[str, Any] = {"kind": error.kind, "message": str(error)}
    if isinstance(error, ApiError):
        retry = error.retry_after
        out.update(status=error.status, type=error.type, api_message=error.api_message, fields=error.fields, id=error.error_id)
        out["retry_after"] = int(retry) if retry is not None and float(retry).is_integer() else retry
    elif isinstance(error, ValidationError):
        out["fields"] = error.fields
    elif isinstance(error, DecodeError):
        out["status"] = error.status
    elif isinstance(error, ConfigError):
        out["field"] = error.field
    elif isinstance(error, TransportError):
        out["failure"] = error.failure
    return out


class Tally:
    """How the build and parse cases of one file went: typed, or through request (by reason)."""

    def __init__(self) -> None:
        self.typed = 0
        self.through_request: Dict[str, int] = {}


def run_case(client: Any, operation: Operation, input: Dict[str, Any], tally: Tally) -> Any:
    """Runs the case's operation through the typed method, or (what it cannot express) `request`."""
    try:
        call = typed_call(client, operation, input)
    except NotExpressible as why:
        tally.through_request[str(why)] = tally.through_request.get(str(why), 0) + 1
        return client.request(operation.id, input)
    tally.typed += 1
    result = call()
    same_input(client.handed, input, operation)
    return result


# --- build_request


def observe_build_request(case: Dict[str, Any], tally: Tally) -> Any:
    if case.get("now") is not None:
        raise CaseFailure("a build case with `now`: the clients take the time from the clock")
    config = case.get("config") or {}
    transport = Answering()
    try:
        try:
            client = client_for(config, transport)
        except ConfigError:
            tally.typed += 1  # the client's constructor refused the config, as the case expects
            raise
        operation = OPERATIONS[family(config.get("api_version"))].get(case["operation"])
        if operation is None:
            # An operation this version lacks: the client refuses it as the core does.
            tally.through_request["an operation the version lacks"] = tally.through_request.get("an operation the version lacks", 0) + 1
            client.request(case["operation"], case.get("input") or {})
        else:
            run_case(client, operation, case.get("input") or {}, tally)
    except Stop:
        pass
    except OnfidoError as error:
        return {"error": error_json(error)}
    if len(transport.requests) != 1:
        raise CaseFailure(f"{len(transport.requests)} requests sent, not one")
    (request,) = transport.requests
    return {"method": request.method, "url": request.url, "headers": request.headers, "body_base64": base64.b64encode(request.body).decode()}


# --- parse_response


def valid_inputs() -> Dict[Tuple[str, str], Tuple[Dict[str, Any], Dict[str, Any]]]:
    """(family, operation) -> (config, input) of its first build case that builds."""
    found: Dict[Tuple[str, str], Tuple[Dict[str, Any], Dict[str, Any]]] = {}
    for path in sorted(REPO_VECTORS.glob("*.json")) + sorted((REPO_VECTORS / "v3").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("kind") != "build_request":
            continue
        for case in doc["cases"]:
            config = case.get("config") or {}
            key = (family(config.get("api_version")), case["operation"])
            if "error" not in case["expect"] and key not in found:
                found[key] = (config, case.get("input") or {})
    return found


VALID_INPUTS = valid_inputs()


def response_headers(case: Dict[str, Any]) -> List[Tuple[str, str]]:
    given = case.get("headers")
    if isinstance(given, dict):
        return [(k, v if isinstance(v, str) else json.dumps(v)) for k, v in given.items()]
    if isinstance(given, list):
        return [(str(k), str(v)) for k, v in given]
    return []


def read_back(result: Any, operation: Operation) -> Any:
    """What a method returned, as the API's JSON reads it back (tests/vectors/README.md)."""
    if result is None:
        return {}
    if isinstance(result, Download):
        content = result.content
        return {
            "content_type": result.content_type,
            "filename": result.filename,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
            "content_base64": base64.b64encode(content).decode(),
        }
    if isinstance(result, Model):
        return result.to_dict()
    if isinstance(result, (list, Page)):
        items = [item.to_dict() if isinstance(item, Model) else item for item in result]
        return {operation.wrapper: items} if operation.wrapper else items
    if isinstance(result, str):
        return {"location": result} if operation.id in LOCATION_ANSWERS else {"text": result}
    if isinstance(result, dict):
        return result  # through `request`: the answer as JSON already
    raise CaseFailure(f"{operation.id} returned a {type(result).__name__}")


def location_answers() -> set:
    ids = set()
    for name in ("onfido-v2.json", "onfido-v3.json"):
        for op in json.loads((API / name).read_text(encoding="utf-8"))["operations"]:
            ok = next((r for r in op["responses"] if str(r["status"]).startswith("2")), {})
            if str(ok.get("status")) == "201" and not ok.get("content_type"):
                ids.add(op["id"])
    return ids


LOCATION_ANSWERS = location_answers()


def observe_parse_response(case: Dict[str, Any], tally: Tally) -> Any:
    version = case.get("api_version")
    operation = OPERATIONS[family(version)][case["operation"]]
    answer = onfido_core.Response(int(case["status"]), response_headers(case), body_of(case))
    fetched: List[onfido_core.Request] = []

    def respond(request: onfido_core.Request) -> onfido_core.Response:
        if not transport.requests[:-1]:
            return answer
        # The driver follows a documented 302 to the file's storage.
        fetched.append(request)
        return onfido_core.Response(200, [("Content-Type", "application/octet-stream")], b"stored file")

    transport = Answering(respond)
    found = VALID_INPUTS.get((family(version), operation.id))
    config, input = found if found is not None else ({"token": "test_vectors"}, {})
    config = dict(config, api_version=version or "v2")
    try:
        client = client_for(config, transport)
        if found is None:
            tally.through_request["parse cases without a valid build input"] = tally.through_request.get("parse cases without a valid build input", 0) + 1
            result = client.request(operation.id, input)
        else:
            result = run_case(client, operation, input, tally)
    except OnfidoError as error:
        return {"error": error_json(error)}
    if fetched:
        (request,) = fetched
        if any(name.lower() == "authorization" for name, _ in request.headers):
            raise CaseFailure("the redirect was fetched with the API's Authorization")
        return {"ok": {"redirect": {"location": request.url}}}
    return {"ok": read_back(result, operation)}


def observe_link_header(case: Dict[str, Any], _: Tally) -> Any:
    try:
        links = _native.parse_link_header(case["header"])
    except _native.CoreError as error:
        return {"error": core_error_json(error)}
    return {"ok": {rel: links.get(rel) for rel in ("next", "prev", "first", "last")}}


def observe_referrer_pattern(case: Dict[str, Any], _: Tally) -> Any:
    try:
        pattern = _native.ReferrerPattern(case["pattern"])
    except _native.CoreError:
        return "invalid_pattern"
    return "match" if pattern.matches(case["url"]) else "no_match"


def observe_check_result(case: Dict[str, Any], _: Tally) -> Any:
    return _native.check_result(case["report_results"])


def observe_webhook_signature(case: Dict[str, Any], _: Tally) -> Any:
    return _native.verify_signature(body_of(case), case["signature"], case["secret"], case["algorithm"])


OBSERVERS: Dict[str, Callable[[Dict[str, Any], Tally], Any]] = {
    "build_request": observe_build_request,
    "parse_response": observe_parse_response,
    "link_header": observe_link_header,
    "referrer_pattern": observe_referrer_pattern,
    "check_result": observe_check_result,
    "webhook_signature": observe_webhook_signature,
}


def run_file(path: Path, tally: Optional[Tally] = None) -> Tuple[int, List[str]]:
    """(cases passed, failure lines) for one vector file; the core's checker judges every case."""
    tally = tally if tally is not None else Tally()
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
            observed = observer(case, tally) if observer is not None else None
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
    tally = Tally()
    passed, failures = run_file(path, tally)
    vector_tally.typed += tally.typed
    for why, n in tally.through_request.items():
        vector_tally.through_request[why] = vector_tally.through_request.get(why, 0) + n
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


def test_the_typed_api_expresses_most_build_and_parse_cases() -> None:
    """Guards the routing: most cases go through the generated methods, and `request` only takes
    what they cannot express (an unknown field must still reach the core, which refuses it)."""
    tally = Tally()
    for path in sorted(REPO_VECTORS.glob("*.json")) + sorted((REPO_VECTORS / "v3").glob("*.json")):
        if json.loads(path.read_text(encoding="utf-8"))["kind"] in ("build_request", "parse_response"):
            passed, failures = run_file(path, tally)
            assert not failures, failures[:5]
    through = sum(tally.through_request.values())
    assert tally.typed > 4 * through, (tally.typed, tally.through_request)
    assert tally.through_request.get("an input field no parameter names", 0) > 0
