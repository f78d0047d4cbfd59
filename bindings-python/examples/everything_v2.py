"""Every hand-written public name and every method of onfido_core.v2 (API v2, generated from
api/onfido-v2.json), on the offline sandbox (no server, no network, no account).

    python examples/everything_v2.py

Runs each resource method of `Client` and `AsyncClient` on `SandboxTransport`, reads results,
pages, downloads and findings, applies the rules (referrer patterns, check results, applicant data
requirements), verifies webhook notifications, and shows each error class. Typed for `mypy --strict`.
"""

from __future__ import annotations

import asyncio
import io
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, List, Mapping, Optional, Sequence, Set, Tuple

import httpx

import onfido_core
from onfido_core.v2 import (
    Address,
    AddressParam,
    ApiError,
    ApiValidationError,
    Applicant,
    AsyncClient,
    AsyncHttpxTransport,
    AsyncSandboxTransport,
    AsyncTransport,
    AuthenticationError,
    BreakdownItem,
    Check,
    Client,
    ConfigError,
    DecodeError,
    Document,
    Download,
    Finding,
    GoneError,
    HttpxTransport,
    IdNumber,
    LivePhoto,
    LiveVideo,
    LiveVideoChallenge,
    Model,
    NotFoundError,
    OcrDocInfo,
    OcrExtractedData,
    OcrResult,
    OcrResults,
    OnfidoError,
    Page,
    PermissionError,
    RateLimitError,
    ReferrerPattern,
    Report,
    ReportRequestParam,
    ReportType,
    ReportTypeGroup,
    Request,
    Response,
    RetryPolicy,
    SandboxTransport,
    SdkToken,
    ServerError,
    SignatureError,
    SlvResult,
    Transport,
    TransportError,
    UnprocessableError,
    TransportFailure,
    ValidationError,
    Webhook,
    WebhookEvent,
    WebhookEventObject,
    WebhookEventPayload,
    check_result,
    missing_applicant_data,
    parse_webhook_event,
    sign_webhook,
    verify_webhook,
)

FIXTURES = Path(__file__).resolve().parent.parent.parent / "tests" / "fixtures"
LICENCE = FIXTURES / "sample_driving_licence.png"
PHOTO = FIXTURES / "sample_photo.png"
TOKEN = "test_everything_example"
ADDRESS: AddressParam = {
    "building_number": "100",
    "street": "Main Street",
    "town": "London",
    "postcode": "SW4 6EH",
    "country": "GBR",
}


def heading(title: str) -> None:
    print(f"\n== {title}")


def show(label: str, value: object) -> None:
    print(f"  {label:<28} {value}")


def fields_of(model: Model, names: Sequence[str]) -> str:
    """Some fields of any model, by their API names (`Model.get` never raises)."""
    return ", ".join(f"{name}={model.get(name)!r}" for name in names if name in model)


# --- transports of your own: anything with send(request, timeout) -> Response


