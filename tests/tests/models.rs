//! The generated models against the documented Mews examples and the API's quirks.

use mews_connector::support::Clearable;
use mews_connector::{
    Customer, CustomerAddParameters, CustomerClassificationEnum, Date, IdentityDocumentTypeEnum,
    IdentityDocumentUpdateParameters, IdentityDocumentWriteResult,
    MultipleIdentityDocumentUpdateParameters, Nullable, Title, Update, Validate,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use mews_tests::{
    CUSTOMERS_ADD_REQUEST, CUSTOMERS_ADD_RESPONSE, IDENTITY_DOCUMENTS_UPDATE_REQUEST,
    IDENTITY_DOCUMENTS_UPDATE_RESPONSE,
};

fn parse<T: DeserializeOwned>(json: &str) -> T {
    serde_json::from_str(json)
        .unwrap_or_else(|err| panic!("{} does not parse: {err}", std::any::type_name::<T>()))
}

fn to_json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap()
}

fn uuid(text: &str) -> uuid::Uuid {
    text.parse().unwrap()
}

/// The documented request without the authentication fields, which the client adds.
fn without_auth(json: &str) -> Value {
    let mut value: Value = parse(json);
    for field in ["ClientToken", "AccessToken", "Client"] {
        value
            .as_object_mut()
            .unwrap()
            .remove(field)
            .expect("the example has the field");
    }
    value
}

#[test]
fn request_examples_round_trip_exactly() {
    let customer: CustomerAddParameters = parse(CUSTOMERS_ADD_REQUEST);
    assert_eq!(to_json(&customer), without_auth(CUSTOMERS_ADD_REQUEST));
    // The documentation writes the dates of identity documents as midnight date-times; the
    // spec's dates are written as dates.
    let documents: MultipleIdentityDocumentUpdateParameters =
        parse(IDENTITY_DOCUMENTS_UPDATE_REQUEST);
    let midnight_as_date = |json: &str| json.replace("T00:00:00Z", "");
    assert_eq!(
        to_json(&documents),
        without_auth(&midnight_as_date(IDENTITY_DOCUMENTS_UPDATE_REQUEST))
    );
}

#[test]
fn request_examples_parse_into_the_expected_values() {
    let customer: CustomerAddParameters = parse(CUSTOMERS_ADD_REQUEST);
    assert_eq!(customer.title, Nullable::Value(Title::Miss));
    assert_eq!(customer.last_name, "Carbone");
    assert_eq!(customer.birth_date, Date::from_ymd(1985, 9, 30).into());
    assert_eq!(
        customer.classifications,
        Nullable::Value(vec![
            CustomerClassificationEnum::Media,
            CustomerClassificationEnum::FriendOrFamily
        ])
    );
    assert_eq!(
        customer.loyalty_code,
        Nullable::Absent,
        "left out of the example"
    );
    assert!(!customer.overwrite_existing);

    let request: MultipleIdentityDocumentUpdateParameters =
        parse(IDENTITY_DOCUMENTS_UPDATE_REQUEST);
    let document = &request.identity_documents[0];
    assert_eq!(
        document.r#type,
        Update::Set(IdentityDocumentTypeEnum::Passport)
    );
    assert_eq!(document.number, Update::Set("123456789".to_owned()));
    assert_eq!(document.is_verified, Update::Set(true));
    assert_eq!(document.issuing_country_subdivision_code, Update::Keep);
}

