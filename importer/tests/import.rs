//! The importer on a small reference written for these tests (`fixtures/connector-api`: two
//! pages in the generated layout, the shared objects, the pagination guideline and a
//! `types.yaml`), with its overrides: the description it writes, reviewed as a snapshot,
//! and what must hold of every import.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn import() -> importer::Import {
    importer::import_folder(
        &fixtures().join("connector-api"),
        &fixtures().join("overrides.yaml"),
    )
    .expect("the fixture imports")
}

fn spec() -> serde_yaml::Value {
    let text = import().spec;
    serde_yaml::from_str(&text).expect("the description is YAML")
}

fn operation<'a>(spec: &'a serde_yaml::Value, path: &str) -> &'a serde_yaml::Value {
    &spec["paths"][path]["post"]
}

fn schema<'a>(spec: &'a serde_yaml::Value, name: &str) -> &'a serde_yaml::Value {
    &spec["components"]["schemas"][name]
}

/// The keys of a mapping, in order.
fn keys(value: &serde_yaml::Value) -> Vec<&str> {
    value
        .as_mapping()
        .unwrap()
        .keys()
        .map(|k| k.as_str().unwrap())
        .collect()
}

#[test]
fn the_fixture_imports_into_the_reviewed_description() {
    let import = import();
    insta::assert_snapshot!("fixture_connector", import.spec);
    insta::assert_snapshot!(
        "fixture_notes",
        format!(
            "corrected:\n{}\nwarnings:\n{}\n",
            import.corrected.join("\n"),
            import.warnings.join("\n")
        )
    );
}

#[test]
fn importing_twice_writes_the_same_bytes() {
    assert_eq!(import().spec, import().spec);
}

#[test]
fn every_operation_of_the_pages_is_a_post_path_with_its_examples() {
    let spec = spec();
    let paths: Vec<&str> = keys(&spec["paths"]);
    assert_eq!(
        paths,
        [
            "/api/connector/v1/lockers/getAll/2030-01-01",
            "/api/connector/v1/lockers/getAll",
            "/api/connector/v1/lockers/getSizes",
            "/api/connector/v1/lockers/add",
            "/api/connector/v1/lockers/update",
            "/api/connector/v1/lockers/delete",
            "/api/connector/v1/parcels/getAll",
            "/api/connector/v1/carriers/getAll",
        ]
    );
    // The examples read back (through the YAML) as the pages' JSON, quoted dates included.
    let example = &operation(&spec, "/api/connector/v1/lockers/getAll/2030-01-01")["responses"]
        ["200"]["content"]["application/json"]["example"];
    let example: Json = serde_json::to_value(example).unwrap();
    assert_eq!(
        example["Lockers"][0]["InstalledDate"],
        Json::from("2029-05-17")
    );
    assert_eq!(
        example["Lockers"][0]["Content"]["Value"]["Weight"],
        Json::from(1.25)
    );
    let text = import().spec;
    assert!(
        text.contains("InstalledDate: '2029-05-17'"),
        "YAML 1.1 readers must not see a timestamp"
    );
}

