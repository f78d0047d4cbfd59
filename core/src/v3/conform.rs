//! Whether a JSON answer has the types its operation declares, read straight from the bytes: no
//! tree is built, so a binding whose runtime parses JSON natively (`JSON.parse`, `json.loads`)
//! reads the body itself once the core has said it conforms ([`super::check_response`]).
//!
//! The rules are [`super::parse`]'s (`mismatch`): `null` stands for an absent member anywhere but
//! as an item of a typed list; unknown members are skipped; an open enum is any text; `oneOf` is
//! judged on the subtree's value. Only the verdict is kept: a body that does not conform is read
//! again by the tree-building path, which names the first mismatch exactly as before.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::schema::{Field, Ty};

/// Whether `body` is one JSON value of type `ty` (not `null`), and nothing after it.
pub(super) fn conforms(ty: &'static Ty, body: &[u8]) -> bool {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    Seed { ty, null_allowed: false }.deserialize(&mut deserializer).is_ok() && deserializer.end().is_ok()
}

/// Any verdict but "conforms" ends the read: why does not matter here.
fn no<T, E: de::Error>() -> Result<T, E> {
    Err(E::custom("does not conform"))
}

/// One value to check against `ty`.
#[derive(Clone, Copy)]
struct Seed {
    ty: &'static Ty,
    /// `false` for an item of a typed list (and the whole answer): there `null` is not a value.
    null_allowed: bool,
}

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.ty {
            Ty::Any => deserializer.deserialize_ignored_any(IgnoredAny).map(drop),
            Ty::OneOf(_) => {
                let value = serde_json::Value::deserialize(deserializer)?;
                let fits = if value.is_null() {
                    self.null_allowed
                } else {
                    super::parse::mismatch(self.ty, &value, &mut String::new()).is_none()
                };
                if fits {
                    Ok(())
                } else {
                    no()
                }
            }
            _ => deserializer.deserialize_any(self),
        }
    }
}

impl<'de> Visitor<'de> for Seed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value of the declared type")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.null_allowed {
            Ok(())
        } else {
            no()
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        if matches!(self.ty, Ty::Bool) {
            Ok(())
        } else {
            no()
        }
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        if matches!(self.ty, Ty::Integer(_) | Ty::Number(_)) {
            Ok(())
        } else {
            no()
        }
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        // A whole number is one that fits an i64, as `Value::as_i64` says.
        match self.ty {
            Ty::Number(_) => Ok(()),
            Ty::Integer(_) if i64::try_from(value).is_ok() => Ok(()),
            _ => no(),
        }
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        if matches!(self.ty, Ty::Number(_)) {
            Ok(())
        } else {
            no()
        }
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        if matches!(self.ty, Ty::Str(_) | Ty::Enum(_)) {
            Ok(())
        } else {
            no()
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Ty::Array(array) = self.ty else { return no() };
        let item = Seed { ty: array.items, null_allowed: matches!(array.items, Ty::Any) };
        while seq.next_element_seed(item)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let fields = match self.ty {
            Ty::Object(object) => object.fields,
            Ty::Union(union) => union.merged.fields,
            Ty::Map(values) => {
                while map.next_key::<IgnoredAny>()?.is_some() {
                    map.next_value_seed(Seed { ty: values, null_allowed: true })?;
                }
                return Ok(());
            }
            _ => return no(),
        };
        while let Some(field) = map.next_key_seed(Key(fields))? {
            match field {
                Some(field) => map.next_value_seed(Seed { ty: field.ty, null_allowed: true })?,
                None => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        Ok(())
    }
}

/// A member's name, looked up among the declared fields without copying it.
struct Key(&'static [Field]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<&'static Field>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<&'static Field>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().find(|field| field.name == name))
    }
}
