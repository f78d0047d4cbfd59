"""The README's webhook receiver examples (Flask, FastAPI, Django) run as written, each in a fresh
interpreter in a scratch directory against the installed onfido-core (no repository file on the
path), driven through the framework's test client: a signed notification is answered 204 and
printed, a wrong signature and a missing one 401."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
REPO = README.parent.parent

DRIVER = r'''
import os
import sys

import onfido_core
from onfido_core import sign_webhook

body = b'{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"c-readme"}}}'
token = os.environ["ONFIDO_WEBHOOK_TOKEN"]
cases = [sign_webhook(body, token), sign_webhook(body, "wrong-token"), None]
framework = sys.argv[1]
statuses = []
if framework == "flask":
    from flask_app import app

    client = app.test_client()
    for signature in cases:
        headers = {"Content-Type": "application/json", **({"X-SHA2-Signature": signature} if signature else {})}
        statuses.append(client.post("/onfido/webhooks", data=body, headers=headers).status_code)
elif framework == "fastapi":
    from fastapi.testclient import TestClient

    from fastapi_app import app

    with TestClient(app) as client:
        for signature in cases:
            headers = {"Content-Type": "application/json", **({"X-SHA2-Signature": signature} if signature else {})}
            statuses.append(client.post("/onfido/webhooks", content=body, headers=headers).status_code)
else:
    import django
    from django.conf import settings

    settings.configure(
        ROOT_URLCONF="urls",
        ALLOWED_HOSTS=["testserver"],
        SECRET_KEY="django-key-not-the-webhook-token",
        MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
    )
    django.setup()
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    for signature in cases:
        extra = {"HTTP_X_SHA2_SIGNATURE": signature} if signature else {}
        statuses.append(client.post("/onfido/webhooks", data=body, content_type="application/json", **extra).status_code)
print("statuses", ",".join(map(str, statuses)))
print("onfido_core from", onfido_core.__file__)
'''

URLS = """from django.urls import path

import django_views

urlpatterns = [path("onfido/webhooks", django_views.onfido_webhook)]
"""


def examples() -> Dict[str, str]:
    text = README.read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"```python\n# file: (\w+\.py)[^\n]*\n(.*?)```", text, re.S)}


def test_the_readme_has_the_three_receivers_and_the_v2_example() -> None:
    assert sorted(examples()) == ["django_views.py", "fastapi_app.py", "flask_app.py", "v2_example.py"]


def test_readme_v2_example_runs_from_the_install(tmp_path: Path) -> None:
    (tmp_path / "v2_example.py").write_text(examples()["v2_example.py"], encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "v2_example.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == ["complete clear clear ['document', 'watchlist']", "['Jane'] 1990"], done.stdout
    strict = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "v2_example.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert strict.returncode == 0, strict.stdout + strict.stderr


@pytest.mark.parametrize("framework,module", [("flask", "flask_app.py"), ("fastapi", "fastapi_app.py"), ("django", "django_views.py")])
def test_readme_receiver_runs_from_the_install(framework: str, module: str, tmp_path: Path) -> None:
    (tmp_path / module).write_text(examples()[module], encoding="utf-8")
    (tmp_path / "urls.py").write_text(URLS, encoding="utf-8")
    (tmp_path / "drive.py").write_text(DRIVER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["ONFIDO_WEBHOOK_TOKEN"] = "readme-webhook-token"
    done = subprocess.run(
        [sys.executable, "drive.py", framework],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{framework} got check.completed c-readme" in done.stdout
    assert "statuses 204,401,401" in done.stdout
    installed = done.stdout.split("onfido_core from ", 1)[1].strip()
    assert not Path(installed).resolve().is_relative_to(REPO.resolve()), installed
    assert "readme-webhook-token" not in done.stdout + done.stderr
