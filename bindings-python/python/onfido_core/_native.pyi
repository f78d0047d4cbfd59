"""Type stubs of the native module (Rust, via pyo3)."""

from typing import Any, Dict, List, Optional, Sequence, Tuple, final

__all__ = [
    "CoreError",
    "__version__",
    "Config",
    "Session",
    "Call",
    "ReferrerPattern",
    "Sandbox",
    "build_request",
    "parse_response",
    "operations",
    "parse_page",
    "verify_webhook",
    "verify_signature",
    "parse_webhook_event",
    "sign_webhook",
    "check_result",
    "findings",
    "missing_applicant_data",
    "sdk_token_claims",
    "parse_link_header",
    "check_vector",
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
        app_name: Optional[str] = None,
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
def parse_page(headers: _Headers) -> Dict[str, Any]: ...
def verify_webhook(body: bytes, headers: Any, secret: str) -> Dict[str, Any]: ...
def verify_signature(body: bytes, signature: str, secret: str, algorithm: str) -> bool: ...
def parse_webhook_event(body: bytes) -> Dict[str, Any]: ...
def sign_webhook(body: bytes, secret: str, algorithm: str) -> str: ...
def check_result(results: Sequence[Optional[str]]) -> Optional[str]: ...
def findings(report: Dict[str, Any]) -> List[Dict[str, Any]]: ...
def missing_applicant_data(check: Dict[str, Any], applicant: Dict[str, Any]) -> List[Dict[str, Any]]: ...
def sdk_token_claims(token: str) -> Dict[str, Any]: ...
def parse_link_header(header: str) -> Dict[str, Optional[str]]: ...

@final
class Session:
    def __new__(
        cls,
        config: Config,
        *,
        retry: Optional[Tuple[int, int, int, int, int]] = None,
        pace: bool = False,
        rate_limit: Optional[int] = None,
        timeout_ms: int = 30000,
    ) -> Session: ...

@final
class Call:
    def __new__(
        cls,
        session: Session,
        operation: str,
        input: Any,
        now: int,
        *,
        headers: Optional[List[Tuple[str, str]]] = None,
        timeout_ms: Optional[int] = None,
    ) -> Call: ...
    def start(self, unix: int, monotonic_ms: int, jitter: float) -> Any: ...
    def waited(self, unix: int, monotonic_ms: int, jitter: float) -> Any: ...
    def received(
        self,
        unix: int,
        monotonic_ms: int,
        jitter: float,
        *,
        status: Optional[int] = None,
        headers: Optional[List[Tuple[str, str]]] = None,
        body: Optional[bytes] = None,
        failure: Optional[str] = None,
        message: Optional[str] = None,
    ) -> Any: ...

def check_vector(kind: str, case: str, observed: str) -> Optional[str]: ...
