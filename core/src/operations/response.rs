//! Reads responses: JSON bodies, lists with their page, empty bodies and downloads.

use serde::de::DeserializeOwned;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::Deserialize;

use crate::download::Download;
use crate::error::{ApiError, Error};
use crate::http::HttpResponse;
use crate::json_path;
use crate::pagination::Page;

/// The error of a non-2xx response.
pub(crate) fn api_error(response: &HttpResponse) -> Error {
    Error::Api(Box::new(ApiError::from_response(response)))
}

/// Reads a 2xx JSON body as `T`; a mismatch is a decode error naming the path.
pub(crate) fn json<T: DeserializeOwned>(response: HttpResponse) -> Result<T, Error> {
    if !response.is_success() {
        return Err(api_error(&response));
    }
    decode(&response)
}

pub(crate) fn decode<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    serde_json::from_slice(&response.body).map_err(|e| {
        let message = match json_path::error_path(&response.body, &e) {
            path if path.is_empty() => e.to_string(),
            path => format!("{path}: {e}"),
        };
        Error::decode(response.status, message, &response.body)
    })
}

/// Reads a body that must be JSON: a blank one is a decode error too (v3 answers).
pub(crate) fn json_body<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    if response.body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::decode(response.status, "the body is empty, where the answer is JSON", &[]));
    }
    decode(response)
}

/// The answer of an operation that returns no content (204).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoContent;

/// Serialises as `{}`.
impl Serialize for NoContent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

/// Reads a 2xx response whose body does not matter.
pub(crate) fn empty(response: HttpResponse) -> Result<NoContent, Error> {
    if !response.is_success() {
        return Err(api_error(&response));
    }
    Ok(NoContent)
}

/// Reads a 2xx download: bytes, content type and file name.
pub(crate) fn download(response: HttpResponse) -> Result<Download, Error> {
    if !response.is_success() {
        return Err(api_error(&response));
    }
    Ok(Download::from_response(response))
}

/// A resource that lists come wrapped under a key (`{"applicants": [...]}`).
pub trait ListKey {
    /// The wrapper's key.
    const LIST_KEY: &'static str;
}

/// One page of a list: the items and where the page sits.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed<T> {
    /// The resources on this page.
    pub items: Vec<T>,
    /// Links to other pages and the total count.
    pub page: Page,
}

/// Serialises as the API's wrapper object, `{"<key>": [...]}`.
impl<T: Serialize + ListKey> Serialize for Listed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(T::LIST_KEY, &self.items)?;
        map.end()
    }
}

/// Reads a 2xx list response and its pagination headers.
pub(crate) fn list<T: DeserializeOwned + ListKey>(response: HttpResponse) -> Result<Listed<T>, Error> {
    if !response.is_success() {
        return Err(api_error(&response));
    }
    let page = Page::from_response(&response)?;
    let wrapper: Wrapper<T> = decode(&response)?;
    match wrapper.0 {
        Some(items) => Ok(Listed { items, page }),
        None => Err(Error::decode(response.status, format!("missing the {:?} list", T::LIST_KEY), &response.body)),
    }
}

/// `{"<key>": [...]}` with other members ignored; `null` reads as an empty list.
struct Wrapper<T>(Option<Vec<T>>);

impl<'de, T: DeserializeOwned + ListKey> Deserialize<'de> for Wrapper<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: DeserializeOwned + ListKey> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Wrapper<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "an object with a {:?} list", T::LIST_KEY)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut items = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == T::LIST_KEY && items.is_none() {
                        items = Some(map.next_value::<Option<Vec<T>>>()?.unwrap_or_default());
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(Wrapper(items))
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}
