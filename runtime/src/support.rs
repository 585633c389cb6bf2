//! Types the generated models build on: update values, tolerant dates, open enumerations,
//! Base64 bytes and request validation.

use std::fmt;
use std::ops::{Bound, RangeBounds};
use std::str::FromStr;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::UPDATE_VALUE_PROPERTY;

/// Marks an [`Update`] whose value may be cleared (set to `null`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Clearable;

/// Marks an [`Update`] whose value can be changed but never cleared. It has no values, so
/// `Update::Clear` cannot be built for such an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotClearable {}

/// Whether an [`Update`] can express "clear"; implemented by [`Clearable`] and [`NotClearable`].
pub trait ClearMode: Sized {
    /// The marker value for "clear", if clearing is allowed.
    fn clear() -> Option<Self>;
}

impl ClearMode for Clearable {
    fn clear() -> Option<Self> {
        Some(Clearable)
    }
}

impl ClearMode for NotClearable {
    fn clear() -> Option<Self> {
        None
    }
}

/// A change to one field of an existing record: keep the current value, set a new one, or
/// clear it.
///
/// On the wire, `Keep` is an absent field, `Set(x)` is `{"Value": x}` and `Clear` is
/// `{"Value": null}`. Fields whose value cannot be cleared have the type
/// `Update<T, NotClearable>`, for which `Clear` cannot be constructed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Update<T, C = Clearable> {
    /// Leave the current value as it is.
    #[default]
    Keep,
    /// Replace the current value.
    Set(T),
    /// Remove the current value.
    Clear(C),
}

impl<T, C> Update<T, C> {
    /// Sets the value, converting it first (`Update::set("Prague")` for an
    /// `Update<String>`).
    pub fn set(value: impl Into<T>) -> Self {
        Update::Set(value.into())
    }

    /// Whether this update leaves the value as it is; such updates are not sent.
    pub fn is_keep(&self) -> bool {
        matches!(self, Update::Keep)
    }
}

impl<T> Update<T, Clearable> {
    /// Clears the value.
    pub const fn clear() -> Self {
        Update::Clear(Clearable)
    }
}

impl<T: Serialize, C> Serialize for Update<T, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = match self {
            Update::Keep => return serializer.serialize_none(),
            Update::Set(value) => Some(value),
            Update::Clear(_) => None,
        };
        let mut wrapper = serializer.serialize_struct("Update", 1)?;
        wrapper.serialize_field(UPDATE_VALUE_PROPERTY, &value)?;
        wrapper.end()
    }
}

impl<'de, T: Deserialize<'de>, C: ClearMode> Deserialize<'de> for Update<T, C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UpdateVisitor<T, C>(std::marker::PhantomData<(T, C)>);

        impl<'de, T: Deserialize<'de>, C: ClearMode> Visitor<'de> for UpdateVisitor<T, C> {
            type Value = Update<T, C>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                write!(
                    formatter,
                    "null or an object with a `{UPDATE_VALUE_PROPERTY}` property"
                )
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Update::Keep)
            }

            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Update::Keep)
            }

            fn visit_some<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Self::Value, D::Error> {
                deserializer.deserialize_map(self)
            }

            /// An object is an update: `{"Value": null}`, or `{}` (whose value is `null` too),
            /// clears the value.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut value = None;
                while let Some(ValueKey(is_value)) = map.next_key()? {
                    if !is_value {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                    value = map.next_value::<Option<T>>()?;
                }
                Ok(match value {
                    Some(value) => Update::Set(value),
                    None => Update::Clear(C::clear().ok_or_else(|| {
                        de::Error::custom("this value cannot be cleared, but the update clears it")
                    })?),
                })
            }
        }

        deserializer.deserialize_option(UpdateVisitor(std::marker::PhantomData))
    }
}

/// A key of an update-value object: whether it is the value property. Read without
/// allocating, since update values fill whole requests.
struct ValueKey(bool);

