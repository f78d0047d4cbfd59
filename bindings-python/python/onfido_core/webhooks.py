"""Webhook receivers for Flask, FastAPI (Starlette) and Django.

Each framework gets a function that verifies one request (raising `SignatureError` or `DecodeError`)
and a wrapper that answers the framework's own 4xx instead: 401 for a missing or wrong signature,
400 for a body that is not an event. Signatures cover the raw bytes as received, so these read the
raw body (`request.get_data()`, `await request.body()`, `request.body`), never parsed JSON.

No framework is a dependency of onfido-core: request objects are only read through the methods
named above, and a framework is imported (by name, when a wrapper first needs it) only by the
wrapper made for it.

    # Flask
    @app.post("/onfido/webhooks")
    @flask_webhook(lambda: os.environ["ONFIDO_WEBHOOK_TOKEN"])
    def onfido_webhook(event: WebhookEvent) -> str: ...

    # FastAPI
    @app.post("/onfido/webhooks")
    async def onfido_webhook(event: WebhookEvent = Depends(fastapi_webhook(token))) -> None: ...

    # Django
    @django_webhook(lambda: settings.ONFIDO_WEBHOOK_TOKEN)
    def onfido_webhook(request: HttpRequest, event: WebhookEvent) -> HttpResponse: ...
"""

from __future__ import annotations

import functools
import importlib
import inspect
from typing import Any, Awaitable, Callable, Tuple, TypeVar, Union

from ._errors import DecodeError, OnfidoError, SignatureError
from ._v2_models import WebhookEvent
from ._webhooks import verify_webhook

__all__ = [
    "Secret",
    "verify_flask_request",
    "flask_webhook",
    "verify_fastapi_request",
    "fastapi_webhook",
    "verify_django_request",
    "django_webhook",
    "refusal",
]

Secret = Union[str, Callable[[], str]]
"""The webhook's token, or a function returning it (read on each request, e.g. from settings)."""

R = TypeVar("R")


def _secret(secret: Secret) -> str:
    value = secret() if callable(secret) else secret
    if not isinstance(value, str):
        raise TypeError(f"the webhook secret must be a str (or a function returning one), not {type(value).__name__}")
    return value


def refusal(error: OnfidoError) -> Tuple[int, str]:
    """The HTTP status and text to answer a refused notification with (never the secret)."""
    if isinstance(error, SignatureError):
        return 401, "invalid webhook signature"
    return 400, "invalid webhook body"


def _framework(name: str, helper: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        raise ImportError(f"onfido_core.webhooks.{helper} needs {name.split('.')[0]}, which is not installed") from None


# Flask ------------------------------------------------------------------------------------------


def verify_flask_request(request: Any, secret: Secret) -> WebhookEvent:
    """Verifies a Flask (Werkzeug) request: its raw body (`get_data()`) against its headers.

    Raises `SignatureError` (wrong or missing signature) or `DecodeError` (not an event).
    """
    return verify_webhook(request.get_data(cache=True), request.headers, _secret(secret))


def flask_webhook(secret: Secret) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """A view decorator: the view gets the verified event as its `event` keyword argument (after
    the route's own arguments); a refused notification is answered 401 or 400 by `flask.abort`."""

    def decorate(view: Callable[..., R]) -> Callable[..., R]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> R:
            flask = _framework("flask", "flask_webhook")
            try:
                event = verify_flask_request(flask.request, secret)
            except (SignatureError, DecodeError) as error:
                status, text = refusal(error)
                flask.abort(status, description=text)
                raise  # not reached: flask.abort raises
            return view(*args, event=event, **kwargs)

        return wrapper

    return decorate


# FastAPI / Starlette ----------------------------------------------------------------------------


async def verify_fastapi_request(request: Any, secret: Secret) -> WebhookEvent:
    """Verifies a FastAPI (Starlette) request: `await request.body()` against its headers.

    Raises `SignatureError` (wrong or missing signature) or `DecodeError` (not an event).
    """
    body = await request.body()
    return verify_webhook(body, request.headers, _secret(secret))


def fastapi_webhook(secret: Secret) -> Callable[..., Awaitable[WebhookEvent]]:
    """A FastAPI dependency giving the verified event: `event: WebhookEvent = Depends(fastapi_webhook(token))`.

    A refused notification is answered 401 or 400 through `fastapi.HTTPException`. The route
    must not also declare a body parameter (FastAPI would parse the body as JSON first).
    """
    starlette_requests = _framework("starlette.requests", "fastapi_webhook")
    fastapi = _framework("fastapi", "fastapi_webhook")

    async def dependency(request: Any) -> WebhookEvent:
        try:
            return await verify_fastapi_request(request, secret)
        except (SignatureError, DecodeError) as error:
            status, text = refusal(error)
            raise fastapi.HTTPException(status_code=status, detail=text) from None

    # FastAPI injects the request by the parameter's annotation: set it to Starlette's class here,
    # so that this module never imports Starlette for its own types.
    parameter = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=starlette_requests.Request)
    setattr(dependency, "__signature__", inspect.Signature([parameter], return_annotation=WebhookEvent))
    return dependency


# Django -----------------------------------------------------------------------------------------


def verify_django_request(request: Any, secret: Secret) -> WebhookEvent:
    """Verifies a Django request: `request.body` against `request.headers`.

    Raises `SignatureError` (wrong or missing signature) or `DecodeError` (not an event).
    """
    return verify_webhook(request.body, request.headers, _secret(secret))


def _django_refusal(error: OnfidoError) -> Any:
    http = _framework("django.http", "django_webhook")
    status, text = refusal(error)
    return http.HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def django_webhook(secret: Secret) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A view decorator (sync or async views): the view is called as `view(request, *args,
    event=event, **kwargs)` with the verified event; a refused notification is answered 401 or 400.

    The view is exempt from CSRF checks (Onfido cannot send a CSRF token; the signature stands in
    for it), as `django.views.decorators.csrf.csrf_exempt` would make it.
    """

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        wrapper: Callable[..., Any]
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                try:
                    event = verify_django_request(request, secret)
                except (SignatureError, DecodeError) as error:
                    return _django_refusal(error)
                return await view(request, *args, event=event, **kwargs)

            wrapper = async_wrapper
        else:

            @functools.wraps(view)
            def sync_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
                try:
                    event = verify_django_request(request, secret)
                except (SignatureError, DecodeError) as error:
                    return _django_refusal(error)
                return view(request, *args, event=event, **kwargs)

            wrapper = sync_wrapper
        setattr(wrapper, "csrf_exempt", True)
        return wrapper

    return decorate
