"""A smoke test of an installed onfido-core (scripts/package.sh runs it against the package built
from the sdist, from outside the repository): one shared vector parsed, one built, and a call on the
in-process sandbox. Usage: python smoke.py VECTORS_DIR [--unpacked] (VECTORS_DIR: the repository's
tests/vectors, read as data; --unpacked: the package is a wheel unpacked onto PYTHONPATH, not installed).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import onfido_core
from onfido_core import Client, SandboxTransport, ValidationError, _native


def subset(actual: Any, expected: Any, where: str = "$") -> None:
    """Every expected member is in `actual` with the same value (vectors' `ok` are subsets)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: {actual!r} is not an object"
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} missing"
            subset(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{where}: {actual!r} != {expected!r}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            subset(a, e, f"{where}[{i}]")
    else:
        assert actual == expected and type(actual) is type(expected), f"{where}: {actual!r} != {expected!r}"


def main(vectors: Path, unpacked: bool) -> None:
    module = Path(_native.__file__).resolve()
    repository = vectors.resolve().parent.parent
    assert repository not in module.parents, f"onfido_core._native comes from the repository: {module}"
    if not unpacked:
        assert "site-packages" in module.parts, f"onfido_core._native comes from {module}, not an installed package"
    print(f"onfido_core {onfido_core.__version__} from {module.parent}")

    case = json.loads((vectors / "parse_applicants.json").read_text(encoding="utf-8"))["cases"][0]
    body = json.dumps(case["body"]).encode("utf-8")
    parsed = _native.parse_response(case["operation"], case["status"], list(case["headers"].items()), body)
    subset(parsed, case["expect"]["ok"])
    print(f"parsed: {case['name']}")

    case = json.loads((vectors / "build_applicants.json").read_text(encoding="utf-8"))["cases"][0]
    config = _native.Config(case["config"]["token"], region=case["config"]["region"], api_version="v2")
    method, url, headers, request_body = _native.build_request(case["operation"], config, case["input"], case.get("now") or int(time.time()))
    assert (method, url) == (case["expect"]["method"], case["expect"]["url"]), (method, url)
    assert json.loads(request_body) == case["expect"]["json"]
    assert dict(headers)["Authorization"] == case["expect"]["headers"]["Authorization"]
    print(f"built: {case['name']}")

    # The package's default client: API v3.6, generated from the description.
    client = Client(api_token="api_sandbox.smoke", transport=SandboxTransport())
    applicant = client.applicants.create(first_name="Jane", last_name="Doe", dob="1990-01-01")
    assert client.applicants.find(applicant.id).first_name == "Jane"
    try:
        client.applicants.create(first_name="Jane", last_name="Doe", dob="1990-02-30")
        raise AssertionError("an impossible date was accepted")
    except ValidationError as error:
        assert list(error.fields) == ["dob"], error.fields
    print(f"sandbox: applicant {applicant.id} created and read back; a bad dob refused before sending")
    print("smoke: 3 passed, 0 failed")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:] == ["--unpacked"])
