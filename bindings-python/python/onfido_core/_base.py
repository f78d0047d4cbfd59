"""What the generated models and resources of every version stand on: the model base, typed
fields, readers, `Page` and `Download`, and the listing loops."""

from __future__ import annotations

import base64
import copy
import re
from datetime import date, datetime, timedelta, timezone
from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    ClassVar,
    Dict,
    FrozenSet,
    Generic,
    Iterator,
    List,
    NoReturn,
    Optional,
    Protocol,
    Tuple,
    Type,
    TypeVar,
    Union,
    overload,
)

from . import _native
from ._engine import FileInput, file_input

__all__ = ["Model", "Field", "Page", "Download", "Caller", "AsyncCaller"]

T = TypeVar("T")
M = TypeVar("M", bound="Model")
Headers = List[Tuple[str, str]]
Input = Dict[str, Any]
# A reader makes what a method returns from the core's answer (JSON as Python values), the
# response's headers and, for a listing, the next page's input (None on the last page).
Reader = Callable[[Any, Headers, Optional[Input]], T]


class Model:
    """An object as the API returned it: typed attributes read its fields lazily; `model["name"]`,
    `get`, `extra` and `to_dict()` reach every member, those this version does not name too."""

    __slots__ = ("_data",)
    _data: Dict[str, Any]
    _keys: ClassVar[FrozenSet[str]] = frozenset()

    def __init__(self, data: Dict[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; use to_dict() for a mutable copy")

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self._data,))

    def __getitem__(self, name: str) -> Any:
        return self._data[name]

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._data == other._data  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, str(self._data.get("id"))))

    def __repr__(self) -> str:
        # Never a token or a secret: only these members show.
        keys = [k for k in ("id", "name", "status", "result") if isinstance(self._data.get(k), (str, int))]
        return f"{type(self).__name__}({', '.join(f'{k}={self._data[k]!r}' for k in keys)})"

    def get(self, name: str, default: Any = None) -> Any:
        """A member by its API name (its raw JSON value), or `default`."""
        return self._data.get(name, default)

    @property
    def extra(self) -> Dict[str, Any]:
        """The members this version of the API description does not name, as sent."""
        return {k: v for k, v in self._data.items() if k not in self._keys}

    def to_dict(self) -> Dict[str, Any]:
        """A deep copy of every member, as the API names them."""
        return copy.deepcopy(self._data)


class Field(Generic[T]):
    """A model's field: reads the member on each access, converted by `read` (None stays None)."""

    __slots__ = ("key", "read")

    def __init__(self, key: str, read: Optional[Callable[[Any], Any]] = None) -> None:
        self.key = key
        self.read = read

    @overload
    def __get__(self, model: None, owner: Any) -> Field[T]: ...

    @overload
    def __get__(self, model: Model, owner: Any) -> T: ...

    def __get__(self, model: Optional[Model], owner: Any) -> Any:
        if model is None:
            return self
        value = model._data.get(self.key)
        return value if self.read is None else self.read(value)

    def __set__(self, model: Model, value: NoReturn) -> None:
        # Models are read-only (for mypy too: no value fits `NoReturn`).
        raise AttributeError(f"{type(model).__name__}.{self.key} is read-only; use to_dict() for a mutable copy")


class Download(Model):
    """A downloaded file: exact bytes, content type and file name."""

    __slots__ = ()
    _keys = frozenset({"content", "content_type", "filename"})
    content: Field[bytes] = Field("content")
    content_type: Field[Optional[str]] = Field("content_type")
    filename: Field[Optional[str]] = Field("filename")

    def __repr__(self) -> str:
        size = len(self._data.get("content") or b"")
        return f"Download(filename={self._data.get('filename')!r}, content_type={self._data.get('content_type')!r}, size={size})"


class Page(Generic[T]):
    """One page of a list: its items, the total count, and the neighbouring page numbers."""

    __slots__ = ("items", "total_count", "next_page", "prev_page", "last_page", "_following")

    def __init__(self, items: List[T], links: Dict[str, Any], following: Optional[Input] = None) -> None:
        self.items = items
        self.total_count: Optional[int] = links.get("total_count")
        self.next_page: Optional[int] = _page_of(links.get("next"))
        self.prev_page: Optional[int] = _page_of(links.get("prev"))
        self.last_page: Optional[int] = _page_of(links.get("last"))
        # The next page's input as the core's call driver gave it (None: the last page).
        self._following = following

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"Page(items={len(self.items)}, total_count={self.total_count}, next_page={self.next_page})"


