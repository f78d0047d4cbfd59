"""Every one of the 34 operations through `Client`: over real HTTP against `onfido-sandbox`, and in
process with `SandboxTransport()`. Downloads are compared byte for byte with what was uploaded."""

from __future__ import annotations

import io
from datetime import date
from typing import Any, Callable, Dict

import pytest
from support import (
    ALL_OPERATIONS,
    DRIVING_LICENCE,
    PHOTO,
    UK_ADDRESS,
    VIDEO,
    RecordingClient,
    upload_live_video_http,
    upload_live_video_in_process,
)

from onfido_core.v2 import (
    ApiValidationError,
    Applicant,
    Check,
    Document,
    Download,
    GoneError,
    LivePhoto,
    LiveVideo,
    NotFoundError,
    Page,
    Report,
    SandboxTransport,
    SdkToken,
    ValidationError,
    Webhook,
)

TOKEN = "test_e2e_flow"


def run_flow(client: RecordingClient, upload_video: Callable[[str], Dict[str, Any]]) -> None:
    licence = DRIVING_LICENCE.read_bytes()
    photo = PHOTO.read_bytes()

    # --- applicants
    jane = client.applicants.create(first_name="Jane", last_name="Doe", dob="1990-01-01", addresses=[UK_ADDRESS])
    assert isinstance(jane, Applicant)
    assert (jane.first_name, jane.last_name, jane.dob, jane.sandbox) == ("Jane", "Doe", date(1990, 1, 1), True)
    assert jane["dob"] == "1990-01-01"
    assert jane.addresses[0].postcode == "SW4 6EH" and jane.addresses[0].country == "GBR"
    assert client.applicants.retrieve(jane.id) == jane
    janet = client.applicants.update(jane.id, first_name="Janet")
    assert (janet.id, janet.first_name, janet.last_name) == (jane.id, "Janet", "Doe")
    assert client.applicants.retrieve(jane.id).first_name == "Janet"
    # By operation id, with the API's field names: the answer as JSON.
    created = client.request("create_applicant", {"first_name": "Joe", "last_name": "Bloggs", "email": "joe@example.com"})
    assert isinstance(created, dict) and created["email"] == "joe@example.com"
    joe = Applicant(created)
    assert joe.email == "joe@example.com"
    assert {a.id for a in client.applicants.list()} == {jane.id, joe.id}
    page = client.applicants.list_page(per_page=1)
    assert isinstance(page, Page) and len(page) == 1
    assert (page.total_count, page.next_page, page.prev_page, page.last_page) == (2, 2, None, 2)
    second = client.applicants.list_page(page=2, per_page=1)
    assert (len(second), second.next_page, second.prev_page) == (1, None, 1)
    assert {page.items[0].id, second.items[0].id} == {jane.id, joe.id}
    # Several pages followed by the iterator.
    assert sorted(a.id for a in client.applicants.list(per_page=1)) == sorted([jane.id, joe.id])

    # --- documents: from a path, from bytes, from a binary file object
    from_path = client.documents.upload(jane.id, file=DRIVING_LICENCE, type="driving_licence", side="front")
    from_text_path = client.documents.upload(jane.id, file=str(DRIVING_LICENCE), type="driving_licence", side="back")
    from_bytes = client.documents.upload(jane.id, file=licence, type="passport", filename="passport.png")
    with open(DRIVING_LICENCE, "rb") as f:
        from_file = client.documents.upload(jane.id, file=f, type="national_identity_card", issuing_country="FRA")
    from_bytesio = client.documents.upload(jane.id, file=io.BytesIO(licence), type="utility_bill", filename="bill.png")
    uploaded = [from_path, from_text_path, from_bytes, from_file, from_bytesio]
    for document in uploaded:
        assert isinstance(document, Document)
        assert (document.file_type, document.file_size) == ("png", len(licence))
    assert (from_path.file_name, from_path.type, from_path.side) == ("sample_driving_licence.png", "driving_licence", "front")
    assert from_text_path.side == "back"
    assert (from_bytes.file_name, from_bytes.type) == ("passport.png", "passport")
    assert (from_file.file_name, from_file.issuing_country) == ("sample_driving_licence.png", "FRA")
    assert from_bytesio.file_name == "bill.png"
    assert client.documents.retrieve(jane.id, from_path.id) == from_path
    assert {d.id for d in client.documents.list(jane.id)} == {d.id for d in uploaded}
    for document in uploaded:
        download = client.documents.download(jane.id, document.id)
        assert isinstance(download, Download)
        assert download.content == licence, "a download is byte-exact"
        assert (download.content_type, download.filename) == ("image/png", document.file_name)

    # --- live photos: path, bytes, file object
    photo_path = client.live_photos.upload(applicant_id=jane.id, file=PHOTO)
    photo_bytes = client.live_photos.upload(applicant_id=jane.id, file=photo, filename="selfie.png", advanced_validation=False)
    with open(PHOTO, "rb") as f:
        photo_file = client.live_photos.upload(applicant_id=jane.id, file=f, advanced_validation=True)
    photos = [photo_path, photo_bytes, photo_file]
    for live_photo in photos:
        assert isinstance(live_photo, LivePhoto)
        assert (live_photo.file_type, live_photo.file_size) == ("png", len(photo))
        assert client.live_photos.retrieve(live_photo.id) == live_photo
        download = client.live_photos.download(live_photo.id)
        assert download.content == photo and download.content_type == "image/png"
        assert download.filename == live_photo.file_name
    assert photo_bytes.file_name == "selfie.png" and photo_path.file_name == "sample_photo.png"
    assert {p.id for p in client.live_photos.list(applicant_id=jane.id)} == {p.id for p in photos}

    # --- live videos: uploaded as the mobile SDKs would, then read through the client
    posted = upload_video(jane.id)
    videos = client.live_videos.list(applicant_id=jane.id)
    assert [v.id for v in videos] == [posted["id"]]
    video = client.live_videos.retrieve(posted["id"])
    assert isinstance(video, LiveVideo) and video.file_size == len(VIDEO)
    assert [(c.type, c.query) for c in video.challenge] == [("recite", [1, 2, 3]), ("movement", "turnRight")]
    video_download = client.live_videos.download(video.id)
    assert video_download.content == VIDEO and video_download.content_type == "video/mp4"
    assert video_download.filename == "video.mp4"

    # --- webhooks
    hook = client.webhooks.register(url="https://hooks.example/onfido", events=["check.completed"], environments=["sandbox"])
    assert isinstance(hook, Webhook) and hook.token is not None and len(hook.token) == 16
    assert (hook.url, hook.events, hook.enabled) == ("https://hooks.example/onfido", ["check.completed"], True)
    assert client.webhooks.retrieve(hook.id).events == ["check.completed"]
    assert [w.id for w in client.webhooks.list()] == [hook.id]

    # --- report type groups
    groups = client.report_type_groups.list()
    assert len(groups) == 2
    group = client.report_type_groups.retrieve(groups[0].id)
    assert group.name == "Junior level" and group.report_types

    # --- checks and reports
    check = client.checks.create(
        jane.id,
        type="express",
        reports=[{"name": "document"}, {"name": "facial_similarity", "variant": "standard"}, {"name": "identity", "variant": "kyc"}],
    )
    assert isinstance(check, Check)
    assert (check.status, check.result, check.is_finished, check.sandbox) == ("complete", "clear", True, True)
    assert check.derived_result() == "clear"
    assert len(check.expanded_reports) == 3 and len(check.report_ids) == 3
    retrieved = client.checks.retrieve(jane.id, check.id)
    assert retrieved.id == check.id and sorted(retrieved.report_ids) == sorted(check.report_ids)
    listed_checks = client.checks.list(jane.id)
    assert [c.id for c in listed_checks] == [check.id]
    expanded = client.checks.list(jane.id, expand="reports")
    assert all(isinstance(r, Report) for r in expanded[0].reports)
    reports = client.reports.list(check.id)
    assert sorted(r.name or "" for r in reports) == ["document", "facial_similarity", "identity"]
    document_report = next(r for r in reports if r.name == "document")
    report = client.reports.retrieve(check.id, document_report.id)
    assert (report.name, report.result, report.sub_result, report.findings()) == ("document", "clear", "clear", [])
    assert report.is_finished and report.sub_result_meaning is not None
    # Resuming what is not paused changes nothing; cancelling it is refused by the server.
    client.checks.resume(check.id)
    client.reports.resume(check.id, report.id)
    with pytest.raises(ApiValidationError) as refused:
        client.reports.cancel(check.id, report.id)
    assert refused.value.status == 422 and isinstance(refused.value, ValidationError)

    # --- paused checks (a sandbox extension, not in the API: by operation id): cancel and resume a report
    paused = Check(client.request("create_check", {"applicant_id": jane.id, "type": "express", "reports": [{"name": "watchlist"}, {"name": "document"}], "paused": True}))
    assert (paused.status, paused.paused, paused.result) == ("paused", True, None)
    first, second_report = paused.report_ids
    client.reports.cancel(paused.id, second_report)
    assert client.reports.retrieve(paused.id, second_report).status == "cancelled"
    client.reports.resume(paused.id, first)
    assert client.reports.retrieve(paused.id, first).status == "complete"
    done = client.checks.retrieve(jane.id, paused.id)
    assert done.status == "complete" and done.is_finished
    # ...and resume a whole paused check.
    paused_again = Check(client.request("create_check", {"applicant_id": jane.id, "type": "express", "reports": [{"name": "watchlist"}], "paused": True}))
    assert paused_again.status == "paused"
    client.checks.resume(paused_again.id)
    resumed = client.checks.retrieve(jane.id, paused_again.id)
    assert (resumed.status, resumed.result) == ("complete", "clear")
    assert len(client.checks.list(jane.id)) == 3

    # --- addresses, SDK tokens, OCR, Street Level
    addresses = client.addresses.pick(postcode="sw46eh")
    assert addresses and addresses[0].postcode == "SW4 6EH"
    sdk = client.sdk_tokens.generate(applicant_id=jane.id, referrer="https://*.example.com/*")
    assert isinstance(sdk, SdkToken)
    claims = sdk.claims()
    assert claims["exp"] - claims["iat"] == 5400
    assert not sdk.is_expired(claims["iat"]) and sdk.is_expired(claims["exp"])
    ocr = client.ocr.extract(document_id=from_path.id)
    assert ocr.document_id == from_path.id and ocr.doc_info is not None and ocr.doc_info.type == "driving_licence"
    assert ocr.extracted_data is not None and ocr.extracted_data.ocr_results is not None
    assert ocr.extracted_data.ocr_results.first_name == "JANET"
    assert client.slv.submit_code(code="ABC123").success is True

    # --- delete and restore: an applicant with checks is scheduled (410) and can be restored
    client.applicants.delete(jane.id)
    with pytest.raises(GoneError) as gone:
        client.applicants.retrieve(jane.id)
    assert (gone.value.status, gone.value.type) == (410, "gone")
    client.applicants.restore(jane.id)
    restored = client.applicants.retrieve(jane.id)
    assert restored.delete_at is None and restored.first_name == "Janet"
    # Without checks it is gone at once.
    client.applicants.delete(joe.id)
    with pytest.raises(NotFoundError):
        client.applicants.retrieve(joe.id)

    missing = ALL_OPERATIONS - client.operations
    assert not missing, f"operations not exercised: {sorted(missing)}"
    assert len(ALL_OPERATIONS) == 34


def test_every_operation_over_http(sandbox_factory: Any) -> None:
    server = sandbox_factory()
    client = RecordingClient(api_token=TOKEN, base_url=server.url)
    with client:
        run_flow(client, lambda applicant_id: upload_live_video_http(server.url, TOKEN, applicant_id))


def test_every_operation_in_process() -> None:
    transport = SandboxTransport()
    client = RecordingClient(api_token=TOKEN, transport=transport)
    with client:
        run_flow(client, lambda applicant_id: upload_live_video_in_process(transport, TOKEN, applicant_id))


def test_the_shared_server_answers(sandbox_url: str) -> None:
    """The session server works with a plain `Client` and the default httpx transport."""
    client = RecordingClient(api_token="test_shared", base_url=sandbox_url)
    with client:
        applicant = client.applicants.create(first_name="Ann", last_name="Shared")
        assert client.applicants.retrieve(applicant.id).last_name == "Shared"
        assert client.operations == {"create_applicant", "retrieve_applicant"}