impl<'de> Deserialize<'de> for ValueKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl Visitor<'_> for KeyVisitor {
            type Value = ValueKey;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a property name")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<ValueKey, E> {
                Ok(ValueKey(key == UPDATE_VALUE_PROPERTY))
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// A request field that may be left out, sent as `null`, or set: the three states of an
/// optional, nullable field (`"set to null to remove"`).
///
/// On the wire, `Absent` is a field left out, `Null` is `null` and `Value(x)` is `x`. A `with_`
/// setter takes the value itself, `Nullable::Null` or an `Option` (`None` leaves it out):
/// `.with_due_on(date)`, `.with_due_on(Nullable::Null)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// Leave the field out.
    #[default]
    Absent,
    /// Send `null` (remove the value).
    Null,
    /// Send this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field is left out; such fields are not sent.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, if there is one, taking it.
    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

/// `None` leaves the field out, as an unset `Option` field is.
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Nullable::Absent, Nullable::Value)
    }
}

impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_owned())
    }
}

impl From<&String> for Nullable<String> {
    fn from(value: &String) -> Self {
        Nullable::Value(value.clone())
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(value),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

/// `null` reads as `Null`; a field that is missing reads as `Absent` (with `#[serde(default)]`).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.map_or(Nullable::Null, Nullable::Value))
    }
}

impl<T: Validate> Validate for Nullable<T> {
    fn check(&self, path: &str, violations: &mut Violations) {
        if let Nullable::Value(value) = self {
            value.check(path, violations);
        }
    }
}

/// A calendar date.
///
/// Mews documents such fields as dates (`1985-09-30`) but often sends them as midnight UTC
/// date-times (`2040-10-24T00:00:00Z`); both are read, keeping the date as written. It is sent
/// as a plain date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub chrono::NaiveDate);

impl Date {
    /// The date of the given year, month (1 to 12) and day (1 to 31), if it exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Self> {
        chrono::NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }
}

impl From<chrono::NaiveDate> for Date {
    fn from(date: chrono::NaiveDate) -> Self {
        Date(date)
    }
}

impl From<Date> for chrono::NaiveDate {
    fn from(date: Date) -> Self {
        date.0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `NaiveDate` displays as `YYYY-MM-DD`.
        fmt::Display::fmt(&self.0, formatter)
    }
}

/// The error of parsing a [`Date`] from text that is neither a date nor a date-time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(String);

impl fmt::Display for DateParseError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "`{}` is neither a date (YYYY-MM-DD) nor an ISO 8601 date-time",
            self.0
        )
    }
}

impl std::error::Error for DateParseError {}

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || DateParseError(text.to_owned());
        let (date, time) = match text.get(..10) {
            Some(date) => (date, &text[10..]),
            None => return Err(invalid()),
        };
        match time.as_bytes().first() {
            None => {}
            // The time must be well formed even though only the date is kept.
            Some(b'T' | b't' | b' ') => {
                let valid = chrono::DateTime::parse_from_rfc3339(text).is_ok()
                    || chrono::NaiveTime::parse_from_str(&time[1..], "%H:%M:%S%.f").is_ok();
                if !valid {
                    return Err(invalid());
                }
            }
            Some(_) => return Err(invalid()),
        }
        parse_ymd(date.as_bytes()).map(Date).ok_or_else(invalid)
    }
}

/// `YYYY-MM-DD`, read without a format string: dates are in every Mews response.
fn parse_ymd(date: &[u8]) -> Option<chrono::NaiveDate> {
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |value, digit| {
            digit
                .is_ascii_digit()
                .then(|| value * 10 + u32::from(digit - b'0'))
        })
    };
    if date.len() != 10 || date[4] != b'-' || date[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(&date[..4])?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, number(&date[5..7])?, number(&date[8..10])?)
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl Visitor<'_> for DateVisitor {
            type Value = Date;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a date (YYYY-MM-DD) or an ISO 8601 date-time")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
                text.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(DateVisitor)
    }
}

