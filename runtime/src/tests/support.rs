//! Update values, nullable fields, tolerant dates, open enums, numbers read from strings and
//! validation, on the stand-in models.

use serde_json::json;

use crate::models::{Colour, Limitation, Thing, ThingFilter, ThingUpdate};
use crate::support::{Date, Nullable, Update, Validate, Violations};

#[test]
fn an_update_is_left_out_to_keep_wrapped_to_set_and_null_inside_to_clear() {
    let id = uuid::Uuid::nil();
    let mut update = ThingUpdate::new(id);
    assert_eq!(serde_json::to_value(&update).unwrap(), json!({"Id": id}));
    update.name = Update::set("Lamp");
    update.colour = Update::clear();
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        json!({"Id": id, "Name": {"Value": "Lamp"}, "Colour": {"Value": null}})
    );
}

#[test]
fn an_update_reads_back_in_each_of_its_three_states() {
    let read = |value| serde_json::from_value::<ThingUpdate>(value).unwrap();
    let id = uuid::Uuid::nil();
    assert_eq!(read(json!({"Id": id})).colour, Update::Keep);
    assert_eq!(read(json!({"Id": id, "Colour": null})).colour, Update::Keep);
    assert_eq!(
        read(json!({"Id": id, "Colour": {"Value": "Green"}})).colour,
        Update::Set(Colour::Green)
    );
    assert_eq!(
        read(json!({"Id": id, "Colour": {"Value": null}})).colour,
        Update::clear()
    );
    // An update without its value (`{}`, as Mews documents removing an adjustment) clears it.
    assert_eq!(
        read(json!({"Id": id, "Colour": {}})).colour,
        Update::clear()
    );
}

#[test]
fn a_value_that_cannot_be_cleared_refuses_a_clear_on_the_wire() {
    let error = serde_json::from_value::<ThingUpdate>(
        json!({"Id": uuid::Uuid::nil(), "Name": {"Value": null}}),
    )
    .unwrap_err()
    .to_string();
    assert!(error.contains("cannot be cleared"), "{error}");
}

#[test]
fn a_nullable_field_is_absent_null_or_a_value() {
    let cursor = uuid::Uuid::from_u128(7);
    let mut limitation = Limitation::new(5);
    assert_eq!(
        serde_json::to_value(&limitation).unwrap(),
        json!({"Count": 5})
    );
    limitation.cursor = Nullable::Null;
    assert_eq!(
        serde_json::to_value(&limitation).unwrap(),
        json!({"Count": 5, "Cursor": null})
    );
    limitation.cursor = Nullable::Value(cursor);
    assert_eq!(
        serde_json::to_value(&limitation).unwrap(),
        json!({"Count": 5, "Cursor": cursor})
    );
    let read: Limitation = serde_json::from_value(json!({"Count": 5, "Cursor": null})).unwrap();
    assert_eq!(read.cursor, Nullable::Null);
}

#[test]
fn a_date_reads_as_a_plain_date_or_as_midnight_utc_and_is_written_plain() {
    let thing = |made| {
        serde_json::from_value::<Thing>(
            json!({"Id": uuid::Uuid::nil(), "Name": "Lamp", "Colour": null, "Made": made}),
        )
    };
    let expected = Date::from_ymd(2040, 10, 24);
    assert_eq!(thing("2040-10-24").unwrap().made, expected);
    assert_eq!(thing("2040-10-24T00:00:00Z").unwrap().made, expected);
    assert_eq!(
        serde_json::to_value(expected.unwrap()).unwrap(),
        json!("2040-10-24")
    );
    assert!(thing("24/10/2040").is_err());
}

#[test]
fn an_enum_value_this_version_does_not_know_is_kept_and_written_back() {
    let colour: Colour = serde_json::from_value(json!("Ultraviolet")).unwrap();
    assert_eq!(colour, Colour::Unknown("Ultraviolet".to_owned()));
    assert_eq!(serde_json::to_value(&colour).unwrap(), json!("Ultraviolet"));
    assert_eq!(serde_json::to_value(Colour::Green).unwrap(), json!("Green"));
}

#[test]
fn a_number_reads_from_a_string_holding_one_and_is_written_as_a_number() {
    let limitation: Limitation = serde_json::from_value(json!({"Count": "12"})).unwrap();
    assert_eq!(limitation.count, 12);
    assert_eq!(
        serde_json::to_value(&limitation).unwrap(),
        json!({"Count": 12})
    );
    assert!(serde_json::from_value::<Limitation>(json!({"Count": "twelve"})).is_err());
    assert!(serde_json::from_value::<Limitation>(json!({"Count": "1.5"})).is_err());
}

#[test]
fn validation_names_every_broken_limit_with_its_path() {
    let mut filter =
        ThingFilter::new().with_names(vec!["a".into(), "b".into(), "c".into(), "d".into()]);
    filter.limitation.count = 0;
    let error = filter.validate().unwrap_err().to_string();
    assert!(
        error.contains("Names: 4 items, at most 3 allowed"),
        "{error}"
    );
    assert!(error.contains("Limitation.Count"), "{error}");
    assert!(ThingFilter::new().validate().is_ok());
}

/// An interval whose length is limited, as generated for a filter of at most `months` months.
struct Interval<T> {
    start: T,
    end: T,
    months: u32,
}

impl<T: crate::support::IntervalEnd> Validate for Interval<T> {
    fn check(&self, path: &str, violations: &mut Violations) {
        violations.interval(path, "UpdatedUtc", &self.start, &self.end, self.months);
    }
}

#[test]
fn an_interval_longer_than_its_limit_is_refused_with_the_limit_and_a_calendar_month_is_allowed() {
    let utc = |text: &str| text.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    let three_months = Interval {
        start: utc("2024-01-31T10:00:00Z"),
        end: utc("2024-04-30T10:00:00Z"),
        months: 3,
    };
    assert!(three_months.validate().is_ok());
    let a_second_more = Interval {
        end: utc("2024-04-30T10:00:01Z"),
        ..three_months
    };
    let error = a_second_more.validate().unwrap_err().to_string();
    assert!(error.contains("UpdatedUtc"), "{error}");
    assert!(error.contains("at most 3 months"), "{error}");
    let date = |text: &str| serde_json::from_value::<Date>(json!(text)).unwrap();
    let dates = Interval {
        start: date("2024-02-29"),
        end: date("2024-03-29"),
        months: 1,
    };
    assert!(dates.validate().is_ok());
    let a_day_more = Interval {
        end: date("2024-03-30"),
        ..dates
    };
    assert!(a_day_more.validate().is_err());
}