def _page_of(link: Any) -> Optional[int]:
    if isinstance(link, dict) and isinstance(link.get("page"), int):
        return int(link["page"])
    return None


def every(fetch: Callable[[Input], Page[T]], input: Input) -> Iterator[T]:
    """Every item of every page: each further page's input is the one the core gave with the last."""
    following: Optional[Input] = input
    while following is not None:
        page = fetch(following)
        yield from page.items
        following = page._following


async def every_async(fetch: Callable[[Input], Awaitable[Page[T]]], input: Input) -> AsyncIterator[T]:
    """`every` for the async clients: an async iterator."""
    following: Optional[Input] = input
    while following is not None:
        page = await fetch(following)
        for item in page.items:
            yield item
        following = page._following


def one(cls: Type[M]) -> Callable[[Any], Optional[M]]:
    return lambda value: cls(value) if isinstance(value, dict) else None


def later(cls: Callable[[], Type[M]]) -> Callable[[Any], Optional[M]]:
    """`one` of a class named before it exists (a model whose field holds the model itself)."""
    return lambda value: cls()(value) if isinstance(value, dict) else None


def str_or(cls: Type[M]) -> Callable[[Any], Union[str, M, None]]:
    """Text, or an object read as `cls` (a check's reports: ids, or the reports expanded)."""
    return lambda value: cls(value) if isinstance(value, dict) else value


def list_of(read: Callable[[Any], T]) -> Callable[[Any], List[T]]:
    """A list member (missing or null: empty); items through `read` (a model class, `as_date`...)."""
    return lambda value: [read(item) for item in value] if isinstance(value, list) else []


def dict_of(read: Callable[[Any], T]) -> Callable[[Any], Optional[Dict[str, T]]]:
    return lambda value: {k: read(v) for k, v in value.items()} if isinstance(value, dict) else None


def as_list(value: Any) -> List[Any]:
    return value if isinstance(value, list) else []


def as_date(value: Any) -> Optional[date]:
    """A `yyyy-mm-dd` member as a date (the text stays in `model["field"]`); other text: None."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


_TIMESTAMP = re.compile(r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(Z| ?UTC|[+-]\d\d:?\d\d)?$", re.I)


def as_datetime(value: Any) -> Optional[datetime]:
    """An RFC 3339 timestamp as an aware datetime (no offset: UTC), whatever its fraction's length;
    v2's `2019-10-28 15:00:39 UTC` too."""
    match = _TIMESTAMP.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    y, mo, d, h, mi, s, fraction, offset = match.groups()
    zone = timezone.utc
    if offset and offset.strip().upper() not in ("Z", "UTC"):
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        zone = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    try:
        return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), micro, tzinfo=zone)
    except ValueError:
        return None


def upload(file: FileInput, filename: Optional[str]) -> Dict[str, Any]:
    """An upload's file as the v3 input takes it (from a path, bytes or a binary file object)."""
    given = file_input(file, filename)
    return {"filename": given["filename"], "content_base64": base64.b64encode(given["content"]).decode("ascii")}


# --- Readers: the core's answer (JSON as Python values) and the headers -> what a method returns.


def single(cls: Type[M]) -> Reader[M]:
    return lambda value, *_: cls(value)


def many(cls: Type[M], key: Optional[str]) -> Reader[List[M]]:
    return lambda value, *_: [cls(item) for item in (value.get(key) if key else value) or []]


def page(cls: Type[M], key: Optional[str]) -> Reader[Page[M]]:
    return lambda value, headers, following: Page(many(cls, key)(value, headers, None), _native.parse_page(headers), following)


def download(value: Any, *_: Any) -> Download:
    content = base64.b64decode(value.get("content_base64") or "")
    return Download({"content": content, "content_type": value.get("content_type"), "filename": value.get("filename")})


def nothing(value: Any, *_: Any) -> None:
    return None


def text(value: Any, *_: Any) -> str:
    return str(value.get("text", ""))


def location(value: Any, *_: Any) -> Optional[str]:
    found = value.get("location")
    return found if isinstance(found, str) else None


def raw(value: Any, *_: Any) -> Any:
    """The answer as the core reads it (JSON as Python values): `request(operation, input)`."""
    return value


class Caller(Protocol):
    def _call(self, operation: str, input: Dict[str, Any], read: Reader[T]) -> T: ...


class AsyncCaller(Protocol):
    def _call(self, operation: str, input: Dict[str, Any], read: Reader[T]) -> Awaitable[T]: ...