/// Implements `Display`, `FromStr`, `Serialize` and `Deserialize` for an open enumeration
/// through its `as_str` and `From<&str>`: unknown values are read into the catch-all variant
/// and written back unchanged.
#[allow(unused_macros)] // An API without enumerations does not use it.
macro_rules! impl_open_enum {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::support::OpenEnumVisitor::<Self>::new())
            }
        }

        impl $crate::support::Validate for $name {
            fn check(&self, _path: &str, _violations: &mut $crate::support::Violations) {}
        }
    };
}

#[allow(unused_imports)]
pub(crate) use impl_open_enum;

/// Implements `Display`, `Serialize` and `Deserialize` for an open enumeration of integers
/// through its `as_i64` and `From<i64>`: unknown values are read into the catch-all variant
/// and written back unchanged.
#[allow(unused_macros)] // An API without integer enumerations does not use it.
macro_rules! impl_open_integer_enum {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(formatter, "{}", self.as_i64())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.as_i64())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

        impl $crate::support::Validate for $name {
            fn check(&self, _path: &str, _violations: &mut $crate::support::Violations) {}
        }
    };
}

#[allow(unused_imports)]
pub(crate) use impl_open_integer_enum;

/// Reads an open enumeration from a string without allocating for known values.
#[allow(dead_code)] // Only APIs with enumerations use it.
pub(crate) struct OpenEnumVisitor<T>(std::marker::PhantomData<T>);

#[allow(dead_code)] // Only APIs with enumerations use it.
impl<T> OpenEnumVisitor<T> {
    /// A visitor of `T`.
    pub(crate) fn new() -> Self {
        OpenEnumVisitor(std::marker::PhantomData)
    }
}

impl<T> Default for OpenEnumVisitor<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: for<'a> From<&'a str>> Visitor<'_> for OpenEnumVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// Serializes the variant of a discriminated union, adding the tag property when the variant's
/// own type does not carry it.
#[allow(dead_code)] // Only APIs with discriminated unions use it.
pub(crate) fn serialize_tagged<S: Serializer, T: Serialize>(
    serializer: S,
    tag_property: &str,
    tag: impl Into<serde_json::Value>,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(value).map_err(serde::ser::Error::custom)?;
    if let Some(object) = json.as_object_mut() {
        object.entry(tag_property).or_insert_with(|| tag.into());
    }
    json.serialize(serializer)
}

/// Checks a request against the limits of the spec (lengths, item counts) before it is sent.
pub trait Validate {
    /// Checks every limit, reporting all violations at once.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut violations = Violations::default();
        self.check("", &mut violations);
        if violations.0.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: violations.0,
            })
        }
    }

    /// Adds this value's violations to `violations`, with field paths below `path`.
    fn check(&self, path: &str, violations: &mut Violations);
}

impl<T: Validate> Validate for Vec<T> {
    fn check(&self, path: &str, violations: &mut Violations) {
        for (index, item) in self.iter().enumerate() {
            item.check(&format!("{path}[{index}]"), violations);
        }
    }
}

/// Values without limits of their own.
macro_rules! nothing_to_validate {
    ($($ty:ty),*) => {
        $(impl Validate for $ty {
            fn check(&self, _path: &str, _violations: &mut Violations) {}
        })*
    };
}

nothing_to_validate!(
    String,
    bool,
    i32,
    i64,
    f32,
    f64,
    uuid::Uuid,
    chrono::DateTime<chrono::Utc>,
    Date,
    serde_json::Value,
    Vec<u8>
);

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn check(&self, path: &str, violations: &mut Violations) {
        for (key, value) in self {
            value.check(&format!("{path}[{key:?}]"), violations);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn check(&self, path: &str, violations: &mut Violations) {
        (**self).check(path, violations);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn check(&self, path: &str, violations: &mut Violations) {
        if let Some(value) = self {
            value.check(path, violations);
        }
    }
}

/// One limit a request breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where, as wire names: `IdentityDocuments[3].Number`.
    pub path: String,
    /// What is wrong: `11 items, at most 10 allowed`.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.path, self.message)
    }
}

