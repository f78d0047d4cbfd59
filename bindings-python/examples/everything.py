"""onfido_core on API v3.6, on the offline sandbox (no server, no network, no account).

    python examples/everything.py

The getting-started flow with `Client` and `AsyncClient` on `SandboxTransport`: typed models
(dates as `date`/`datetime`, members this version does not name through `model["..."]`), pages,
downloads, workflow runs, webhooks, the rules, each error class, and API v2 beside it
(`onfido_core.v2`). Every v3.6 method is listed in api/METHODS.md. Typed for `mypy --strict`.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime
from pathlib import Path
from typing import List, Optional

import onfido_core
from onfido_core import (
    ApiError,
    ApiValidationError,
    Applicant,
    AsyncClient,
    AsyncHttpxTransport,
    AsyncSandboxTransport,
    AsyncTransport,
    AuthenticationError,
    Check,
    Client,
    ConfigError,
    DecodeError,
    Download,
    GoneError,
    HttpxTransport,
    Model,
    NotFoundError,
    PermissionError,
    OnfidoError,
    Page,
    RateLimitError,
    ReferrerPattern,
    Report,
    Request,
    Response,
    RetryPolicy,
    SandboxTransport,
    ServerError,
    SignatureError,
    Transport,
    TransportError,
    UnprocessableError,
    TransportFailure,
    ValidationError,
    WebhookEvent,
    WebhookEventObject,
    WebhookEventPayload,
    WorkflowRun,
    check_result,
    missing_applicant_data,
    parse_webhook_event,
    sign_webhook,
    v2,
    verify_webhook,
)

FIXTURES = Path(__file__).resolve().parent.parent.parent / "tests" / "fixtures"
LICENCE = FIXTURES / "sample_driving_licence.png"
PHOTO = FIXTURES / "sample_photo.png"
TOKEN = "api_sandbox.test_everything_example"


def show(label: str, value: object) -> None:
    print(f"  {label:<28} {value}")


class CountingTransport:
    """A transport of your own: anything with send(request, timeout) -> Response and close()."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.sent: List[Request] = []

    def send(self, request: Request, timeout: float) -> Response:
        self.sent.append(request)
        return self.inner.send(request, timeout)

    def close(self) -> None:
        self.inner.close()


def getting_started(client: Client) -> None:
    print("== getting started (v3.6)")
    applicant: Applicant = client.applicants.create(
        first_name="Jane", last_name="Consider", dob=date(1990, 1, 31), address={"country": "GBR", "postcode": "S2 2DF", "town": "Sheffield"}
    )
    born: Optional[date] = applicant.dob
    created: Optional[datetime] = applicant.created_at
    show("applicant", f"{applicant!r} born {born} created {created and created.isoformat()}")
    show("raw dob text", applicant["dob"])
    document = client.documents.upload(applicant_id=applicant.id, type="driving_licence", side="front", file=LICENCE)
    client.live_photos.upload(applicant_id=applicant.id, file=PHOTO.read_bytes(), filename="selfie.png")
    check: Check = client.checks.create(applicant_id=applicant.id, report_names=["document", "facial_similarity_photo"])
    check = client.checks.find(check.id)
    show("check", f"{check.status} {check.result} ({len(check.report_ids)} reports)")
    reports: List[Report] = client.reports.list(check_id=check.id)
    for report in reports:
        show(f"report {report.name}", f"{report.status} {report.result} breakdown={sorted(report.breakdown or {})}")
    show("derived result", check_result([r.result for r in reports]))
    show("missing data (v2 rule)", missing_applicant_data({"reports": []}, applicant.to_dict()))
    download: Download = client.documents.download(document.id)
    show("download", f"{download.filename} {download.content_type} byte-exact={download.content == LICENCE.read_bytes()}")
    page: Page[Applicant] = client.applicants.list_page(page=1, per_page=20)
    every: List[Applicant] = list(client.applicants.list(per_page=1))
    show("page", f"{len(page)} of {page.total_count}, next page {page.next_page}; every page: {len(every)}")
    run: WorkflowRun = client.workflow_runs.create(applicant_id=applicant.id, workflow_id="e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b")
    show("workflow run", f"{run.status} -> {client.workflow_runs.find(run.id).status}")
    token = client.sdk_tokens.generate(applicant_id=applicant.id, referrer="https://*.example.com/*").token
    show("sdk token", f"a JWT of {token.count('.') + 1} parts; pattern lint {ReferrerPattern('https://*.example.com/*').lint()}")
    model: Model = check
    show("members by name", f"{model.get('status')!r}, extra={model.extra}")
    show("ping", client.api.ping())


def errors(client: Client) -> None:
    print("== errors")
    try:
        client.applicants.create(first_name="Jane", last_name="Doe", dob="1990-02-30")
    except ValidationError as error:
        show("ValidationError", error.fields)
    try:
        client.checks.find("6f3d1b7c-0a64-4c4e-9b8a-2d5f1e7c9a10")
    except NotFoundError as error:
        show("NotFoundError", f"{error.status} {error.type}")
    try:
        Client("live_abc", region="us")
    except ConfigError as error:
        show("ConfigError", error.field)
    try:
        Client(TOKEN, transport=CountingTransport(FailingTransport())).api.ping()
    except TransportError as error:
        show("TransportError", error.failure)
    for cls in (ApiError, ApiValidationError, AuthenticationError, PermissionError, GoneError, UnprocessableError, RateLimitError, ServerError, DecodeError, SignatureError):
        show(cls.__name__, issubclass(cls, OnfidoError))


class FailingTransport:
    def send(self, request: Request, timeout: float) -> Response:
        raise TransportFailure("connect", "simulated: no network")

    def close(self) -> None:
        pass


def webhooks() -> None:
    print("== webhooks")
    body = json.dumps({"payload": {"resource_type": "check", "action": "check.completed", "object": {"id": "c1", "status": "complete"}}}).encode()
    signature = sign_webhook(body, "secret", "sha256")
    event: WebhookEvent = verify_webhook(body, {"X-SHA2-Signature": signature}, "secret")
    payload: WebhookEventPayload = event.payload
    subject: WebhookEventObject = event.object
    show("verified", f"{payload.action} {subject.id} {parse_webhook_event(body).resource_type}")


async def asynchronous(transport: AsyncTransport) -> None:
    print("== async")
    async with AsyncClient(TOKEN, transport=transport) as client:
        applicant = await client.applicants.create(first_name="Ada", last_name="Doe")
        found = await client.applicants.find(applicant.id)
        show("async applicant", f"{found.first_name} {found.last_name}")


def main() -> None:
    print(f"onfido_core {onfido_core.__version__}")
    transport = CountingTransport(SandboxTransport())
    with Client(TOKEN, transport=transport, retry=RetryPolicy(max_attempts=2)) as client:
        getting_started(client)
        errors(client)
    show("requests sent", len(transport.sent))
    with Client(TOKEN, api_version="v3.4", transport=SandboxTransport()) as old:
        show("v3.4", old.applicants.create(first_name="Jane", last_name="Doe").href)
    with v2.Client("test_everything_example", transport=v2.SandboxTransport()) as legacy:
        show("v2", legacy.applicants.create(first_name="Jane", last_name="Doe").first_name)
    webhooks()
    asyncio.run(asynchronous(AsyncSandboxTransport()))
    show("real transports", f"{HttpxTransport.__name__}, {AsyncHttpxTransport.__name__}")
    print("done")


if __name__ == "__main__":
    main()