#[test]
#[allow(deprecated)] // reads the deprecated `Address`, which the example still carries
fn response_examples_parse_including_both_date_forms() {
    let customer: Customer = parse(CUSTOMERS_ADD_RESPONSE);
    assert_eq!(customer.id, uuid("99b4f0af-9558-463b-8452-07a9bc414708"));
    assert_eq!(
        customer.birth_date,
        Date::from_ymd(1985, 9, 30),
        "plain date"
    );
    assert_eq!(
        customer.created_utc.to_rfc3339(),
        "2024-09-17T12:22:33+00:00"
    );
    assert_eq!(
        customer
            .address
            .as_ref()
            .and_then(|address| address.latitude),
        Some(28.56333)
    );
    assert_eq!(customer.is_active, Some(true));

    let result: IdentityDocumentWriteResult = parse(IDENTITY_DOCUMENTS_UPDATE_RESPONSE);
    let document = &result.identity_documents[0];
    assert_eq!(
        document.expiration_date,
        Date::from_ymd(2040, 10, 24),
        "midnight UTC date-time"
    );
    assert_eq!(document.r#type, IdentityDocumentTypeEnum::Passport);
    assert!(document.is_verified);
}

#[test]
fn update_values_serialize_to_absent_value_or_null() {
    let id = uuid("e8a72a69-c20b-4278-b699-ab0400a32ecc");
    let keep = IdentityDocumentUpdateParameters::new(id);
    assert_eq!(to_json(&keep), json!({ "Id": id }));

    let set = IdentityDocumentUpdateParameters::new(id)
        .with_number(Update::set("M1234567"))
        .with_type(Update::Set(IdentityDocumentTypeEnum::Visa))
        .with_is_verified(Update::Set(false));
    assert_eq!(
        to_json(&set),
        json!({ "Id": id, "Type": { "Value": "Visa" }, "Number": { "Value": "M1234567" }, "IsVerified": { "Value": false } })
    );

    let clear = IdentityDocumentUpdateParameters::new(id).with_issuing_city(Update::clear());
    assert_eq!(
        to_json(&clear),
        json!({ "Id": id, "IssuingCity": { "Value": null } })
    );
}

#[test]
fn update_values_read_back_into_their_three_states() {
    let parsed: IdentityDocumentUpdateParameters = parse(
        r#"{ "Id": "e8a72a69-c20b-4278-b699-ab0400a32ecc", "Number": { "Value": "1" }, "IssuingCity": { "Value": null }, "Visa": null, "IssuanceDate": null }"#,
    );
    assert_eq!(parsed.number, Update::Set("1".to_owned()));
    assert_eq!(parsed.issuing_city, Update::Clear(Clearable));
    assert_eq!(parsed.issuance_date, Update::Keep, "null means keep");
    assert_eq!(parsed.expiration_date, Update::Keep, "absent means keep");
}

#[test]
fn values_that_cannot_be_cleared_reject_a_clear() {
    // That `clear()` does not exist for them is the compiler's to check: `compile-fail/`.
    let set: IdentityDocumentUpdateParameters = parse(
        r#"{ "Id": "e8a72a69-c20b-4278-b699-ab0400a32ecc", "Type": { "Value": "Passport" } }"#,
    );
    assert_eq!(set.r#type, Update::Set(IdentityDocumentTypeEnum::Passport));
    let err = serde_json::from_str::<IdentityDocumentUpdateParameters>(
        r#"{ "Id": "e8a72a69-c20b-4278-b699-ab0400a32ecc", "Type": { "Value": null } }"#,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "this value cannot be cleared, but the update clears it at line 1 column 73"
    );
}

#[test]
fn unknown_enum_values_are_kept_and_written_back_unchanged() {
    let mut response: Value = parse(CUSTOMERS_ADD_RESPONSE);
    response["Title"] = json!("Doctor");
    response["Classifications"] = json!(["Media", "Astronaut"]);
    response["Options"] = json!(["SendMarketingEmails", "BrandNewOption"]);
    let customer: Customer = serde_json::from_value(response).unwrap();
    assert_eq!(customer.title, Some(Title::Unknown("Doctor".to_owned())));
    assert_eq!(
        customer.classifications[1],
        CustomerClassificationEnum::Unknown("Astronaut".to_owned())
    );
    assert_eq!(customer.classifications[1].as_str(), "Astronaut");
    let written = to_json(&customer);
    assert_eq!(written["Title"], "Doctor");
    assert_eq!(
        written["Options"],
        json!(["SendMarketingEmails", "BrandNewOption"])
    );
}

#[test]
fn unknown_result_fields_are_ignored() {
    let mut response: Value = parse(IDENTITY_DOCUMENTS_UPDATE_RESPONSE);
    response["NextYearsField"] = json!({ "Nested": [1, 2] });
    response["IdentityDocuments"][0]["IsArchived"] = json!(false);
    let result: IdentityDocumentWriteResult = serde_json::from_value(response).unwrap();
    assert_eq!(
        result,
        parse::<IdentityDocumentWriteResult>(IDENTITY_DOCUMENTS_UPDATE_RESPONSE)
    );

    let mut customer: Value = parse(CUSTOMERS_ADD_RESPONSE);
    customer["PreferredPillow"] = json!("Feather");
    customer["Address"]["Line3"] = json!("Scala B");
    let customer: Customer = serde_json::from_value(customer).unwrap();
    assert_eq!(customer, parse::<Customer>(CUSTOMERS_ADD_RESPONSE));
}

#[test]
fn dates_accept_plain_dates_and_date_times_and_are_sent_as_plain_dates() {
    for text in [
        "2040-10-24",
        "2040-10-24T00:00:00Z",
        "2040-10-24T00:00:00.000Z",
        "2040-10-24T00:00:00+02:00",
        "2040-10-24T00:00:00",
    ] {
        let date: Date = text.parse().unwrap_or_else(|err| panic!("{text}: {err}"));
        assert_eq!(date, Date::from_ymd(2040, 10, 24).unwrap(), "{text}");
        assert_eq!(date.to_string(), "2040-10-24");
    }
    for text in [
        "",
        "2040-13-01",
        "24.10.2040",
        "2040-10-24T25:00:00Z",
        "2040-10-24Tnoon",
    ] {
        assert!(text.parse::<Date>().is_err(), "{text} should be rejected");
    }
    assert!(
        serde_json::from_str::<Date>("20401024").is_err(),
        "numbers are not dates"
    );
}

#[test]
fn requests_are_built_from_required_fields_only() {
    let request = CustomerAddParameters::new("Carbone", false)
        .with_first_name("Thea")
        .with_email("thea@quotidiano.example");
    assert_eq!(
        to_json(&request),
        json!({
            "FirstName": "Thea",
            "LastName": "Carbone",
            "Email": "thea@quotidiano.example",
            "OverwriteExisting": false,
        })
    );
    assert_eq!(request.validate(), Ok(()));
}

#[test]
fn validation_reports_every_limit_with_its_field_path() {
    let documents = (0..11)
        .map(|n| {
            IdentityDocumentUpdateParameters::new(uuid(&format!("00000000-0000-0000-0000-{n:012}")))
        })
        .collect();
    let request = MultipleIdentityDocumentUpdateParameters::new(documents);
    assert_eq!(
        request.validate().unwrap_err().to_string(),
        "IdentityDocuments: 11 items, at most 10 allowed"
    );

    let customer = CustomerAddParameters::new("", true)
        .with_italian_lottery_code("A".repeat(16))
        .with_car_registration_number("x".repeat(256));
    let err = customer.validate().unwrap_err();
    let paths: Vec<&str> = err
        .violations
        .iter()
        .map(|violation| violation.path.as_str())
        .collect();
    assert_eq!(
        paths,
        ["LastName", "CarRegistrationNumber", "ItalianLotteryCode"]
    );
    assert_eq!(
        err.to_string(),
        "LastName: 0 characters, at least 1 required; \
         CarRegistrationNumber: 256 characters, at most 255 allowed; ItalianLotteryCode: 16 characters, at most 15 allowed"
    );
}

#[test]
fn lengths_count_characters_not_bytes() {
    let customer =
        CustomerAddParameters::new("Čapek", false).with_dietary_requirements("é".repeat(255));
    assert_eq!(customer.validate(), Ok(()));
}

#[test]
fn an_optional_nullable_request_field_is_left_out_sent_as_null_or_sent() {
    let absent = CustomerAddParameters::new("Carbone", false);
    assert_eq!(
        to_json(&absent),
        json!({ "LastName": "Carbone", "OverwriteExisting": false })
    );
    let removed = CustomerAddParameters::new("Carbone", false).with_notes(Nullable::Null);
    assert_eq!(
        to_json(&removed),
        json!({ "LastName": "Carbone", "OverwriteExisting": false, "Notes": null })
    );
    let set = CustomerAddParameters::new("Carbone", false).with_notes("VIP");
    assert_eq!(
        to_json(&set),
        json!({ "LastName": "Carbone", "OverwriteExisting": false, "Notes": "VIP" })
    );
    let read: CustomerAddParameters = serde_json::from_str(
        r#"{"LastName": "Carbone", "OverwriteExisting": false, "Notes": null}"#,
    )
    .unwrap();
    assert_eq!(read.notes, Nullable::Null);
    assert_eq!(read.email, Nullable::Absent);
}
