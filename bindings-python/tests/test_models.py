"""Models and errors behave like Python values: copy, pickle, absent fields, names of uploads."""

from __future__ import annotations

import copy
import pickle

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
    assert item.properties is None
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
