"""Retries through the server's injected faults, and one `Client` shared by threads."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any, Dict, List, Tuple

from onfido_core.v2 import (
    Applicant,
    Client,
    HttpxTransport,
    Request,
    Response,
    RetryPolicy,
    ServerError,
    TransportError,
    TransportFailure,
)

FAST_RETRIES = RetryPolicy(max_attempts=10, initial_delay=0.01, max_delay=0.1)


class CountingTransport:
    """httpx, counting what each attempt got: a status or a transport failure."""

    def __init__(self) -> None:
        self._inner = HttpxTransport()
        self.outcomes: "Counter[str]" = Counter()
        self._lock = threading.Lock()

    def send(self, request: Request, timeout: float) -> Response:
        try:
            response = self._inner.send(request, timeout)
        except TransportFailure as failure:
            with self._lock:
                self.outcomes[f"{request.method} {failure.failure}"] += 1
            raise
        with self._lock:
            self.outcomes[f"{request.method} {response.status}"] += 1
        return response

    def close(self) -> None:
        self._inner.close()

    def attempts(self, method: str) -> int:
        return sum(n for key, n in self.outcomes.items() if key.startswith(method + " "))


def test_retries_get_through_injected_faults(sandbox_factory: Any) -> None:
    server = sandbox_factory("--fail-rate", "0.3", "--seed", "7")
    transport = CountingTransport()
    with Client(api_token="test_retries", base_url=server.url, transport=transport, retry=FAST_RETRIES) as client:
        # Creates are not repeated after a 5xx or a lost connection (the first may have created something):
        # each either succeeds or raises; none is retried past a failure that might have reached the server.
        created: List[Applicant] = []
        refused: List[Exception] = []
        for i in range(12):
            try:
                created.append(client.applicants.create(first_name=f"Retry{i}", last_name="Doe"))
            except (ServerError, TransportError) as error:
                refused.append(error)
        assert created, "no create got through"
        assert transport.attempts("POST") == 12, "a POST is sent once"
        # Every GET gets through, whatever the faults.
        for i in range(40):
            if i % 2 == 0:
                page = client.applicants.list_page(per_page=5)
                assert page.total_count is not None and page.total_count >= len(created)
            else:
                applicant = client.applicants.retrieve(created[i % len(created)].id)
                assert applicant.id == created[i % len(created)].id
    gets = transport.attempts("GET")
    assert gets > 40, f"the fault rate should have forced retries: {dict(transport.outcomes)}"
    assert transport.outcomes["GET 200"] == 40, dict(transport.outcomes)
    faults = {k: n for k, n in transport.outcomes.items() if not k.endswith(" 200") and not k.endswith(" 201")}
    assert faults, dict(transport.outcomes)


def test_eight_threads_share_one_client(sandbox_factory: Any) -> None:
    server = sandbox_factory()
    results: Dict[int, List[Tuple[str, str]]] = {}
    errors: List[BaseException] = []
    start = threading.Barrier(8)

    def work(n: int, client: Client) -> None:
        try:
            start.wait(timeout=30)
            mine: List[Tuple[str, str]] = []
            for i in range(10):
                applicant = client.applicants.create(first_name=f"T{n}", last_name=f"Thread{i}")
                again = client.applicants.retrieve(applicant.id)
                assert (again.id, again.first_name, again.last_name) == (applicant.id, f"T{n}", f"Thread{i}")
                mine.append((applicant.id, again.last_name or ""))
            results[n] = mine
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    with Client(api_token="test_threads", base_url=server.url, retry=FAST_RETRIES) as client:
        threads = [threading.Thread(target=work, args=(n, client)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a thread hung"
        assert not errors, errors
        ids = [applicant_id for mine in results.values() for applicant_id, _ in mine]
        assert len(results) == 8 and len(ids) == 80
        assert len(set(ids)) == 80, "ids are unique"
        assert {a.id for a in client.applicants.list(per_page=20)} == set(ids)