/// The violations a request was rejected for, before anything was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// Every violation found, in field order.
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, violation) in self.violations.iter().enumerate() {
            if index > 0 {
                formatter.write_str("; ")?;
            }
            write!(formatter, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// One end of a time or date interval whose length a spec limits: a date-time, or a date at its
/// start.
pub trait IntervalEnd {
    /// The end as an instant, without a time zone (date-times are in UTC).
    fn instant(&self) -> chrono::NaiveDateTime;
}

impl IntervalEnd for chrono::DateTime<chrono::Utc> {
    fn instant(&self) -> chrono::NaiveDateTime {
        self.naive_utc()
    }
}

impl IntervalEnd for Date {
    fn instant(&self) -> chrono::NaiveDateTime {
        self.0.and_time(chrono::NaiveTime::MIN)
    }
}

/// Collects violations while a request is checked.
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// Checks the length of a string, in characters.
    pub fn length(
        &mut self,
        path: &str,
        field: &str,
        value: &str,
        limits: impl RangeBounds<usize>,
    ) {
        self.count(path, field, value.chars().count(), " characters", limits);
    }

    /// Checks the number of items of an array.
    pub fn items<T>(
        &mut self,
        path: &str,
        field: &str,
        items: &[T],
        limits: impl RangeBounds<usize>,
    ) {
        self.count(path, field, items.len(), " items", limits);
    }

    /// Checks a nested value.
    pub fn nested(&mut self, path: &str, field: &str, value: &impl Validate) {
        value.check(&field_path(path, field), self);
    }

    /// Checks the bounds of an integer.
    pub fn range(&mut self, path: &str, field: &str, value: i64, limits: impl RangeBounds<i64>) {
        self.count(path, field, value, "", limits);
    }

    /// Checks that an interval from `start` to `end` is at most `max_months` calendar months
    /// long (an end before the start is the server's to refuse).
    pub fn interval(
        &mut self,
        path: &str,
        field: &str,
        start: &impl IntervalEnd,
        end: &impl IntervalEnd,
        max_months: u32,
    ) {
        let (start, end) = (start.instant(), end.instant());
        let latest = start.checked_add_months(chrono::Months::new(max_months));
        if latest.is_some_and(|latest| end > latest) {
            self.0.push(Violation {
                path: field_path(path, field),
                message: format!(
                    "from {start} to {end}, an interval of at most {max_months} months allowed"
                ),
            });
        }
    }

    fn count<N: PartialOrd + fmt::Display>(
        &mut self,
        path: &str,
        field: &str,
        count: N,
        unit: &str,
        limits: impl RangeBounds<N>,
    ) {
        let message = match (limits.start_bound(), limits.end_bound()) {
            (Bound::Included(min), _) if count < *min => {
                format!("{count}{unit}, at least {min} required")
            }
            (_, Bound::Included(max)) if count > *max => {
                format!("{count}{unit}, at most {max} allowed")
            }
            _ => return,
        };
        self.0.push(Violation {
            path: field_path(path, field),
            message,
        });
    }
}

fn field_path(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// A file to send as a part of a `multipart/form-data` body: its bytes, the file name the
/// part carries, and its content type (`application/octet-stream`, or what the spec gives,
/// when unset).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePart {
    /// The file's contents.
    #[serde(with = "base64")]
    pub bytes: Vec<u8>,
    /// The name the part gives the file (`report.pdf`).
    pub file_name: String,
    /// The part's content type (`image/png`).
    pub content_type: Option<String>,
}

impl FilePart {
    /// A file of these bytes under this name.
    pub fn new(bytes: impl Into<Vec<u8>>, file_name: impl Into<String>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: file_name.into(),
            content_type: None,
        }
    }

    /// Sets the part's content type.
    #[must_use]
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl Validate for FilePart {
    fn check(&self, _path: &str, _violations: &mut Violations) {}
}

/// Reading numbers that a server writes as strings (`"price": "-0.0025"`), as some APIs do for
/// some fields: `#[serde(deserialize_with = "support::number::read")]` reads a number or a
/// string that holds one. Numbers are written as numbers.
pub mod number {
    use serde::de::{Deserializer, Error, Unexpected, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    /// A number type of a field: what it takes from each JSON number.
    pub trait Number: Sized + std::str::FromStr {
        /// From a negative integer, if it fits.
        fn from_i64(value: i64) -> Option<Self>;
        /// From a non-negative integer, if it fits.
        fn from_u64(value: u64) -> Option<Self>;
        /// From a number with a fraction or exponent; integers take none.
        fn from_f64(value: f64) -> Option<Self>;
    }

    macro_rules! integer {
        ($($ty:ty),*) => {$(
            impl Number for $ty {
                fn from_i64(value: i64) -> Option<Self> { value.try_into().ok() }
                fn from_u64(value: u64) -> Option<Self> { value.try_into().ok() }
                fn from_f64(_: f64) -> Option<Self> { None }
            }
        )*};
    }
    macro_rules! float {
        ($($ty:ty),*) => {$(
            impl Number for $ty {
                fn from_i64(value: i64) -> Option<Self> { Some(value as $ty) }
                fn from_u64(value: u64) -> Option<Self> { Some(value as $ty) }
                fn from_f64(value: f64) -> Option<Self> { Some(value as $ty) }
            }
        )*};
    }
    integer!(i32, i64);
    float!(f32, f64);

    struct NumberVisitor<T>(PhantomData<T>);

    impl<T: Number> Visitor<'_> for NumberVisitor<T> {
        type Value = T;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a number, or a string that holds one")
        }

        fn visit_i64<E: Error>(self, value: i64) -> Result<T, E> {
            T::from_i64(value).ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
        }

        fn visit_u64<E: Error>(self, value: u64) -> Result<T, E> {
            T::from_u64(value).ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &self))
        }

        fn visit_f64<E: Error>(self, value: f64) -> Result<T, E> {
            T::from_f64(value).ok_or_else(|| E::invalid_value(Unexpected::Float(value), &self))
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<T, E> {
            text.trim()
                .parse()
                .map_err(|_| E::invalid_value(Unexpected::Str(text), &self))
        }
    }

    struct OptionVisitor<T>(PhantomData<T>);

    impl<'de, T: Number> Visitor<'de> for OptionVisitor<T> {
        type Value = Option<T>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a number, a string that holds one, or null")
        }

        fn visit_none<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
            read(deserializer).map(Some)
        }
    }

    /// Reads a number, or a string that holds one.
    pub fn read<'de, D: Deserializer<'de>, T: Number>(deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(NumberVisitor(PhantomData))
    }

    /// Reads a number, a string that holds one, or `null`.
    pub fn read_option<'de, D: Deserializer<'de>, T: Number>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_option(OptionVisitor(PhantomData))
    }
}

/// Serde for bytes sent as Base64 text (`format: byte`): `#[serde(with = "support::base64")]`.
pub mod base64 {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the bytes as Base64 text.
    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    /// Reads Base64 text into bytes.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        STANDARD
            .decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
    }

    /// The same for optional bytes: `None` is `null`.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};

        /// Writes the bytes as Base64 text, or `null`.
        pub fn serialize<S: Serializer>(
            bytes: &Option<Vec<u8>>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match bytes {
                Some(bytes) => super::serialize(bytes, serializer),
                None => serializer.serialize_none(),
            }
        }

        /// Reads Base64 text, or `null`, into bytes.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Vec<u8>>, D::Error> {
            #[derive(Deserialize)]
            struct Base64(#[serde(with = "super")] Vec<u8>);
            Ok(Option::<Base64>::deserialize(deserializer)?.map(|Base64(bytes)| bytes))
        }
    }
}
