"""The generated v3.6 surface: every method over loopback HTTP (onfido-sandbox) and in process,
sync and async; the getting-started flow on v3.6 and v3.4; types under mypy --strict; dates;
members this version does not name."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, Iterator, List, Set, Tuple

import pytest
from support import DRIVING_LICENCE, PHOTO, REPO, RecordingTransport

import onfido_core
from onfido_core import (
    Applicant,
    AsyncClient,
    AsyncSandboxTransport,
    Check,
    ConfigError,
    Document,
    Download,
    IdPhoto,
    Page,
    Report,
    Request,
    Response,
    SandboxTransport,
    SigningDocument,
    ValidationError,
    WorkflowRun,
)
from onfido_core._base import Reader, as_datetime

TOKEN = "api_sandbox.python-v3-tests"
DESCRIPTION = json.loads((REPO / "api" / "onfido-v3.json").read_text(encoding="utf-8"))
EVERY_OPERATION = {op["id"] for op in DESCRIPTION["operations"]}
V34_OPERATIONS = {op["id"] for op in DESCRIPTION["operations"] if "v3.4" in op}
WORKFLOW = "e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b"
PDF = b"%PDF-1.4\n" + b"onfido-core python v3 test " * 1500
# Resources the sandbox holds without a way to create them through the API (as its vectors name them).
LIVE_VIDEO = "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f"
MOTION_CAPTURE = "3d4e5f6a-7b8c-4d9e-8f1a-2b3c4d5e6f7a"
BIOMETRIC_TOKEN = "3a4b5c6d-7e8f-4a9b-9c0d-1e2f3a4b5c6f"
SIGNED_FILE = "4a5b6c7d-8e9f-4a0b-8c1d-2e3f4a5b6c7a"


class Recording(onfido_core.Client):
    """A `Client` noting each operation its methods run (every method goes through `_call`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen: Set[str] = set()

    def _call(self, operation: str, input: Dict[str, Any], read: Reader[Any]) -> Any:
        self.seen.add(operation)
        return super()._call(operation, input, read)


class RecordingAsync(AsyncClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen: Set[str] = set()

    async def _call(self, operation: str, input: Dict[str, Any], read: Reader[Any]) -> Any:
        self.seen.add(operation)
        return await super()._call(operation, input, read)


class Blocking:
    """An `AsyncClient`'s resources with each method run to completion on one loop, so one scenario
    drives the sync and the async surface alike."""

    def __init__(self, target: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._target = target
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._target, name)
        if callable(found):
            return lambda *args, **kwargs: self._loop.run_until_complete(self._complete(found(*args, **kwargs)))
        return Blocking(found, self._loop)

    @staticmethod
    async def _complete(started: Any) -> Any:
        # A listing in pages is an async iterator (every item of every page): collected.
        if hasattr(started, "__aiter__"):
            return [item async for item in started]
        return await started


def every_method(c: Any) -> None:
    """Calls each of the 84 methods once with inputs the sandbox accepts, checking what comes back."""
    applicant = c.applicants.create(
        first_name="Jane", last_name="Doe", dob=date(1990, 1, 31), address={"country": "GBR", "postcode": "S2 2DF", "town": "Sheffield"}
    )
    assert isinstance(applicant, Applicant) and applicant.dob == date(1990, 1, 31)
    assert applicant.address is not None and applicant.address.town == "Sheffield"
    a = applicant.id
    assert c.applicants.find(a).first_name == "Jane"
    assert c.applicants.update(a, email="jane@example.com").email == "jane@example.com"
    listed = c.applicants.list_page(per_page=50)
    assert isinstance(listed, Page) and a in [x.id for x in listed]
    assert a in [x.id for x in c.applicants.list(per_page=1)]  # every page
    assert isinstance(c.applicants.find_consents(a), list)

    document = c.documents.upload(applicant_id=a, type="passport", side="front", file=DRIVING_LICENCE)
    assert isinstance(document, Document) and document.file_name == DRIVING_LICENCE.name
    assert c.documents.find(document.id).id == document.id
    assert [d.id for d in c.documents.list(applicant_id=a)] == [document.id]
    assert c.documents.download(document.id).content == DRIVING_LICENCE.read_bytes()
    for download in (c.documents.download_nfc_face(document.id), c.documents.download_video(document.id)):
        assert isinstance(download, Download) and download.content
    photo = c.live_photos.upload(applicant_id=a, file=PHOTO.read_bytes())
    assert c.live_photos.find(photo.id).file_size == PHOTO.stat().st_size
    assert [p.id for p in c.live_photos.list(applicant_id=a)] == [photo.id]
    assert c.live_photos.download(photo.id).content == PHOTO.read_bytes()
    id_photo = c.id_photos.upload(applicant_id=a, file=PHOTO, filename="id.png")
    assert c.id_photos.find(id_photo.id).id == id_photo.id
    assert all(isinstance(p, IdPhoto) for p in c.id_photos.list(applicant_id=a))
    assert c.id_photos.download(id_photo.id).content  # (the sandbox answers a fixture's bytes)
    signing = c.signing_documents.upload(applicant_id=a, file=PDF, filename="contract.pdf")
    assert c.signing_documents.find(signing.id).id == signing.id
    assert all(isinstance(s, SigningDocument) for s in c.signing_documents.list(applicant_id=a))
    assert c.signing_documents.download(signing.id).content.startswith(b"%PDF")
    assert isinstance(c.live_videos.list(applicant_id=a), list)
    assert c.live_videos.find(LIVE_VIDEO).id == LIVE_VIDEO
    assert c.live_videos.download(LIVE_VIDEO).content and c.live_videos.download_frame(LIVE_VIDEO).content
    assert isinstance(c.motion_captures.list(applicant_id=a), list)
    assert c.motion_captures.find(MOTION_CAPTURE).id == MOTION_CAPTURE
    assert c.motion_captures.download(MOTION_CAPTURE).content and c.motion_captures.download_frame(MOTION_CAPTURE).content

    check = c.checks.create(applicant_id=a, report_names=["document", "facial_similarity_photo"], document_ids=[document.id])
    assert isinstance(check, Check) and len(check.report_ids) == 2
    assert c.checks.find(check.id).status == "complete"
    assert [x.id for x in c.checks.list(applicant_id=a)] == [check.id]
    assert c.checks.download(check.id).content.startswith(b"%PDF")
    reports = c.reports.list(check_id=check.id)
    assert sorted(r.name for r in reports) == ["document", "facial_similarity_photo"]
    report = c.reports.find(check.report_ids[0])
    assert isinstance(report, Report) and report.breakdown
    waiting = c.checks.create(applicant_id=a, report_names=["document"], applicant_provides_data=True)
    assert c.reports.cancel(waiting.report_ids[0]) is None
    assert c.checks.resume(check.id) is None
    assert c.reports.resume(report.id) is None
    # (the sandbox answers these three with fixtures)
    assert isinstance(c.repeat_attempts.list(report.id).repeat_attempts, list)
    feedback = c.results_feedback.create(check_id=check.id, report_id=report.id, expected_result="consider", feedback_notes="Fraudulent")
    assert feedback.expected_result in ("clear", "consider")
    assert c.extractions.create(document_id=document.id).document_id

    hook = c.webhooks.create(url="https://example.com/onfido/webhook", events=["check.completed"])
    assert c.webhooks.find(hook.id).url == "https://example.com/onfido/webhook"
    assert c.webhooks.update(hook.id, enabled=False).enabled is False
    assert hook.id in [h.id for h in c.webhooks.list()]

    run = c.workflow_runs.create(applicant_id=a, workflow_id=WORKFLOW, tags=["python"])
    assert isinstance(run, WorkflowRun) and run.created_at is not None and run.created_at.tzinfo is not None
    assert c.workflow_runs.find(run.id).status == "approved"
    assert run.id in [r.id for r in c.workflow_runs.list_page(page=1)]
    assert run.id in [r.id for r in c.workflow_runs.list()]
    assert c.workflow_runs.download_signed_evidence_file(run.id).content
    assert c.workflow_runs.download_evidence_folder(run.id).content
    tasks = c.tasks.list(run.id)
    assert c.tasks.find(run.id, tasks[1].id).id == tasks[1].id
    assert c.tasks.complete(run.id, tasks[1].id, data={"first_name": "Jane"}) is None
    timeline = c.timeline_files.create(run.id)
    assert timeline.workflow_timeline_file_id and c.timeline_files.find(run.id, timeline.workflow_timeline_file_id).content
    assert c.webhooks.resend(data=[{"resource_id": check.id, "event": "check.completed"}, {"resource_id": run.id, "event": "workflow_run.completed"}]) is None
    for kind in ("qes", "aes", "ses"):
        signature = getattr(c.electronic_signatures, f"download_{kind}_document")
        file = signature(workflow_run_id=run.id, **({"file_id": SIGNED_FILE} if kind == "qes" else {"id": SIGNED_FILE}))
        assert isinstance(file, Download) and file.content

    monitor = c.watchlist_monitors.create(applicant_id=a, report_name="watchlist_standard")
    assert c.watchlist_monitors.find(monitor.id).report_name == "watchlist_standard"
    assert monitor.id in [m.id for m in c.watchlist_monitors.list(applicant_id=a)]
    matches = c.watchlist_monitors.list_matches(monitor.id)
    changed = c.watchlist_monitors.update_match(monitor.id, enable=[matches[0].id], disable=[matches[1].id])
    assert {m.id: m.enabled for m in changed}[matches[0].id] is True
    location = c.watchlist_monitors.force_report_creation(monitor.id)
    assert location is not None and c.reports.find(location.rsplit("/", 1)[1]).name == "watchlist_standard"

    tokens = c.biometric_tokens.list("user-123")
    assert isinstance(tokens, list)
    # (the sandbox answers biometric tokens with fixtures)
    assert c.biometric_tokens.find("user-123", BIOMETRIC_TOKEN).biometric_token.uuid
    assert c.biometric_tokens.update("user-123", BIOMETRIC_TOKEN, status="declined").biometric_token.uuid
    assert c.biometric_tokens.invalidate("user-123", BIOMETRIC_TOKEN) is not None
    assert c.biometric_tokens.invalidate_all("user-123") is not None
    assert isinstance(c.passkeys.list("jane"), list)
    assert c.passkeys.find("jane", "pk_01HZX").id == "pk_01HZX"
    assert c.passkeys.update("jane", "pk_01HZX", state="INACTIVE").state in ("ACTIVE", "INACTIVE")  # (a fixture)
    assert c.passkeys.delete("jane", "pk_01HZX") is None
    assert c.passkeys.delete_all("jane") is None

    assert c.api.ping() == "OK"
    assert all(isinstance(x.postcode, str) for x in c.addresses.pick(postcode="SW4 6EH"))  # (a template)
    assert c.sdk_tokens.generate(applicant_id=a, referrer="https://*.example.com/*").token.count(".") == 2
    assert c.watchlist_monitors.delete(monitor.id) is None
    assert c.webhooks.delete(hook.id) is None
    assert c.applicants.delete(a) is None
    assert c.applicants.restore(a) is None


@pytest.fixture(params=["http", "in-process"])
def where(request: pytest.FixtureRequest, sandbox_url: str) -> Tuple[str, str]:
    return request.param, sandbox_url


def test_every_method_sync(where: Tuple[str, str]) -> None:
    kind, url = where
    if kind == "http":
        client = Recording(TOKEN, base_url=url)
    else:
        client = Recording(TOKEN, transport=SandboxTransport())
    with client:
        every_method(client)
    assert client.seen == EVERY_OPERATION, sorted(EVERY_OPERATION - client.seen)
    assert len(client.seen) == 84


def test_every_method_async(where: Tuple[str, str]) -> None:
    kind, url = where
    loop = asyncio.new_event_loop()
    try:
        if kind == "http":
            client = RecordingAsync(TOKEN, base_url=url)
        else:
            client = RecordingAsync(TOKEN, transport=AsyncSandboxTransport())
        every_method(Blocking(client, loop))
        loop.run_until_complete(client.aclose())
    finally:
        loop.close()
    assert client.seen == EVERY_OPERATION, sorted(EVERY_OPERATION - client.seen)


@pytest.mark.parametrize("version", ["v3.6", "v3.4"])
def test_getting_started(version: str, sandbox_url: str) -> None:
    with onfido_core.Client(TOKEN, base_url=sandbox_url, api_version=version) as client:  # type: ignore[arg-type]
        applicant = client.applicants.create(first_name="Jane", last_name="Consider", dob="1990-01-31")
        assert applicant.href == f"/{version}/applicants/{applicant.id}"
        document = client.documents.upload(applicant_id=applicant.id, type="driving_licence", side="front", file=DRIVING_LICENCE)
        photo = client.live_photos.upload(applicant_id=applicant.id, file=PHOTO)
        check = client.checks.create(applicant_id=applicant.id, report_names=["document", "facial_similarity_photo"])
        assert check.status == "in_progress" and check.result is None
        done = client.checks.find(check.id)
        assert (done.status, done.result) == ("complete", "consider")
        reports = {r.name: r for r in client.reports.list(check_id=check.id)}
        assert set(reports) == {"document", "facial_similarity_photo"}
        for report in reports.values():
            found = client.reports.find(report.id)
            assert found.status == "complete" and found.result == "consider" and found.check_id == check.id
            assert isinstance(found.created_at, datetime) and found["created_at"].startswith(str(found.created_at.year))
        assert client.documents.download(document.id).content == DRIVING_LICENCE.read_bytes()
        assert client.live_photos.download(photo.id).content == PHOTO.read_bytes()
        pdf = client.checks.download(check.id)
        assert pdf.content.startswith(b"%PDF") and pdf.content_type == "application/pdf"
        if version == "v3.4":
            # v3.4 lacks passkeys and v3.6's newer fields: refused before anything is sent.
            with pytest.raises(ValidationError):
                client.passkeys.list("jane")
            with pytest.raises(ValidationError) as refused:
                client.workflow_runs.create(applicant_id=applicant.id, workflow_id=WORKFLOW, tags=["v3.6 only"])
            assert "tags" in refused.value.fields


def test_a_misspelt_keyword_is_a_type_error_before_sending() -> None:
    transport = RecordingTransport()
    client = onfido_core.Client(TOKEN, transport=transport)
    with pytest.raises(TypeError, match="dbo"):
        client.applicants.create(first_name="Jane", last_name="Doe", dbo="1990-01-31")  # type: ignore[call-arg]
    with pytest.raises(ValidationError) as refused:
        client.applicants.create(first_name="Jane", last_name="Doe", dob="1990-02-30")
    assert "dob" in refused.value.fields
    assert transport.calls == []


def test_mypy_refuses_a_misspelt_field_and_keyword(tmp_path: Path) -> None:
    snippet = tmp_path / "misspelt.py"
    snippet.write_text(
        "from onfido_core import Client\n"
        "client = Client('api_sandbox.x')\n"
        "applicant = client.applicants.find('a')\n"
        "print(applicant.frist_name)\n"
        "client.applicants.create(first_name='J', last_name='D', dbo='1990-01-01')\n"
        "check = client.checks.find('c')\n"
        "if check.status == 'compelte':\n    pass\n"
        "reveal_type(client.reports.find('r').created_at)\n",
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
    assert re.search(r'Revealed type is "(Union\[datetime.datetime, None\]|datetime.datetime \| None)"', out), out


def test_a_correct_program_passes_mypy(tmp_path: Path) -> None:
    snippet = tmp_path / "fine.py"
    snippet.write_text(
        "from datetime import date\n"
        "from typing import List, Optional\n"
        "from onfido_core import AsyncClient, Client, Report, Page, Applicant\n"
        "client = Client('api_sandbox.x', api_version='v3.4')\n"
        "a: Applicant = client.applicants.create(first_name='J', last_name='D', dob=date(1990, 1, 2), address={'country': 'GBR', 'postcode': 'S2 2DF'})\n"
        "born: Optional[date] = a.dob\n"
        "page: Page[Applicant] = client.applicants.list_page(page=2)\n"
        "every: List[Applicant] = list(client.applicants.list(per_page=2))\n"
        "reports: List[Report] = client.reports.list(check_id='c')\n"
        "async def main() -> None:\n"
        "    async with AsyncClient('api_sandbox.x') as c:\n"
        "        r: Report = await c.reports.find('r')\n"
        "        runs = [run.id async for run in c.workflow_runs.list(status='approved')]\n"
        "        print(r.breakdown, r['name'], r.extra)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(snippet)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def answering(body: Dict[str, Any], headers: List[Tuple[str, str]] = []) -> RecordingTransport:
    raw = json.dumps(body).encode()
    return RecordingTransport(lambda _: Response(200, [("Content-Type", "application/json"), *headers], raw))


def test_unknown_members_and_enum_values_are_kept() -> None:
    check_id = "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f"
    body = {"id": check_id, "applicant_id": "a", "status": "brand_new_status", "report_ids": None, "surprise": {"x": [1]}}
    client = onfido_core.Client(TOKEN, transport=answering(body))
    check = client.checks.find(check_id)
    assert check["status"] == "brand_new_status"
    assert check.status == "brand_new_status"  # type: ignore[comparison-overlap]  # (an enum value this version lacks)
    assert check.report_ids == [] and check.tags == [] and check.created_at is None
    assert check["surprise"] == {"x": [1]} and check.get("surprise") == {"x": [1]}
    assert check.extra == {"surprise": {"x": [1]}}
    assert check.to_dict() == body and "surprise" in check
    with pytest.raises(AttributeError):
        setattr(check, "status", "complete")  # (mypy refuses the plain assignment: the field takes no value)
    assert repr(check) == f"Check(id={check_id!r}, status='brand_new_status')"


def test_secrets_do_not_show_in_repr() -> None:
    body = {"id": "w1", "url": "https://example.com/h", "token": "very-secret-token", "oauth_server_client_secret": "s3cret"}
    hook = onfido_core.Client(TOKEN, transport=answering(body)).webhooks.find("c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f")
    assert hook.token == "very-secret-token"
    assert "secret" not in repr(hook)


def test_dates_round_trip() -> None:
    body = {"id": "a1", "first_name": "J", "last_name": "D", "dob": "1990-01-31", "created_at": "2024-05-06T07:08:09.123456789Z", "delete_at": "nonsense"}
    transport = answering(body)
    client = onfido_core.Client(TOKEN, transport=transport)
    applicant = client.applicants.update("6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10", dob=date(1990, 1, 31))
    assert json.loads(transport.calls[0].body)["dob"] == "1990-01-31"
    assert applicant.dob == date(1990, 1, 31) and applicant["dob"] == "1990-01-31"
    assert applicant.created_at == datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=timezone.utc)
    assert applicant.delete_at is None and applicant["delete_at"] == "nonsense"
    assert as_datetime("2024-05-06T07:08:09+02:00") == datetime(2024, 5, 6, 5, 8, 9, tzinfo=timezone.utc)
    assert as_datetime("2024-05-06T07:08:09.5-0130") == datetime(2024, 5, 6, 7, 8, 9, 500000, tzinfo=timezone(-timedelta(hours=1, minutes=30)))
    assert as_datetime("2024-05-06 07:08:09") == datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    assert as_datetime("2024-02-30T00:00:00Z") is None and as_datetime(7) is None


def test_pages_read_the_link_header() -> None:
    link = '<https://api.eu.onfido.com/v3.6/applicants?page=3&per_page=2>; rel="next", <https://api.eu.onfido.com/v3.6/applicants?page=9&per_page=2>; rel="last"'
    transport = answering({"applicants": [{"id": "a1"}, {"id": "a2"}]}, [("Link", link), ("X-Total-Count", "17")])
    page = onfido_core.Client(TOKEN, transport=transport).applicants.list_page(page=2, per_page=2)
    assert [a.id for a in page] == ["a1", "a2"] and (page.next_page, page.last_page, page.total_count) == (3, 9, 17)
    assert transport.calls[0].url.endswith("/v3.6/applicants?page=2&per_page=2")


def test_v2_stays_reachable_and_v3_refuses_v2() -> None:
    from onfido_core import v2

    with pytest.raises(ConfigError) as refused:
        onfido_core.Client(TOKEN, api_version="v2")  # type: ignore[arg-type]
    assert "onfido_core.v2" in str(refused.value)
    old = v2.Client("test_x", transport=v2.SandboxTransport())
    assert old.applicants.create(first_name="Jane", last_name="Doe").first_name == "Jane"


def test_the_method_table_is_every_operation() -> None:
    table = (REPO / "api" / "METHODS.md").read_text(encoding="utf-8")
    names: Iterator[Tuple[str, str]] = ((op["surface"]["resource"], op["surface"]["method"]) for op in DESCRIPTION["operations"])
    for resource, method in names:
        assert f"`{resource}.{method}`" in table
        assert callable(getattr(getattr(onfido_core.Client(TOKEN, transport=RecordingTransport()), resource), method))
    assert len(V34_OPERATIONS) == 39 and table.count("| yes |") == 39


def test_a_redirected_download_is_fetched_without_the_token() -> None:
    def respond(request: Request) -> Response:
        if "/signed_evidence_file" in request.url:
            return Response(302, [("Location", "https://files.example.com/evidence.pdf?sig=abc")], b"")
        return Response(200, [("Content-Type", "application/pdf")], b"%PDF-1.4 evidence")

    transport = RecordingTransport(respond)
    client = onfido_core.Client(TOKEN, transport=transport)
    evidence = client.workflow_runs.download_signed_evidence_file("d4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f8a")
    assert (evidence.content, evidence.content_type) == (b"%PDF-1.4 evidence", "application/pdf")
    first, second = transport.calls
    assert any(n.lower() == "authorization" for n, _ in first.headers)
    assert second.url == "https://files.example.com/evidence.pdf?sig=abc"
    assert not any(n.lower() == "authorization" for n, _ in second.headers)


def test_derive_refuses_two_operations_with_one_name() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("derive", REPO / "api" / "derive.py")
    assert spec is not None and spec.loader is not None
    derive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(derive)
    names = json.loads((REPO / "api" / "names.json").read_text(encoding="utf-8"))
    ops = [{"id": "invalidate_biometric_token"}, {"id": "invalidate_biometric_tokens"}]
    del names["exceptions"]["invalidate_biometric_tokens"]
    names["exceptions"] = {k: v for k, v in names["exceptions"].items() if k in {o["id"] for o in ops}}
    with pytest.raises(SystemExit, match="would both be biometric_tokens.invalidate"):
        derive.name_operations({"operations": ops}, names)
    with pytest.raises(SystemExit, match="no resource"):
        derive.name_operations({"operations": [{"id": "frobnicate_widgets"}]}, {"resources": ["applicants"], "exceptions": {}})
    named = [{"id": "find_applicant_consents"}, {"id": "download_live_video_frame"}]
    derive.name_operations({"operations": named}, json.loads((REPO / "api" / "names.json").read_text(encoding="utf-8")) | {"exceptions": {}})
    assert [o["surface"] for o in named] == [
        {"resource": "applicants", "method": "find_consents"},
        {"resource": "live_videos", "method": "download_frame"},
    ]
