//! Serde helpers shared by the models: string enums with a fallback, lenient nulls and numbers.

use serde::{Deserialize, Deserializer};

/// Defines a string enum whose unknown values are kept in an `Unknown(String)` variant.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $value:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// Every known value, in the reference's order.
            pub const KNOWN: &'static [&'static str] = &[$($value),+];

            /// The value as the API writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)+
                    $name::Unknown(other) => other.as_str(),
                }
            }

            /// Whether this is a value the reference documents.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        /// An empty unknown value, for models being filled in.
        impl Default for $name {
            fn default() -> Self {
                $name::Unknown(String::new())
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => $name::$variant,)+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $($value => $name::$variant,)+
                    _ => $name::Unknown(value),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok($name::from(value.as_ref()))
            }
        }
    };
}
pub(crate) use string_enum;

/// Reads an optional unsigned integer given as a number or a numeric string.
pub(crate) fn lenient_u32<'de, D>(deserializer: D) -> Result<Option<u32>, D::Error>
where
    D: Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumOrStr {
        Num(u32),
        Str(String),
    }
    match Option::<NumOrStr>::deserialize(deserializer)? {
        None => Ok(None),
        Some(NumOrStr::Num(n)) => Ok(Some(n)),
        Some(NumOrStr::Str(s)) => {
            s.trim().parse().map(Some).map_err(|_| serde::de::Error::custom("expected a whole number"))
        }
    }
}

/// Reads an optional boolean given as a boolean or as `"true"`/`"false"`.
pub(crate) fn lenient_bool<'de, D>(deserializer: D) -> Result<Option<bool>, D::Error>
where
    D: Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum BoolOrStr {
        Bool(bool),
        Str(String),
    }
    match Option::<BoolOrStr>::deserialize(deserializer)? {
        None => Ok(None),
        Some(BoolOrStr::Bool(b)) => Ok(Some(b)),
        Some(BoolOrStr::Str(s)) => match s.as_str() {
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            _ => Err(serde::de::Error::custom("expected true or false")),
        },
    }
}

/// Implements `Deserialize` for a model in one pass: named fields by key, every other member
/// into `extra`. (`#[serde(flatten)]` would buffer each object before reading it: twice the work.)
///
/// Field modes: none (the field's own `Deserialize`), `or_default` (`null` reads as the default),
/// `or_object` (`null` reads as `{}`), `or_raw` (free-form data: `null` reads as the default, and a
/// value of a shape the field does not expect is kept as sent in `extra` under its key, so it never
/// fails the whole model). `required "key"` makes a missing key an error.
macro_rules! deserialize_model {
    ($ty:ident $(required $req:literal)? { $($field:ident : $key:literal $($mode:ident)?),* $(,)? }) => {
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a JSON object (", stringify!($ty), ")"))
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$ty, A::Error> {
                        let mut out = <$ty as ::std::default::Default>::default();
                        #[allow(unused_mut)]
                        let mut found_required = true $(&& $req.is_empty())?;
                        while let Some(key) = map.next_key::<::std::borrow::Cow<'de, str>>()? {
                            $(if key == $req { found_required = true; })?
                            match key.as_ref() {
                                $($key => out.$field = $crate::serde_util::read_value!(map, out, key $($mode)?),)*
                                _ => {
                                    let value: ::serde_json::Value = map.next_value()?;
                                    out.extra.insert(key.into_owned(), value);
                                }
                            }
                        }
                        if !found_required {
                            $(return Err(<A::Error as ::serde::de::Error>::missing_field($req));)?
                        }
                        Ok(out)
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    };
}
pub(crate) use deserialize_model;

/// Reads one map value in a [`deserialize_model!`] mode.
macro_rules! read_value {
    ($map:ident, $out:ident, $key:ident) => {
        $map.next_value()?
    };
    ($map:ident, $out:ident, $key:ident or_default) => {
        $map.next_value::<Option<_>>()?.unwrap_or_default()
    };
    ($map:ident, $out:ident, $key:ident or_raw) => {{
        let raw: ::serde_json::Value = $map.next_value()?;
        match ::serde::Deserialize::deserialize(&raw) {
            Ok(Some(value)) => value,
            Ok(None) => ::std::default::Default::default(),
            Err(_) => {
                $out.extra.insert($key.to_string(), raw);
                ::std::default::Default::default()
            }
        }
    }};
    ($map:ident, $out:ident, $key:ident or_object) => {
        match $map.next_value::<::serde_json::Value>()? {
            ::serde_json::Value::Null => ::serde_json::Value::Object(::serde_json::Map::new()),
            other => other,
        }
    };
}
pub(crate) use read_value;
