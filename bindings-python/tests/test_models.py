"""Models and errors behave like Python values: copy, pickle, absent fields, names of uploads."""

from __future__ import annotations

import copy
import json
import pickle
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from onfido_core.v2 import (
    Applicant,
    ApiError,
    BreakdownItem,
    Client,
    RateLimitError,
    SandboxTransport,
    TransportFailure,
    ValidationError,
    missing_applicant_data,
)
from onfido_core import _native


def test_models_copy_and_pickle() -> None:
    applicant = Applicant({"id": "a1", "first_name": "Jane", "addresses": [{"street": "Main Street"}]})
    for clone in (copy.copy(applicant), copy.deepcopy(applicant), pickle.loads(pickle.dumps(applicant))):
        assert clone == applicant
        assert clone.addresses[0].street == "Main Street"


def test_absent_declared_fields_read_as_none() -> None:
    item = BreakdownItem({"result": "clear"})
    assert item.properties is None and item.breakdown is None
    # A breakdown's breakdowns are breakdowns (a schema holding itself), at any depth.
    tree = BreakdownItem({"result": "consider", "breakdown": {"a": {"breakdown": {"b": {"result": "consider"}}}}})
    assert tree.breakdown is not None and tree.breakdown["a"].breakdown is not None
    assert tree.breakdown["a"].breakdown["b"].result == "consider"
    with pytest.raises(AttributeError):
        item.not_a_field  # noqa: B018


def test_errors_pickle() -> None:
    error = RateLimitError("slow down", status=429, type="rate_limit", retry_after=30.0)
    clone = pickle.loads(pickle.dumps(error))
    assert isinstance(clone, ApiError) and clone.status == 429 and clone.retry_after == 30.0
    assert str(clone) == "slow down"
    validation = pickle.loads(pickle.dumps(ValidationError("bad", {"dob": ["bad date"]})))
    assert validation.fields == {"dob": ["bad date"]}
    failure = pickle.loads(pickle.dumps(TransportFailure("connect", "refused")))
    assert failure.failure == "connect" and str(failure) == "refused"
    assert _native.CoreError.__module__ == "onfido_core._native"


def test_uploads_from_bytes_are_named_by_their_magic(tmp_path: object) -> None:
    transport = SandboxTransport()
    client = Client(api_token="test_models", transport=transport)
    applicant = client.applicants.create(first_name="Jane", last_name="Doe")
    png = b"\x89PNG\r\n\x1a\n" + bytes(40_000)
    document = client.documents.upload(applicant.id, file=png, type="passport")
    assert document.file_name == "upload.png"


def test_control_characters_are_refused_before_sending() -> None:
    client = Client(api_token="test_models", transport=SandboxTransport())
    with pytest.raises(ValidationError) as caught:
        client.applicants.create(first_name="Jane\x00", last_name="Doe")
    assert "first_name" in caught.value.fields


def test_requirements_of_applicant_data_without_an_id() -> None:
    missing = missing_applicant_data({"type": "express", "reports": [{"name": "identity"}]}, {"first_name": "Jane", "last_name": "Doe"})
    assert [m["field"] for m in missing] == ["dob", "addresses[0].street", "addresses[0].postcode", "addresses[0].country"]


def test_v2_models_read_dates_and_keep_the_text() -> None:
    applicant = Applicant({"id": "a1", "dob": "1990-01-31", "created_at": "2019-10-28T15:00:39Z", "addresses": None})
    assert applicant.dob == date(1990, 1, 31) and applicant["dob"] == "1990-01-31"
    assert applicant.created_at is not None and (applicant.created_at.year, applicant.created_at.tzinfo is not None) == (2019, True)
    assert applicant.addresses == [] and applicant.extra == {}


def test_mypy_refuses_a_misspelt_v2_field_and_keyword(tmp_path: Path) -> None:
    snippet = tmp_path / "misspelt_v2.py"
    snippet.write_text(
        "from onfido_core.v2 import Client\n"
        "client = Client('test_x')\n"
        "applicant = client.applicants.retrieve('a')\n"
        "print(applicant.frist_name)\n"
        "client.applicants.create(first_name='J', last_name='D', dbo='1990-01-01')\n"
        "check = client.checks.retrieve('a', 'c')\n"
        "if check.status == 'compelte':\n    pass\n"
        "reveal_type(applicant.dob)\n"
        "reveal_type(check.expanded_reports[0].findings()[0].path)\n"
        "reveal_type(client.applicants.list())\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(snippet)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert '"Applicant" has no attribute "frist_name"' in out, out
    assert 'Unexpected keyword argument "dbo" for "create" of "Applicants"' in out, out
    assert "Non-overlapping equality check" in out, out
    assert re.search(r'Revealed type is "(Union\[datetime.date, None\]|datetime.date \| None)"', out), out
    assert 'Revealed type is "builtins.str"' in out, out
    assert re.search(r'Revealed type is "typing.Iterator\[onfido_core._v2_models.Applicant\]"', out), out


def test_the_v2_method_table_is_every_operation() -> None:
    repo = Path(__file__).resolve().parent.parent.parent
    description = json.loads((repo / "api" / "onfido-v2.json").read_text(encoding="utf-8"))
    table = (repo / "api" / "METHODS.md").read_text(encoding="utf-8").split("## API v2", 1)[1]
    client = Client("test_table", transport=SandboxTransport())
    for op in description["operations"]:
        resource, method = op["surface"]["resource"], op["surface"]["method"]
        assert f"| `{resource}.{method}` | `{op['id']}` |" in table
        assert callable(getattr(getattr(client, resource), method))
    assert len(description["operations"]) == 34 == table.count("\n| `")
