"""The main flow with `AsyncClient`: over HTTP (httpx's async client) and with `AsyncSandboxTransport`.

Plain test functions drive the coroutines with `asyncio.run` (no pytest-asyncio)."""

from __future__ import annotations

import asyncio
import io
from typing import Any, Awaitable, Callable, Dict, List

import pytest
from support import (
    DRIVING_LICENCE,
    PHOTO,
    UK_ADDRESS,
    VIDEO,
    RecordingAsyncClient,
    created_json,
    live_video_request,
    upload_live_video_http,
)

from onfido_core.v2 import (
    ApiValidationError,
    AsyncClient,
    AsyncSandboxTransport,
    GoneError,
    Check,
    NotFoundError,
    Page,
    Report,
)

TOKEN = "test_async_flow"


async def main_flow(client: RecordingAsyncClient, upload_video: Callable[[str], Awaitable[Dict[str, Any]]]) -> None:
    licence = DRIVING_LICENCE.read_bytes()
    photo = PHOTO.read_bytes()

    # Applicants, and `async for` across several pages.
    created = []
    for i in range(5):
        created.append(await client.applicants.create(first_name=f"Jane{chr(65 + i)}", last_name="Doe", dob="1990-01-01", addresses=[UK_ADDRESS]))
    jane = created[0]
    assert jane.sandbox is True
    assert await client.applicants.retrieve(jane.id) == jane
    assert (await client.applicants.update(jane.id, first_name="Janet")).first_name == "Janet"
    seen: List[str] = []
    async for applicant in client.applicants.list(per_page=2):
        seen.append(applicant.id)
    assert sorted(seen) == sorted(a.id for a in created) and len(seen) == 5
    page = await client.applicants.list_page(per_page=2)
    assert isinstance(page, Page) and (len(page), page.total_count, page.next_page, page.last_page) == (2, 5, 2, 3)
    last = await client.applicants.list_page(page=3, per_page=2)
    assert (len(last), last.next_page, last.prev_page) == (1, None, 2)

    # Uploads from a path, bytes and a file object; byte-exact downloads.
    doc_path = await client.documents.upload(jane.id, file=DRIVING_LICENCE, type="driving_licence", side="front")
    doc_bytes = await client.documents.upload(jane.id, file=licence, type="passport", filename="passport.png")
    with open(DRIVING_LICENCE, "rb") as f:
        doc_file = await client.documents.upload(jane.id, file=f, type="driving_licence", side="back")
    documents = [doc_path, doc_bytes, doc_file]
    for document in documents:
        assert (await client.documents.retrieve(jane.id, document.id)) == document
        download = await client.documents.download(jane.id, document.id)
        assert download.content == licence and download.filename == document.file_name
    assert sorted(d.id for d in await client.documents.list(jane.id)) == sorted(d.id for d in documents)
    photo_obj = await client.live_photos.upload(applicant_id=jane.id, file=io.BytesIO(photo), filename="selfie.png")
    assert (await client.live_photos.retrieve(photo_obj.id)).file_size == len(photo)
    assert [p.id for p in await client.live_photos.list(applicant_id=jane.id)] == [photo_obj.id]
    assert (await client.live_photos.download(photo_obj.id)).content == photo

    posted = await upload_video(jane.id)
    assert [v.id for v in await client.live_videos.list(applicant_id=jane.id)] == [posted["id"]]
    video = await client.live_videos.retrieve(posted["id"])
    assert video.challenge[0].type == "recite"
    assert (await client.live_videos.download(video.id)).content == VIDEO

    hook = await client.webhooks.register(url="https://hooks.example/async", events=["check.completed", "report.completed"])
    assert (await client.webhooks.retrieve(hook.id)).url == "https://hooks.example/async"
    assert [w.id for w in await client.webhooks.list()] == [hook.id]
    groups = await client.report_type_groups.list()
    assert (await client.report_type_groups.retrieve(groups[1].id)).name == "Senior level"

    # Checks and reports, a paused check resumed and cancelled.
    check = await client.checks.create(jane.id, type="express", reports=[{"name": "document"}, {"name": "facial_similarity", "variant": "standard"}])
    assert (check.status, check.result) == ("complete", "clear")
    assert (await client.checks.retrieve(jane.id, check.id)).id == check.id
    expanded = await client.checks.list(jane.id, expand="reports")
    assert all(isinstance(r, Report) for r in expanded[0].reports)
    reports = await client.reports.list(check.id)
    assert len(reports) == 2
    report = await client.reports.retrieve(check.id, reports[0].id)
    assert report.result == "clear"
    await client.checks.resume(check.id)
    await client.reports.resume(check.id, report.id)
    with pytest.raises(ApiValidationError):
        await client.reports.cancel(check.id, report.id)
    # A paused check is a sandbox extension (not in the API): by operation id.
    paused = Check(await client.request("create_check", {"applicant_id": jane.id, "type": "express", "reports": [{"name": "watchlist"}, {"name": "document"}], "paused": True}))
    assert paused.status == "paused"
    await client.reports.cancel(paused.id, paused.report_ids[1])
    await client.reports.resume(paused.id, paused.report_ids[0])
    assert (await client.checks.retrieve(jane.id, paused.id)).status == "complete"

    assert (await client.addresses.pick(postcode="SW4 6EH"))[0].postcode == "SW4 6EH"
    sdk = await client.sdk_tokens.generate(applicant_id=jane.id, referrer="https://*.example.com/*")
    assert sdk.claims()["app"] == jane.id
    ocr = await client.ocr.extract(document_id=doc_path.id)
    assert ocr.extracted_data is not None and ocr.extracted_data.ocr_results is not None
    assert ocr.extracted_data.ocr_results.first_name == "JANET"
    assert (await client.slv.submit_code(code="XYZ789")).success is True

    await client.applicants.delete(jane.id)
    with pytest.raises(GoneError):
        await client.applicants.retrieve(jane.id)
    await client.applicants.restore(jane.id)
    assert (await client.applicants.retrieve(jane.id)).delete_at is None
    await client.applicants.delete(created[1].id)
    with pytest.raises(NotFoundError):
        await client.applicants.retrieve(created[1].id)

    # Concurrent requests on one client.
    names = await asyncio.gather(*(client.applicants.retrieve(a.id) for a in created[2:]))
    assert [a.id for a in names] == [a.id for a in created[2:]]
    assert len(client.operations) == 34


def test_async_flow_over_http(sandbox_factory: Any) -> None:
    server = sandbox_factory()

    async def upload(applicant_id: str) -> Dict[str, Any]:
        return await asyncio.to_thread(upload_live_video_http, server.url, TOKEN, applicant_id)

    async def run() -> None:
        client = RecordingAsyncClient(api_token=TOKEN, base_url=server.url)
        async with client:
            await main_flow(client, upload)

    asyncio.run(run())


def test_async_flow_in_process() -> None:
    transport = AsyncSandboxTransport()

    async def upload(applicant_id: str) -> Dict[str, Any]:
        return created_json(await transport.send(live_video_request(TOKEN, applicant_id), 30.0))

    async def run() -> None:
        client = RecordingAsyncClient(api_token=TOKEN, transport=transport)
        async with client:
            await main_flow(client, upload)

    asyncio.run(run())


def test_async_client_is_an_async_context_manager(sandbox_url: str) -> None:
    async def run() -> str:
        async with AsyncClient(api_token="test_async_ctx", base_url=sandbox_url) as client:
            applicant = await client.applicants.create(first_name="Ann", last_name="Async")
            return (await client.applicants.retrieve(applicant.id)).last_name or ""

    assert asyncio.run(run()) == "Async"