class LoggingTransport:
    """Wraps another transport and notes each request (the token is never in a Request's repr)."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.sent: List[Request] = []

    def send(self, request: Request, timeout: float) -> Response:
        self.sent.append(request)
        return self.inner.send(request, timeout)

    def close(self) -> None:
        self.inner.close()


class CannedTransport:
    """Answers every request with the same response, or fails as a network would."""

    def __init__(self, response: Optional[Response] = None, failure: Optional[str] = None) -> None:
        self.response = response
        self.failure = failure

    def send(self, request: Request, timeout: float) -> Response:
        if self.failure is not None:
            raise TransportFailure(self.failure, f"simulated {self.failure} failure")
        assert self.response is not None
        return self.response

    def close(self) -> None:
        pass


class AsyncLoggingTransport:
    """The async counterpart: wraps an `AsyncTransport`."""

    def __init__(self, inner: AsyncTransport) -> None:
        self.inner = inner
        self.count = 0

    async def send(self, request: Request, timeout: float) -> Response:
        self.count += 1
        return await self.inner.send(request, timeout)

    async def aclose(self) -> None:
        await self.inner.aclose()


def multipart_form(fields: Mapping[str, str], name: str, filename: str, content_type: str, data: bytes) -> Tuple[str, bytes]:
    """A multipart/form-data body (the sandbox's live video upload is not an API v2 operation)."""
    boundary = "everything-example-boundary-7f3a"
    chunks: List[bytes] = []
    for key, value in fields.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
    chunks.append(head.encode() + data + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(chunks)


def upload_live_video(transport: SandboxTransport, applicant_id: str, video: bytes) -> str:
    """What the mobile SDKs do: POST /v2/live_videos (accepted by the sandbox only)."""
    content_type, body = multipart_form({"applicant_id": applicant_id}, "file", "video.mp4", "video/mp4", video)
    headers = [("Authorization", f"Token token={TOKEN}"), ("Content-Type", content_type)]
    response = transport.send(Request("POST", "https://api.onfido.com/v2/live_videos", headers, body), 30.0)
    assert response.status == 201, response.status
    video_id: str = json.loads(response.body)["id"]
    return video_id


# --- the sync client: every resource method


def applicants(client: Client) -> Tuple[Applicant, Applicant]:
    heading("applicants")
    jane: Applicant = client.applicants.create(
        first_name="Jane", last_name="Doe", dob=date(1990, 1, 1), addresses=[ADDRESS], email="jane@example.com"
    )
    born: Optional[date] = jane.dob
    created_at: Optional[datetime] = jane.created_at
    show("created", f"{jane!r} sandbox={jane.sandbox} dob={born} ({jane['dob']!r}) at {created_at}")
    address: Address = jane.addresses[0]
    show("address", f"{address.building_number} {address.street}, {address.town} {address.postcode} {address.country}")
    jane = client.applicants.update(jane.id, first_name="Janet")
    show("updated", jane.first_name)
    show("retrieved", client.applicants.retrieve(jane.id).first_name)
    # Any operation by id, with the API's field names: the answer as JSON, a model made from it.
    sam = Applicant(client.request(
        "create_applicant",
        {"first_name": "Sam", "last_name": "Consider", "dob": "1980-05-05", "addresses": [ADDRESS],
         "id_numbers": [{"type": "ssn", "value": "433-54-3937"}]},
    ))
    id_number: IdNumber = sam.id_numbers[0]
    show("by operation id", f"{sam!r} id_numbers={id_number.type}")
    everyone: List[Applicant] = list(client.applicants.list(per_page=1))
    show("list (every page)", [a.first_name for a in everyone])
    page: Page[Applicant] = client.applicants.list_page(page=1, per_page=1)
    show("list_page", f"{page!r} last_page={page.last_page} prev_page={page.prev_page}")
    return jane, sam


def documents_and_photos(client: Client, transport: SandboxTransport, jane: Applicant, sam: Applicant) -> Document:
    heading("documents, live photos, live videos")
    front: Document = client.documents.upload(jane.id, file=LICENCE, type="driving_licence", side="front")
    with open(LICENCE, "rb") as f:  # a binary file object
        back = client.documents.upload(jane.id, file=f, type="driving_licence", side="back")
    passport = client.documents.upload(sam.id, file=LICENCE.read_bytes(), type="passport", filename="passport.png")
    show("uploaded", [fields_of(d, ["type", "side", "file_name"]) for d in (front, back, passport)])
    show("retrieved", repr(client.documents.retrieve(jane.id, front.id)))
    show("listed", [d.side for d in client.documents.list(jane.id)])
    download: Download = client.documents.download(jane.id, front.id)
    same = download.content == LICENCE.read_bytes()
    show("downloaded", f"{download!r} byte-exact={same}")

    photo: LivePhoto = client.live_photos.upload(applicant_id=jane.id, file=PHOTO, advanced_validation=True)
    client.live_photos.upload(applicant_id=sam.id, file=io.BytesIO(PHOTO.read_bytes()), filename="sam.png")
    show("live photo", f"{photo.file_name} {photo.file_size} bytes")
    show("retrieved", repr(client.live_photos.retrieve(photo.id)))
    show("listed", [p.id for p in client.live_photos.list(applicant_id=jane.id)])
    show("downloaded", repr(client.live_photos.download(photo.id)))

    video_bytes = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 64
    video_id = upload_live_video(transport, jane.id, video_bytes)
    video: LiveVideo = client.live_videos.retrieve(video_id)
    challenges: List[LiveVideoChallenge] = video.challenge
    show("live video challenges", [(c.type, c.query) for c in challenges])
    show("listed", [v.id for v in client.live_videos.list(applicant_id=jane.id)])
    show("downloaded", f"{client.live_videos.download(video_id)!r} byte-exact={client.live_videos.download(video_id).content == video_bytes}")
    return front


def describe_report(report: Report) -> None:
    show(f"report {report.name}", f"{report.result} sub_result={report.sub_result} finished={report.is_finished}")
    if report.sub_result_meaning:
        show("  sub_result means", report.sub_result_meaning)
    for name, item in (report.breakdown or {}).items():
        node: BreakdownItem = item
        if node.result != "clear":
            show(f"  breakdown {name}", f"{node.result} ({len(node.breakdown or {})} sub-breakdowns)")
    finding: Finding
    for finding in report.findings():
        show(f"  finding {finding.path}", f"{finding.result}: {finding.description}")
        node_at: Optional[BreakdownItem] = report.breakdown_at(finding.path)
        assert node_at is not None and node_at.result == finding.result


def checks_and_reports(client: Client, jane: Applicant, sam: Applicant) -> Check:
    heading("webhooks")
    hook: Webhook = client.webhooks.register(url="https://hooks.example/onfido", events=["check.completed", "report.completed"])
    show("registered", repr(hook))  # the signing token stays hidden
    show("retrieved", client.webhooks.retrieve(hook.id).events)
    show("listed", [w.url for w in client.webhooks.list()])

    heading("report type groups")
    for group in client.report_type_groups.list():
        detail: ReportTypeGroup = client.report_type_groups.retrieve(group.id)
        types: List[ReportType] = detail.report_types
        show(detail.name or "", [t.name for t in types])

    heading("checks and reports")
    bare = client.applicants.create(first_name="Bo", last_name="Doe")
    identity_check = {"applicant_id": bare.id, "type": "express", "reports": [{"name": "identity", "variant": "kyc"}]}
    requirements = missing_applicant_data(identity_check, bare.to_dict())
    show("missing_applicant_data", [f"{r['report']}: {r['field']}" for r in requirements])
    show("...for Sam", missing_applicant_data(dict(identity_check, applicant_id=sam.id), sam.to_dict()))
    reports: List[ReportRequestParam] = [{"name": "document"}, {"name": "facial_similarity", "variant": "standard"}, {"name": "identity", "variant": "kyc"}]
    check: Check = client.checks.create(jane.id, type="express", reports=reports, tags=["example"])
    show("express check", f"{check!r} derived={check.derived_result()} finished={check.is_finished}")
    considered = client.checks.create(sam.id, type="express", reports=[{"name": "document"}, {"name": "identity", "variant": "kyc"}, {"name": "watchlist"}])
    show("last name Consider", f"{considered.result} (check_result says {check_result([r.result for r in considered.expanded_reports])})")
    for report in considered.expanded_reports:
        describe_report(report)
    show("retrieved", client.checks.retrieve(jane.id, check.id).report_ids)
    show("listed", [c.id for c in client.checks.list(jane.id)])
    show("listed, expanded", [[r.name for r in c.expanded_reports] for c in client.checks.list(jane.id, expand="reports")])
    show("reports listed", [r.name for r in client.reports.list(check.id)])
    show("report retrieved", repr(client.reports.retrieve(check.id, check.report_ids[0])))

    # A paused check is a sandbox extension, not an API field: by operation id.
    paused = Check(client.request("create_check", {"applicant_id": jane.id, "type": "express", "reports": [{"name": "watchlist"}, {"name": "document"}], "paused": True}))
    show("paused check", f"{paused.status} paused={paused.paused}")
    client.reports.cancel(paused.id, paused.report_ids[1])
    client.reports.resume(paused.id, paused.report_ids[0])
    show("after cancel + resume", client.checks.retrieve(jane.id, paused.id).status)
    another = Check(client.request("create_check", {"applicant_id": jane.id, "type": "express", "reports": [{"name": "watchlist"}], "paused": True}))
    client.checks.resume(another.id)
    show("after checks.resume", client.checks.retrieve(jane.id, another.id).status)
    return check


def the_rest(client: Client, jane: Applicant, front: Document) -> None:
    heading("addresses, SDK tokens, OCR, Street Level")
    picked: List[Address] = client.addresses.pick(postcode="SW4 6EH")
    show("addresses at SW4 6EH", [f"{a.building_number or a.building_name} {a.street}" for a in picked])
    sdk: SdkToken = client.sdk_tokens.generate(applicant_id=jane.id, referrer="https://*.example.com/*")
    claims = sdk.claims()
    show("sdk token", f"{sdk!r} valid for {claims['exp'] - claims['iat']} s, expired now: {sdk.is_expired(claims['iat'])}")
    ocr: OcrResult = client.ocr.extract(document_id=front.id)
    info: Optional[OcrDocInfo] = ocr.doc_info
    extracted: Optional[OcrExtractedData] = ocr.extracted_data
    results: Optional[OcrResults] = extracted.ocr_results if extracted else None
    show("ocr", f"{info.type if info else None} from {info.country if info else None}: {results.first_name if results else None} {results.last_name if results else None}, mrz line 1 {results.mrz_line(1) if results else None}")
    slv: SlvResult = client.slv.submit_code(code="ABC123")
    show("street level code accepted", slv.success)

    heading("delete and restore")
    client.applicants.delete(jane.id)
    try:
        client.applicants.retrieve(jane.id)
    except GoneError as gone:
        show("after delete", f"{type(gone).__name__} {gone.status} {gone.type}")
    client.applicants.restore(jane.id)
    show("after restore", client.applicants.retrieve(jane.id).delete_at)


def webhooks(transport: SandboxTransport, secret: str) -> None:
    heading("webhook notifications")
    shown: Set[str] = set()
    for delivery in transport.deliveries:
        event: WebhookEvent = verify_webhook(delivery.body, delivery.headers, secret)
        if event.action in shown:
            continue
        shown.add(event.action)
        payload: WebhookEventPayload = event.payload
        obj: WebhookEventObject = event.object
        show(event.action, f"{payload.resource_type} {obj.id} {obj.status} at {obj.completed_at_iso8601}")
    body = '{"payload":{"resource_type":"report","action":"report.completed","object":{"id":"r1","status":"complete","href":"https://api.onfido.com/v2/checks/c1/reports/r1"}}}'
    signature = sign_webhook(body, "my-webhook-token")
    event = verify_webhook(body.encode(), {"X-SHA2-Signature": signature}, "my-webhook-token")
    show("signed and verified", f"{event.action} {event.resource_type}")
    show("parsed without verifying", parse_webhook_event(body).object.id)
    try:
        verify_webhook(body, {"X-SHA2-Signature": signature}, "another-token")
    except SignatureError as error:
        show("wrong secret", f"SignatureError: {error}")


def rules() -> None:
    heading("rules")
    pattern = ReferrerPattern("https://*.example.com/*")
    for url in ("https://app.example.com/onboarding", "https://example.com.evil.org/"):
        show(f"{pattern!r} matches", f"{url}: {pattern.matches(url)}")
    show("lint of *://example.com/kyc/*", ReferrerPattern("*://example.com/kyc/*").lint())
    show("check_result", [check_result(r) for r in (["clear", "clear"], ["clear", "consider"], ["clear", None])])


def errors(client: Client) -> None:
    heading("errors")
    attempts: List[Tuple[str, Any]] = [
        ("blank first name", lambda: client.applicants.create(first_name=" ", last_name="Doe")),
        ("dob in the future", lambda: client.applicants.create(first_name="A", last_name="B", dob="2999-01-01")),
        ("unknown applicant", lambda: client.applicants.retrieve("00000000-0000-0000-0000-000000000000")),
    ]
    for label, attempt in attempts:
        try:
            attempt()
        except ValidationError as error:
            show(label, f"{type(error).__name__} fields={error.fields}")
        except NotFoundError as error:
            show(label, f"{type(error).__name__} {error.status} {error.type}: {error.api_message}")
    applicant = client.applicants.create(first_name="Ann", last_name="Doe")
    check = client.checks.create(applicant.id, type="express", reports=[{"name": "watchlist"}])
    try:
        client.reports.cancel(check.id, check.report_ids[0])
    except ApiValidationError as error:  # also a ValidationError, and an UnprocessableError (every 422)
        unprocessable = isinstance(error, UnprocessableError)
        show("cancel a finished report", f"ApiValidationError {error.status} (a ValidationError too: {isinstance(error, ValidationError)}, an UnprocessableError: {unprocessable})")
    except (PermissionError, UnprocessableError) as error:
        show("cancel a finished report", f"{type(error).__name__} {error.status} {error.request_id}")

    live = Client(api_token="live_not_for_the_sandbox", transport=SandboxTransport(), retry=RetryPolicy.never())
    try:
        live.applicants.retrieve(applicant.id)
    except AuthenticationError as error:
        show("live token on the sandbox", repr(error))
    limited = Client(api_token=TOKEN, transport=SandboxTransport(rate_limit=1), retry=RetryPolicy.never())
    try:
        for _ in range(2):
            list(limited.webhooks.list())
    except RateLimitError as error:
        show("rate limit", f"retry after {error.retry_after:.0f} s")
    canned: List[Tuple[str, CannedTransport]] = [
        ("HTML where JSON was due", CannedTransport(Response(200, [("Content-Type", "text/html")], b"<html>maintenance</html>"))),
        ("a 500", CannedTransport(Response(500, [], b'{"error": {"type": "internal_server_error", "message": "Oops"}}'))),
        ("a refused connection", CannedTransport(failure="connect")),
    ]
    for label, transport in canned:
        broken = Client(api_token=TOKEN, transport=transport, retry=RetryPolicy.never())
        try:
            broken.applicants.retrieve("a1")
        except DecodeError as error:
            show(label, f"DecodeError status={error.status} excerpt={error.excerpt!r}")
        except ServerError as error:
            show(label, f"ServerError {error.status} {error.type} request_id={error.request_id}")
        except TransportError as error:
            show(label, f"TransportError failure={error.failure}")
    settings: List[Tuple[str, Optional[str], Optional[str]]] = [
        ("test_abc\r\nX: y", None, None),  # a header injection attempt
        ("us_test_abc", "eu", None),  # a US token in the EU region
        ("test_abc", None, "http://api.example.com"),  # plain http to a public host
    ]
    for token, region, base_url in settings:
        try:
            Client(api_token=token, region=region, base_url=base_url)
        except ConfigError as error:
            show("config", f"ConfigError field={error.field}: {error}")
    try:
        client.applicants.retrieve("../etc/passwd")
    except ApiError as error:  # every server-side refusal
        show("any ApiError", f"{type(error).__name__} {error.status}")
    except OnfidoError as error:  # everything onfido_core raises
        show("any OnfidoError", f"{type(error).__name__} ({error.kind})")


async def async_client(secret_holder: List[str]) -> None:
    heading("AsyncClient")
    transport = AsyncLoggingTransport(AsyncSandboxTransport())
    async with AsyncClient(api_token=TOKEN, transport=transport) as client:
        created = await asyncio.gather(*(client.applicants.create(first_name=f"Async{i}", last_name="Doe") for i in range(3)))
        names = [a.first_name async for a in client.applicants.list(per_page=2)]
        show("created concurrently, listed", names)
        first: Applicant = created[0]
        updated = await client.applicants.update(first.id, last_name="Smith")
        show("updated", f"{updated.first_name} {updated.last_name}")
        show("retrieved", repr(await client.applicants.retrieve(first.id)))
        page = await client.applicants.list_page(per_page=2)
        show("list_page", repr(page))
        hook = await client.webhooks.register(url="https://hooks.example/async")
        secret_holder.append(hook.token or "")
        show("webhooks", [w.url for w in await client.webhooks.list()])
        await client.applicants.delete(created[2].id)
        try:
            await client.applicants.restore(created[2].id)
        except NotFoundError:
            show("restore a deleted applicant without checks", "NotFoundError")
        show("requests sent", transport.count)
    # The default transports, on your own httpx clients (with no request sent here).
    async_http = AsyncHttpxTransport(httpx.AsyncClient(timeout=10.0))
    await AsyncClient(api_token=TOKEN, transport=async_http).aclose()


def main() -> int:
    print(f"onfido_core {onfido_core.__version__}")
    sandbox = SandboxTransport()
    logging_transport = LoggingTransport(sandbox)
    assert isinstance(logging_transport, Transport) and isinstance(AsyncSandboxTransport(), AsyncTransport)
    with Client(api_token=TOKEN, transport=logging_transport, retry=RetryPolicy(max_attempts=3, initial_delay=0.1)) as client:
        print(repr(client))
        jane, sam = applicants(client)
        front = documents_and_photos(client, sandbox, jane, sam)
        checks_and_reports(client, jane, sam)
        the_rest(client, jane, front)
        hook_secret = next(iter(client.webhooks.list())).token
        webhooks(sandbox, hook_secret or "")
        rules()
        errors(client)
        heading("transport")
        show("requests sent", len(logging_transport.sent))
        show("last request", repr(logging_transport.sent[-1]))
    secrets: List[str] = []
    asyncio.run(async_client(secrets))
    http = HttpxTransport(httpx.Client(timeout=10.0))
    Client(api_token=TOKEN, transport=http, retry=None).close()
    print("\ndone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