#[test]
fn operations_in_the_published_shape() {
    let spec = spec();
    let versioned = operation(&spec, "/api/connector/v1/lockers/getAll/2030-01-01");
    assert_eq!(versioned["operationId"], "lockers_getAll_2030_01_01");
    assert_eq!(versioned["tags"][0], "Lockers");
    assert!(
        versioned["requestBody"].get("required").is_none(),
        "request bodies are not required, as published"
    );
    let statuses: Vec<&str> = keys(&versioned["responses"]);
    assert_eq!(
        statuses,
        ["200", "400", "401", "403", "408", "204", "429", "500"]
    );
    let old = operation(&spec, "/api/connector/v1/lockers/getAll");
    assert_eq!(old["deprecated"], true);
    assert!(old["x-deprecatedMessage"].as_str().unwrap().starts_with("Use [Get all lockers (ver 2030-01-01)](https://mews-systems.gitbook.io/connector-api/operations/lockers#"));
    assert_eq!(
        old["description"], old["x-deprecatedMessage"],
        "the page blanks a description equal to the message"
    );
    assert_eq!(
        operation(&spec, "/api/connector/v1/lockers/add")["x-restricted"],
        true
    );
    let delete = operation(&spec, "/api/connector/v1/lockers/delete");
    let empty = &delete["responses"]["200"]["content"]["application/json"];
    assert_eq!(empty["schema"]["$ref"], "#/components/schemas/Unit");
    assert!(empty.get("example").is_none());
    assert_eq!(schema(&spec, "Unit")["additionalProperties"], false);
    let parcels = operation(&spec, "/api/connector/v1/parcels/getAll");
    assert_eq!(
        parcels["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/GetAllParcelsFilterParameters"
    );
    assert_eq!(
        schema(&spec, "GetAllParcelsFilterParameters")["oneOf"][1]["$ref"],
        "#/components/schemas/ParcelsGetAllByLockersParameters"
    );
}

#[test]
fn names_are_the_ids_with_their_case_recovered() {
    let spec = spec();
    for name in [
        "LockerV20300101",
        "LockerResultV20300101",
        "MultipleLockerAddParameters",
        "LockerStateEnum",
        "LockerOld",
        "CarrierRoster",
        "Parameters",
    ] {
        assert_eq!(
            schema(&spec, name)["x-schema-id"].as_str().unwrap_or(name),
            name
        );
    }
    // Two enumerations share the heading "Locker state": the response's is the id listed first.
    assert_eq!(
        schema(&spec, "LockerFilterParametersV20300101")["properties"]["States"]["items"]["$ref"],
        "#/components/schemas/LockerState"
    );
    assert_eq!(
        schema(&spec, "LockerV20300101")["properties"]["State"]["allOf"][0]["$ref"],
        "#/components/schemas/LockerStateEnum"
    );
    // A credentials-only request on a page without its id is the shared one of another page.
    assert_eq!(
        operation(&spec, "/api/connector/v1/lockers/getSizes")["requestBody"]["content"]
            ["application/json"]["schema"]["$ref"],
        "#/components/schemas/Parameters"
    );
    // A result shared by add and update, by their identical tables.
    assert_eq!(
        operation(&spec, "/api/connector/v1/lockers/update")["responses"]["200"]["content"]
            ["application/json"]["schema"]["$ref"],
        "#/components/schemas/LockerWriteResult"
    );
}

#[test]
fn formats_requiredness_and_order_by_rule() {
    let spec = spec();
    let locker = &schema(&spec, "LockerV20300101")["properties"];
    assert_eq!(locker["Id"]["format"], "uuid");
    assert_eq!(locker["Number"]["format"], "int64", "max 19 digits");
    assert_eq!(locker["InstalledDate"]["format"], "date");
    assert_eq!(locker["CreatedUtc"]["format"], "date-time");
    assert_eq!(locker["Photo"]["format"], "byte");
    assert_eq!(locker["Code"]["x-schema-id"], "HybridIdentifier");
    let order: Vec<&str> = keys(locker);
    assert_eq!(
        order,
        [
            "Id",
            "Number",
            "Code",
            "State",
            "Names",
            "InstalledDate",
            "CreatedUtc",
            "Label",
            "Content",
            "Photo"
        ],
        "a deprecated property goes back where the example writes it"
    );
    let filter = &schema(&spec, "LockerFilterParametersV20300101");
    let order: Vec<&str> = keys(&filter["properties"]);
    assert_eq!(
        order[..4],
        ["ClientToken", "AccessToken", "Client", "Limitation"]
    );
    assert_eq!(filter["properties"]["ClientToken"]["minLength"], 1);
    let required: Vec<&str> = filter["required"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        required,
        ["AccessToken", "Client", "ClientToken", "Limitation"]
    );
    let update = &schema(&spec, "LockerUpdateParameters")["properties"];
    assert_eq!(
        update["InstalledDate"]["format"], "date",
        "an update value's format is beside its reference"
    );
    assert_eq!(update["Label"]["maxLength"], 50);
    assert!(schema(&spec, "StringUpdateValue")["properties"]["Value"]
        .get("format")
        .is_none());
    assert_eq!(
        schema(&spec, "GuidUpdateValue")["properties"]["Value"]["format"],
        "uuid"
    );
    assert!(schema(&spec, "LockerStateUpdateValue")
        .get("required")
        .is_none());
}

#[test]
fn unions_dictionaries_and_enumerations() {
    let spec = spec();
    let content = &schema(&spec, "LockerV20300101")["properties"]["Content"];
    assert_eq!(content["x-coproduct"], true);
    assert_eq!(
        content["x-schema-id"],
        "LockerContentCoproductOfLockerContentDiscriminator"
    );
    let mapping = &content["x-coproduct-mapping"];
    assert_eq!(
        mapping["Parcel"], "#/components/schemas/ParcelContentData",
        "a link in the value's description"
    );
    assert_eq!(
        mapping["Letter"], "#/components/schemas/LetterContentData",
        "a section titled by the value"
    );
    assert_eq!(
        mapping["Box"], "#/components/schemas/ParcelContentData",
        "the overrides"
    );
    assert!(mapping.get("Empty").is_none(), "no additional data");
    assert_eq!(content["properties"]["Value"]["nullable"], true);
    assert_eq!(
        schema(&spec, "RecipientData")["x-discriminator-cases"]["Guest"],
        "Guest"
    );
    assert_eq!(
        schema(&spec, "LocalizedStrings")["additionalProperties"]["type"],
        "string"
    );
    let state = schema(&spec, "LockerStateEnum");
    assert_eq!(
        state["description"],
        "State of a locker.\n\nFree (Nothing inside.)\n\nOccupied (Something inside.)"
    );
    assert_eq!(state["x-enumNames"][1], "Occupied");
    assert_eq!(
        schema(&spec, "LockerContentDiscriminator")["x-extensible"],
        true
    );
}

#[test]
fn example_fixes_by_rule_and_by_override() {
    let import = import();
    assert_eq!(
        import.corrected,
        ["lockers/add request /Lockers/0/Numbe -> Number"]
    );
    let spec: serde_yaml::Value = serde_yaml::from_str(&import.spec).unwrap();
    let update = &operation(&spec, "/api/connector/v1/lockers/update")["requestBody"]["content"]
        ["application/json"]["example"];
    assert_eq!(update["LockerUpdates"][0]["IsShared"]["Value"], true);
    let add = &operation(&spec, "/api/connector/v1/lockers/add")["requestBody"]["content"]
        ["application/json"]["example"];
    assert_eq!(add["Lockers"][0]["Number"], 5);
}
