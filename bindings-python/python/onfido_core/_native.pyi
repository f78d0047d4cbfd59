"""Type stubs of the native module (Rust, via pyo3)."""

from typing import Any, Dict, List, Optional, Sequence, Tuple, final

__all__ = [
    "CoreError",
    "__version__",
    "Config",
    "Pacer",
    "ReferrerPattern",
    "Sandbox",
    "build_request",
    "parse_response",
    "operations",
    "is_idempotent",
    "retry_delay",
    "verify_webhook",
    "verify_signature",
    "parse_webhook_event",
    "sign_webhook",
    "check_result",
    "findings",
    "missing_applicant_data",
    "sdk_token_claims",
    "parse_link_header",
    "next_page_after",
]

__version__: str

_Headers = List[Tuple[str, str]]

class CoreError(Exception):
    """A core error; args[0] is its JSON description."""

@final
class Config:
    def __new__(
        cls,
        api_token: Optional[str] = None,
        *,
        region: Optional[str] = None,
        api_version: str = "v2",
        base_url: Optional[str] = None,
        binding: str = "python",
    ) -> Config: ...
    @property
    def region(self) -> str: ...
    @property
    def api_version(self) -> str: ...
    @property
    def base_url(self) -> str: ...
    @property
    def environment(self) -> Optional[str]: ...
    @property
    def user_agent(self) -> str: ...
    @property
    def has_token(self) -> bool: ...

@final
class Pacer:
    def __new__(cls, requests_per_minute: int) -> Pacer: ...
    def acquire(self, now_ms: int) -> int: ...

@final
class ReferrerPattern:
    def __new__(cls, pattern: str) -> ReferrerPattern: ...
    def matches(self, url: str) -> bool: ...
    def lint(self) -> List[str]: ...

@final
class Sandbox:
    def __new__(cls, base_url: str = "https://api.onfido.com", rate_limit: Optional[int] = None) -> Sandbox: ...
    def handle(self, method: str, url: str, headers: _Headers, body: bytes, now: int) -> Tuple[int, _Headers, bytes]: ...
    def take_webhook_deliveries(self) -> List[Tuple[str, str, _Headers, bytes]]: ...

def build_request(
    operation: str, config: Config, input: Dict[str, Any], now: Optional[int] = None
) -> Tuple[str, str, _Headers, bytes]: ...
def parse_response(
    operation: str, status: int, headers: _Headers, body: bytes, api_version: Optional[str] = None
) -> Any: ...
def operations() -> List[str]: ...
def is_idempotent(operation: str) -> bool: ...
def retry_delay(
    policy: Tuple[int, int, int, int, int],
    attempt: int,
    idempotent: bool,
    status: Optional[int] = None,
    failure: Optional[str] = None,
    retry_after: Optional[str] = None,
    now: int = 0,
    jitter: float = 0.5,
    elapsed_ms: int = 0,
) -> Optional[int]: ...
def verify_webhook(body: bytes, headers: Any, secret: str) -> Dict[str, Any]: ...
def verify_signature(body: bytes, signature: str, secret: str, algorithm: str) -> bool: ...
def parse_webhook_event(body: bytes) -> Dict[str, Any]: ...
def sign_webhook(body: bytes, secret: str, algorithm: str) -> str: ...
def check_result(results: Sequence[Optional[str]]) -> Optional[str]: ...
def findings(report: Dict[str, Any]) -> List[Dict[str, Any]]: ...
def missing_applicant_data(check: Dict[str, Any], applicant: Dict[str, Any]) -> List[Dict[str, Any]]: ...
def sdk_token_claims(token: str) -> Dict[str, Any]: ...
def parse_link_header(header: str) -> Dict[str, Optional[str]]: ...
def next_page_after(current: int, next: Optional[int]) -> Optional[int]: ...
