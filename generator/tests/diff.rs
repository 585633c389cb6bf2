//! The change report on small spec pairs: one pair per kind of change, judged as a Rust caller
//! of the generated crate experiences it, and the verdict of combinations.

use std::path::Path;

use codegen::diff::{diff, Change, ChangeReport, Impact, Semver, Subject};
use codegen::ir::Api;
use codegen::resolve::ClientSetting;
use codegen::Generator;

/// Two operations sharing the client fields `ClientToken` (required) and `LanguageCode`
/// (optional), request and result structs, an enum, a tagged union, an alias, two servers.
const BASE: &str = r#"
openapi: 3.0.3
info: { title: Things, version: v1, description: Things API. }
servers:
  - { url: 'https://api.example.com', description: Production }
  - { url: 'https://demo.example.com', description: Demo }
paths:
  /things/add:
    post:
      operationId: things_add
      summary: Add a thing
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/ThingAddParameters' }
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
        '400':
          description: Bad request
          content:
            application/json:
              schema: { $ref: '#/components/schemas/ErrorResult' }
  /things/{ThingId}/paint:
    post:
      operationId: things_paint
      parameters:
        - { name: ThingId, in: path, required: true, schema: { type: string } }
        - { name: Dry, in: query, schema: { type: boolean } }
      requestBody:
        content:
          application/json:
            schema: { $ref: '#/components/schemas/ThingPaintParameters' }
      responses:
        '200': { description: OK }
        '400':
          description: Bad request
          content:
            application/json:
              schema: { $ref: '#/components/schemas/ErrorResult' }
components:
  schemas:
    ThingAddParameters:
      type: object
      properties:
        ClientToken: { type: string }
        LanguageCode: { type: string, nullable: true }
        Name: { type: string, minLength: 1, maxLength: 50, description: Name of the thing. }
        Size: { type: integer, format: int32 }
        Color: { $ref: '#/components/schemas/Color' }
        Tags: { type: array, items: { type: string }, maxItems: 5 }
        Shape: { $ref: '#/components/schemas/Shape' }
      required: [ClientToken, Name, Size]
    ThingPaintParameters:
      type: object
      properties:
        ClientToken: { type: string }
        LanguageCode: { type: string, nullable: true }
        Paint: { $ref: '#/components/schemas/Color' }
      required: [ClientToken, Paint]
    Thing:
      type: object
      properties:
        Id: { type: string, format: uuid }
        Name: { type: string, description: Name of the thing. }
        Color: { allOf: [{ $ref: '#/components/schemas/Color' }], nullable: true }
        Label: { $ref: '#/components/schemas/Label' }
      required: [Id, Name]
    Color:
      type: string
      enum: [Red, Green]
    Shape:
      oneOf:
        - $ref: '#/components/schemas/Circle'
        - $ref: '#/components/schemas/Square'
      discriminator: { propertyName: Kind }
    Circle:
      type: object
      properties: { Kind: { type: string }, Radius: { type: number } }
      required: [Kind]
    Square:
      type: object
      properties: { Kind: { type: string }, Side: { type: number } }
      required: [Kind]
    Label: { type: string, format: uuid }
    ErrorResult:
      type: object
      properties:
        Message: { type: string }
"#;

/// The generator of the tests: `LanguageCode` is a client setting.
fn generator() -> Generator {
    Generator::new().client_setting(ClientSetting::new("LanguageCode", "The language."))
}

fn api(yaml: &str) -> Api {
    api_with(yaml, &generator())
}

fn api_with(yaml: &str, generator: &Generator) -> Api {
    let path = Path::new("spec.yaml");
    let document = codegen::load::parse(path, yaml).unwrap_or_else(|err| panic!("{err}"));
    generator
        .api_from(path, &document)
        .unwrap_or_else(|err| panic!("{err}"))
}

/// The report from `BASE` to `BASE` with each `(from, to)` replacement made once.
fn changed(replacements: &[(&str, &str)]) -> ChangeReport {
    diff(&api(BASE), &api(&apply(replacements)))
}

/// `BASE` with each replacement made once.
fn apply(replacements: &[(&str, &str)]) -> String {
    let mut new = BASE.to_owned();
    for (from, to) in replacements {
        assert!(new.contains(from), "`{from}` is not in the spec");
        new = new.replacen(from, to, 1);
    }
    new
}

/// The change whose description contains `what`, checked to have `impact`.
#[track_caller]
fn change<'a>(report: &'a ChangeReport, impact: Impact, what: &str) -> &'a Change {
    let found = report
        .changes
        .iter()
        .find(|change| change.what.contains(what))
        .unwrap_or_else(|| panic!("no change `{what}` in:\n{}", report.full()));
    assert_eq!(found.impact, impact, "{}", report.full());
    found
}

#[test]
fn the_same_spec_has_no_changes_and_is_a_patch() {
    let report = diff(&api(BASE), &api(BASE));
    assert!(report.is_empty());
    assert_eq!(report.verdict(), Semver::Patch);
    assert_eq!(report.full(), "no changes\nsemver: patch\n");
}

// Result types: `#[non_exhaustive]` with `Default`.

#[test]
fn a_new_field_in_a_result_is_compatible() {
    let report = changed(&[(
        "        Label: { $ref: '#/components/schemas/Label' }\n",
        "        Label: { $ref: '#/components/schemas/Label' }\n        CustomTitleName: { type: string, nullable: true }\n",
    )]);
    let added = change(
        &report,
        Impact::Compatible,
        "new field `Thing::custom_title_name` (`CustomTitleName`): `Option<String>`, in a result",
    );
    assert_eq!(added.subject, Subject::Type("Thing".into()));
    assert!(added.why.contains("#[non_exhaustive]"), "{}", added.why);
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn a_removed_field_in_a_result_is_breaking() {
    let report = changed(&[(
        "        Label: { $ref: '#/components/schemas/Label' }\n",
        "",
    )]);
    change(
        &report,
        Impact::Breaking,
        "field `Thing::label` (`Label`) removed",
    );
    assert_eq!(report.verdict(), Semver::Major);
}

#[test]
fn a_result_field_that_becomes_optional_changes_its_type_and_is_breaking() {
    let report = changed(&[("      required: [Id, Name]", "      required: [Id]")]);
    let changed = change(
        &report,
        Impact::Breaking,
        "field `Thing::name` (`Name`) changed type from `String` to `Option<String>`",
    );
    assert!(changed.why.contains("reads it"), "{}", changed.why);
}

#[test]
fn a_result_field_that_becomes_nullable_is_breaking() {
    let report = changed(&[(
        "        Id: { type: string, format: uuid }",
        "        Id: { type: string, format: uuid, nullable: true }",
    )]);
    change(
        &report,
        Impact::Breaking,
        "changed type from `uuid::Uuid` to `Option<uuid::Uuid>`",
    );
}

#[test]
fn a_field_with_another_wire_name_but_the_same_rust_name_is_a_behaviour_change() {
    let report = changed(&[("        Label: { $ref", "        label: { $ref")]);
    change(
        &report,
        Impact::Behaviour,
        "field `Thing::label` is `label` on the wire (was `Label`)",
    );
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn a_renamed_field_is_breaking() {
    let report = changed(&[("        Label: { $ref", "        Tag: { $ref")]);
    change(
        &report,
        Impact::Breaking,
        "field `Thing::label` (`Label`) removed",
    );
    change(
        &report,
        Impact::Compatible,
        "new field `Thing::tag` (`Tag`)",
    );
    assert_eq!(report.verdict(), Semver::Major);
}

// Request types: `#[non_exhaustive]`, `new(required fields)` and a setter per other field.

#[test]
fn a_new_optional_field_in_a_request_is_compatible() {
    let report = changed(&[(
        "        Size: { type: integer, format: int32 }\n",
        "        Size: { type: integer, format: int32 }\n        Weight: { type: number }\n",
    )]);
    let added = change(
        &report,
        Impact::Compatible,
        "new optional field `ThingAddParameters::weight` (`Weight`): `Option<f64>`",
    );
    assert!(
        added.why.contains("`ThingAddParameters::new` is unchanged"),
        "{}",
        added.why
    );
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn a_new_required_field_in_a_request_is_breaking() {
    let report = changed(&[
        (
            "        Size: { type: integer, format: int32 }\n",
            "        Size: { type: integer, format: int32 }\n        Weight: { type: number }\n",
        ),
        (
            "required: [ClientToken, Name, Size]",
            "required: [ClientToken, Name, Size, Weight]",
        ),
    ]);
    let added = change(
        &report,
        Impact::Breaking,
        "new required field `ThingAddParameters::weight` (`Weight`): `f64`",
    );
    assert!(
        added.why.contains("`ThingAddParameters::new` takes it"),
        "{}",
        added.why
    );
}

#[test]
fn a_new_required_but_nullable_field_in_a_request_is_compatible() {
    let report = changed(&[
        (
            "        Size: { type: integer, format: int32 }\n",
            "        Size: { type: integer, format: int32 }\n        Weight: { type: number, nullable: true }\n",
        ),
        ("required: [ClientToken, Name, Size]", "required: [ClientToken, Name, Size, Weight]"),
    ]);
    change(
        &report,
        Impact::Compatible,
        "new optional field `ThingAddParameters::weight`",
    );
}

#[test]
fn a_request_field_that_becomes_required_is_breaking() {
    let report = changed(&[(
        "required: [ClientToken, Name, Size]",
        "required: [ClientToken, Name, Size, Color]",
    )]);
    let required = change(
        &report,
        Impact::Breaking,
        "field `ThingAddParameters::color` (`Color`) changed type from `Option<Color>` to `Color`",
    );
    assert!(
        required
            .why
            .contains("`ThingAddParameters::new` now takes it"),
        "{}",
        required.why
    );
}

#[test]
fn a_request_field_that_becomes_required_and_nullable_is_sent_as_null() {
    let with_note = BASE.replacen(
        "        LanguageCode: { type: string, nullable: true }\n        Name",
        "        LanguageCode: { type: string, nullable: true }\n        Note: { type: string }\n        Name",
        1,
    );
    // `Option<String>` both times (an optional nullable request field would be a `Nullable`).
    let required = with_note
        .replacen(
            "required: [ClientToken, Name, Size]",
            "required: [ClientToken, Name, Size, Note]",
            1,
        )
        .replacen(
            "Note: { type: string }",
            "Note: { type: string, nullable: true }",
            1,
        );
    let report = diff(&api(&with_note), &api(&required));
    let change = change(
        &report,
        Impact::Behaviour,
        "field `ThingAddParameters::note` (`Note`) is now required and nullable",
    );
    assert!(change.why.contains("sent as `null`"), "{}", change.why);
}

#[test]
fn a_removed_field_in_a_request_is_breaking() {
    let report = changed(&[(
        "        Tags: { type: array, items: { type: string }, maxItems: 5 }\n",
        "",
    )]);
    change(
        &report,
        Impact::Breaking,
        "field `ThingAddParameters::tags` (`Tags`) removed",
    );
}

#[test]
fn a_changed_field_type_in_a_request_is_breaking() {
    let report = changed(&[(
        "        Size: { type: integer, format: int32 }",
        "        Size: { type: integer, format: int64 }",
    )]);
    change(
        &report,
        Impact::Breaking,
        "field `ThingAddParameters::size` (`Size`) changed type from `i32` to `i64`",
    );
}

#[test]
fn constructor_arguments_in_a_new_order_are_breaking() {
    let report = changed(&[
        ("        Name: { type: string, minLength: 1, maxLength: 50, description: Name of the thing. }\n", ""),
        (
            "        Size: { type: integer, format: int32 }\n",
            "        Size: { type: integer, format: int32 }\n        Name: { type: string, minLength: 1, maxLength: 50, description: Name of the thing. }\n",
        ),
    ]);
    change(
        &report,
        Impact::Breaking,
        "`ThingAddParameters::new` takes its arguments in a new order: `size`, `name`",
    );
}

#[test]
fn a_result_type_that_becomes_a_request_type_loses_default() {
    let report = changed(&[(
        "        Tags: { type: array, items: { type: string }, maxItems: 5 }\n",
        "        Tags: { type: array, items: { type: string }, maxItems: 5 }\n        Example: { $ref: '#/components/schemas/Thing' }\n",
    )]);
    change(
        &report,
        Impact::Compatible,
        "`Thing` is now used in requests",
    );
    change(
        &report,
        Impact::Breaking,
        "`Thing` no longer implements `Default`",
    );
}

// Limits: checked before sending.

#[test]
fn tightened_limits_are_a_behaviour_change() {
    let report = changed(&[("maxItems: 5", "maxItems: 3")]);
    let tightened = change(
        &report,
        Impact::Behaviour,
        "limits of field `ThingAddParameters::tags` (`Tags`) tightened: max items 3 (was 5)",
    );
    assert_eq!(
        tightened.why,
        "requests that were valid are now rejected before sending"
    );
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn loosened_limits_are_a_behaviour_change() {
    let report = changed(&[("minLength: 1, maxLength: 50", "maxLength: 100")]);
    let loosened = change(
        &report,
        Impact::Behaviour,
        "limits of field `ThingAddParameters::name` (`Name`) loosened: min length none (was 1), max length 100 (was 50)",
    );
    assert_eq!(
        loosened.why,
        "requests that were rejected before sending are now sent"
    );
}

// Deprecation and documentation.

#[test]
fn a_field_that_becomes_deprecated_is_compatible() {
    let report = changed(&[(
        "        Tags: { type: array, items: { type: string }, maxItems: 5 }",
        "        Tags: { type: array, items: { type: string }, maxItems: 5, deprecated: true }",
    )]);
    let deprecated = change(
        &report,
        Impact::Compatible,
        "field `ThingAddParameters::tags` (`Tags`) is now deprecated",
    );
    assert!(deprecated.why.contains("warning"), "{}", deprecated.why);
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn description_changes_are_documentation_and_a_patch() {
    let report = changed(&[
        (
            "description: Name of the thing. }",
            "description: The thing's name. }",
        ),
        ("summary: Add a thing", "summary: Adds a thing"),
        ("description: Things API.", "description: The things API."),
    ]);
    change(
        &report,
        Impact::Documentation,
        "description of field `ThingAddParameters::name` (`Name`)",
    );
    change(
        &report,
        Impact::Documentation,
        "summary of `Client::things_add`",
    );
    change(&report, Impact::Documentation, "description of the crate");
    assert!(report
        .changes
        .iter()
        .all(|change| change.impact == Impact::Documentation));
    assert_eq!(report.verdict(), Semver::Patch);
}

// Enums: open (`Unknown(String)`) and `#[non_exhaustive]`.

#[test]
fn a_new_enum_value_is_compatible_and_no_longer_reads_as_unknown() {
    let report = changed(&[("enum: [Red, Green]", "enum: [Red, Green, Blue]")]);
    let added = change(
        &report,
        Impact::Compatible,
        "new value `Color::Blue` (`Blue`)",
    );
    assert!(
        added.why.contains(
            "`Blue` used to read as `Color::Unknown(\"Blue\")` and now reads as `Color::Blue`"
        ),
        "{}",
        added.why
    );
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn a_removed_enum_value_is_breaking() {
    let report = changed(&[("enum: [Red, Green]", "enum: [Red]")]);
    let removed = change(
        &report,
        Impact::Breaking,
        "value `Color::Green` (`Green`) removed",
    );
    assert!(
        removed.why.contains("`Color::Unknown(\"Green\")`"),
        "{}",
        removed.why
    );
}

#[test]
fn a_value_that_takes_the_catch_all_name_renames_the_catch_all_and_is_breaking() {
    let report = changed(&[("enum: [Red, Green]", "enum: [Red, Green, Unknown]")]);
    change(
        &report,
        Impact::Breaking,
        "catch-all variant `Color::Unknown` (unknown values) renamed to `Color::",
    );
    change(
        &report,
        Impact::Compatible,
        "new value `Color::Unknown` (`Unknown`)",
    );
}

// Unions (`oneOf`): `#[non_exhaustive]`.

/// `BASE` with a third variant of `Shape`.
fn with_triangle() -> String {
    BASE.replacen(
        "        - $ref: '#/components/schemas/Square'\n",
        "        - $ref: '#/components/schemas/Square'\n        - $ref: '#/components/schemas/Triangle'\n",
        1,
    )
    .replacen(
        "\n    Label: {",
        "\n    Triangle:\n      type: object\n      properties: { Kind: { type: string }, Base: { type: number } }\n      required: [Kind]\n    Label: {",
        1,
    )
}

#[test]
fn a_new_union_variant_is_compatible() {
    let report = diff(&api(BASE), &api(&with_triangle()));
    change(
        &report,
        Impact::Compatible,
        "new variant `Shape::Triangle(Triangle)`",
    );
    change(&report, Impact::Compatible, "new struct `Triangle`");
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn a_removed_union_variant_is_breaking() {
    let report = diff(&api(&with_triangle()), &api(BASE));
    change(
        &report,
        Impact::Breaking,
        "variant `Shape::Triangle(Triangle)` removed",
    );
}

#[test]
fn a_changed_discriminator_is_breaking() {
    let report = changed(&[(
        "discriminator: { propertyName: Kind }",
        "discriminator: { propertyName: Type }",
    )]);
    change(
        &report,
        Impact::Breaking,
        "discriminator of `Shape` is `Type` (was `Kind`)",
    );
}

// Aliases and types as a whole.

#[test]
fn a_changed_alias_target_is_breaking() {
    let report = changed(&[(
        "    Label: { type: string, format: uuid }",
        "    Label: { type: string }",
    )]);
    change(
        &report,
        Impact::Breaking,
        "alias `Label` is now `String` (was `uuid::Uuid`)",
    );
}

#[test]
fn a_new_type_is_compatible_and_a_removed_one_breaking() {
    let added = changed(&[(
        "\n    Label: {",
        "\n    Unused: { type: string, enum: [A] }\n    Label: {",
    )]);
    change(&added, Impact::Compatible, "new enum `Unused`");
    assert_eq!(added.verdict(), Semver::Minor);
    let removed = changed(&[
        (
            "        Label: { $ref: '#/components/schemas/Label' }\n",
            "",
        ),
        ("    Label: { type: string, format: uuid }\n", ""),
    ]);
    change(&removed, Impact::Breaking, "alias `Label` removed");
}

#[test]
fn a_type_of_another_kind_is_breaking() {
    let report = changed(&[(
        "    Label: { type: string, format: uuid }",
        "    Label: { type: string, enum: [Big, Small] }",
    )]);
    change(
        &report,
        Impact::Breaking,
        "`Label` is now an enum (was an alias)",
    );
}

// Operations.

/// A third operation; like the others it has a body, so the client fields stay the same.
const THINGS_POLISH: &str = "  /things/polish:\n    post:\n      operationId: things_polish\n      requestBody:\n        content:\n          application/json:\n            schema: { $ref: '#/components/schemas/ThingPaintParameters' }\n      responses:\n        '200': { description: OK }\ncomponents:";

#[test]
fn a_new_operation_is_compatible_and_a_removed_one_breaking() {
    let added = changed(&[("components:", THINGS_POLISH)]);
    change(
        &added,
        Impact::Compatible,
        "new method `Client::things_polish` (`POST /things/polish`)",
    );
    assert_eq!(added.verdict(), Semver::Minor, "{}", added.full());
    let with_polish = BASE.replacen("components:", THINGS_POLISH, 1);
    let removed = diff(&api(&with_polish), &api(BASE));
    change(
        &removed,
        Impact::Breaking,
        "method `Client::things_polish` (`POST /things/polish`) removed",
    );
}

#[test]
fn a_renamed_operation_is_breaking() {
    let report = changed(&[("operationId: things_add", "operationId: things_create")]);
    let renamed = change(
        &report,
        Impact::Breaking,
        "method `Client::things_add` (`POST /things/add`) renamed to `Client::things_create`",
    );
    assert_eq!(renamed.subject, Subject::Operation("things_create".into()));
}

#[test]
fn another_endpoint_for_the_same_method_is_a_behaviour_change() {
    let report = changed(&[("  /things/add:", "  /things/create:")]);
    change(
        &report,
        Impact::Behaviour,
        "`Client::things_add` sends `POST /things/create` (was `POST /things/add`)",
    );
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn an_operation_that_becomes_idempotent_changes_its_retries() {
    let report = changed(&[(
        "      operationId: things_paint\n",
        "      operationId: things_paint\n      x-idempotent: true\n",
    )]);
    let idempotent = change(
        &report,
        Impact::Behaviour,
        "`Client::things_paint` is now idempotent",
    );
    assert!(
        idempotent.why.contains("retries it after timeouts"),
        "{}",
        idempotent.why
    );
}

#[test]
fn another_request_or_result_type_is_breaking() {
    let request = changed(&[(
        "schema: { $ref: '#/components/schemas/ThingPaintParameters' }",
        "schema: { $ref: '#/components/schemas/ThingAddParameters' }",
    )]);
    change(
        &request,
        Impact::Breaking,
        "`Client::things_paint` takes a request body `ThingAddParameters` (was a request body `ThingPaintParameters`)",
    );
    let result = changed(&[(
        "              schema: { $ref: '#/components/schemas/Thing' }",
        "              schema: { $ref: '#/components/schemas/Label' }",
    )]);
    change(
        &result,
        Impact::Breaking,
        "`Client::things_add` returns `Label` (was `Thing`)",
    );
}

const PARAMETERS: &str = "        - { name: Dry, in: query, schema: { type: boolean } }\n";

#[test]
fn a_new_required_parameter_is_breaking_and_a_new_optional_one_compatible() {
    let required = changed(&[(
        PARAMETERS,
        "        - { name: Dry, in: query, schema: { type: boolean } }\n        - { name: Coats, in: query, required: true, schema: { type: integer } }\n",
    )]);
    let added = change(
        &required,
        Impact::Breaking,
        "new required parameter `coats` (query `Coats`): `i64`",
    );
    assert!(added.why.contains("takes a new argument"), "{}", added.why);
    let optional = changed(&[(
        PARAMETERS,
        "        - { name: Dry, in: query, schema: { type: boolean } }\n        - { name: Coats, in: query, schema: { type: integer } }\n",
    )]);
    let added = change(
        &optional,
        Impact::Compatible,
        "new optional parameter `coats` (query `Coats`): `Option<i64>`",
    );
    assert!(
        added
            .why
            .contains("`ThingsPaintParams` is `#[non_exhaustive]`"),
        "{}",
        added.why
    );
    assert_eq!(optional.verdict(), Semver::Minor);
}

#[test]
fn the_first_optional_parameter_adds_an_argument_and_is_breaking() {
    let without = BASE.replacen(PARAMETERS, "", 1);
    let report = diff(&api(&without), &api(BASE));
    let added = change(
        &report,
        Impact::Breaking,
        "new optional parameter `dry` (query `Dry`)",
    );
    assert!(
        added
            .why
            .contains("takes a new argument `params: &ThingsPaintParams`"),
        "{}",
        added.why
    );
}

#[test]
fn a_removed_or_retyped_parameter_is_breaking() {
    let removed = changed(&[(PARAMETERS, "")]);
    change(
        &removed,
        Impact::Breaking,
        "parameter `dry` (query `Dry`) removed",
    );
    let retyped = changed(&[(
        "name: Dry, in: query, schema: { type: boolean }",
        "name: Dry, in: query, schema: { type: string }",
    )]);
    change(
        &retyped,
        Impact::Breaking,
        "parameter `dry` (query `Dry`) changed type from `bool` to `String`",
    );
    let required = changed(&[(
        "name: Dry, in: query, schema",
        "name: Dry, in: query, required: true, schema",
    )]);
    change(
        &required,
        Impact::Breaking,
        "parameter `dry` (query `Dry`) is now required",
    );
}

// Error statuses: one variant of the `#[non_exhaustive]` `Error` per status any operation documents.

/// A status that is not one any HTTP server may answer, so that documenting it adds a variant.
const CONFLICT: &str = "        '422': { description: Unprocessable }\n  /things/{ThingId}/paint:";

#[test]
fn a_status_no_operation_documented_adds_an_error_variant() {
    let report = changed(&[("  /things/{ThingId}/paint:", CONFLICT)]);
    let added = change(
        &report,
        Impact::Compatible,
        "new variant `Error::UnprocessableEntity` for status 422, documented by `Client::things_add`",
    );
    assert_eq!(added.subject, Subject::Client);
    assert!(
        added.why.contains("`Error::UnexpectedStatus`"),
        "{}",
        added.why
    );
    change(
        &report,
        Impact::Documentation,
        "`Client::things_add` documents status 422",
    );
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn a_status_another_operation_documents_is_documentation() {
    let with_conflict = BASE.replacen("  /things/{ThingId}/paint:", CONFLICT, 1);
    let both = with_conflict.replacen(
        "        '200': { description: OK }\n",
        "        '200': { description: OK }\n        '422': { description: Unprocessable }\n",
        1,
    );
    let report = diff(&api(&with_conflict), &api(&both));
    change(
        &report,
        Impact::Documentation,
        "`Client::things_paint` documents status 422",
    );
    assert_eq!(report.verdict(), Semver::Patch);
}

#[test]
fn a_status_no_operation_documents_any_more_removes_an_error_variant() {
    let with_conflict = BASE.replacen("  /things/{ThingId}/paint:", CONFLICT, 1);
    let report = diff(&api(&with_conflict), &api(BASE));
    change(
        &report,
        Impact::Breaking,
        "variant `Error::UnprocessableEntity` (status 422) removed: no operation documents it",
    );
}

// Client: common fields on the builder, servers.

#[test]
fn a_new_required_common_field_is_breaking_and_an_optional_one_compatible() {
    let required = changed(&[
        ("        ClientToken: { type: string }\n", "        ClientToken: { type: string }\n        AccessToken: { type: string }\n"),
        ("        ClientToken: { type: string }\n        LanguageCode: { type: string, nullable: true }\n        Paint", "        ClientToken: { type: string }\n        AccessToken: { type: string }\n        LanguageCode: { type: string, nullable: true }\n        Paint"),
        ("required: [ClientToken, Name, Size]", "required: [ClientToken, AccessToken, Name, Size]"),
        ("required: [ClientToken, Paint]", "required: [ClientToken, AccessToken, Paint]"),
    ]);
    let added = change(
        &required,
        Impact::Breaking,
        "new required client setting `access_token` (`AccessToken`): `String`",
    );
    assert!(
        added.why.contains("`Client::builder` takes it"),
        "{}",
        added.why
    );
    // Optional client settings are the generator's: a spec does not make them.
    let with_culture =
        generator().client_setting(ClientSetting::new("CultureCode", "The culture."));
    let optional = diff(&api(BASE), &api_with(BASE, &with_culture));
    change(
        &optional,
        Impact::Compatible,
        "new optional client setting `culture_code` (`CultureCode`)",
    );
    assert_eq!(optional.verdict(), Semver::Minor);
}

#[test]
fn a_removed_common_field_is_breaking() {
    let without_setting = api_with(BASE, &Generator::new());
    let report = diff(&api(BASE), &without_setting);
    change(
        &report,
        Impact::Breaking,
        "client setting `language_code` (`LanguageCode`) removed",
    );
}

#[test]
fn a_new_server_is_compatible_a_removed_one_breaking_a_moved_one_behaviour() {
    let added = changed(&[(
        "  - { url: 'https://demo.example.com', description: Demo }\n",
        "  - { url: 'https://demo.example.com', description: Demo }\n  - { url: 'https://staging.example.com', description: Staging }\n",
    )]);
    change(
        &added,
        Impact::Compatible,
        "new server `client::STAGING` (`https://staging.example.com`)",
    );
    let removed = changed(&[(
        "  - { url: 'https://demo.example.com', description: Demo }\n",
        "",
    )]);
    change(
        &removed,
        Impact::Breaking,
        "server `client::DEMO` (`https://demo.example.com`) removed",
    );
    let moved = changed(&[("https://demo.example.com", "https://sandbox.example.com")]);
    change(
        &moved,
        Impact::Behaviour,
        "server `client::DEMO` is `https://sandbox.example.com` (was `https://demo.example.com`)",
    );
}

// Verdicts of combinations, and the text.

#[test]
fn the_verdict_is_the_largest_impact() {
    let documentation_and_compatible = changed(&[
        ("summary: Add a thing", "summary: Adds a thing"),
        ("enum: [Red, Green]", "enum: [Red, Green, Blue]"),
    ]);
    assert_eq!(documentation_and_compatible.verdict(), Semver::Minor);
    let all = changed(&[
        ("summary: Add a thing", "summary: Adds a thing"),
        ("enum: [Red, Green]", "enum: [Red, Blue]"),
        ("maxItems: 5", "maxItems: 3"),
    ]);
    let impacts: Vec<Impact> = all.changes.iter().map(|change| change.impact).collect();
    for impact in [
        Impact::Documentation,
        Impact::Compatible,
        Impact::Behaviour,
        Impact::Breaking,
    ] {
        assert!(
            impacts.contains(&impact),
            "{impact} missing from:\n{}",
            all.full()
        );
    }
    assert_eq!(all.verdict(), Semver::Major);
}

#[test]
fn the_full_form_groups_changes_under_a_header_and_ends_with_the_verdict() {
    let report = changed(&[
        ("summary: Add a thing", "summary: Adds a thing"),
        ("enum: [Red, Green]", "enum: [Red, Green, Blue]"),
        ("maxItems: 5", "maxItems: 3"),
    ]);
    assert_eq!(
        report.full(),
        "operation `things_add`\n  documentation: summary of `Client::things_add` (documentation only; no code changes)\n\
         type `ThingAddParameters`\n  behaviour: limits of field `ThingAddParameters::tags` (`Tags`) tightened: max items 3 (was 5) (requests that were valid are now rejected before sending)\n\
         type `Color`\n  compatible: new value `Color::Blue` (`Blue`) (enums are `#[non_exhaustive]`; `Blue` used to read as `Color::Unknown(\"Blue\")` and now reads as `Color::Blue`)\n\
         semver: minor\n"
    );
    assert_eq!(
        report.short(),
        "type `ThingAddParameters`\n  behaviour: limits of field `ThingAddParameters::tags` (`Tags`) tightened: max items 3 (was 5)\n\
         type `Color`\n  compatible: new value `Color::Blue` (`Blue`)\n\
         1 documentation change\n\
         semver: minor\n"
    );
}

// Deprecation and pagination of operations.

#[test]
fn a_deprecated_operation_is_compatible_and_says_so() {
    let report = changed(&[(
        "      operationId: things_add\n",
        "      operationId: things_add\n      deprecated: true\n      x-deprecatedMessage: Use things/create.\n",
    )]);
    change(
        &report,
        Impact::Compatible,
        "`Client::things_add` is deprecated: Use things/create.",
    );
    assert_eq!(report.verdict(), Semver::Minor);
}

/// `things/add` becomes a paginated read: a `Limitation` in its request, a cursor and items
/// in its result.
const PAGINATED: [(&str, &str); 2] = [
    (
        "      required: [ClientToken, Name, Size]\n",
        "        Limitation: { $ref: '#/components/schemas/Limitation' }\n      required: [ClientToken, Name, Size, Limitation]\n    Limitation:\n      type: object\n      properties:\n        Count: { type: integer, format: int32, maximum: 500 }\n        Cursor: { type: string, format: uuid, nullable: true }\n      required: [Count]\n",
    ),
    (
        "        Label: { $ref: '#/components/schemas/Label' }\n",
        "        Label: { $ref: '#/components/schemas/Label' }\n        Parts: { type: array, items: { $ref: '#/components/schemas/Label' } }\n        Cursor: { type: string, format: uuid, nullable: true }\n",
    ),
];

#[test]
fn an_operation_that_becomes_paginated_gains_its_streams() {
    let report = changed(&PAGINATED);
    change(
        &report,
        Impact::Compatible,
        "`Client::things_add` is paginated: new methods `Client::things_add_pages` and `Client::things_add_items`",
    );
}

#[test]
fn a_new_default_page_size_changes_behaviour() {
    let smaller = PAGINATED[0].1.replace("maximum: 500", "maximum: 100");
    let new = [(PAGINATED[0].0, smaller.as_str()), PAGINATED[1]];
    let report = diff(&api(&apply(&PAGINATED)), &api(&apply(&new)));
    change(
        &report,
        Impact::Behaviour,
        "walks of `Client::things_add` ask for 100 items a page by default (was 500)",
    );
}

#[test]
fn a_parameter_in_another_style_is_a_behaviour_change() {
    let report = changed(&[(
        "        - { name: Dry, in: query, schema: { type: boolean } }",
        "        - { name: Dry, in: query, style: form, explode: false, schema: { type: boolean } }",
    )]);
    change(
        &report,
        Impact::Behaviour,
        "parameter `dry` (query `Dry`) is written in the style FormCompact (was Form)",
    );
    assert_eq!(report.verdict(), Semver::Minor);
}

#[test]
fn a_request_body_that_becomes_optional_is_breaking() {
    // Bodies that carry the client's credentials are always required; without them in common,
    // the spec decides.
    let without_common = apply(&[
        ("        ClientToken: { type: string }\n        LanguageCode: { type: string, nullable: true }\n        Paint", "        Paint"),
        ("required: [ClientToken, Paint]", "required: [Paint]"),
    ]);
    let required = without_common.replacen(
        "      summary: Add a thing\n      requestBody:\n",
        "      summary: Add a thing\n      requestBody:\n        required: true\n",
        1,
    );
    let report = diff(&api(&without_common), &api(&required));
    change(
        &report,
        Impact::Breaking,
        "`Client::things_add` takes its request body without an `Option` (the body became required)",
    );
}

#[test]
fn a_form_field_in_another_style_is_a_behaviour_change() {
    let form = apply(&[(
        "      summary: Add a thing\n      requestBody:\n        content:\n          application/json:\n            schema: { $ref: '#/components/schemas/ThingAddParameters' }",
        "      summary: Add a thing\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema: { $ref: '#/components/schemas/ThingAddParameters' }",
    )]);
    let deep = form.replace(
        "            schema: { $ref: '#/components/schemas/ThingAddParameters' }",
        "            schema: { $ref: '#/components/schemas/ThingAddParameters' }\n            encoding: { Tags: { style: deepObject } }",
    );
    let report = diff(&api(&form), &api(&deep));
    change(
        &report,
        Impact::Behaviour,
        "`Client::things_add` writes its application/x-www-form-urlencoded body differently (`Tags` DeepObject)",
    );
}

#[test]
fn an_enum_of_strings_that_becomes_one_of_integers_is_breaking() {
    let strings = "openapi: 3.0.3\ninfo: { title: T, version: v1 }\npaths: {}\ncomponents:\n  schemas:\n    Level:\n      oneOf:\n        - { title: Low, const: low }\n        - { title: High, const: high }\n";
    let integers = strings
        .replace("const: low", "const: 1")
        .replace("const: high", "const: 2");
    let report = diff(&api(strings), &api(&integers));
    change(
        &report,
        Impact::Breaking,
        "the values of `Level` are integers (were strings)",
    );
}

#[test]
fn an_optional_request_field_that_becomes_nullable_is_a_nullable_and_breaking() {
    let nullable = diff(
        &api(&apply(&[(
            "        Size: { type: integer, format: int32 }\n        Color:",
            "        Size: { type: integer, format: int32 }\n        Nickname: { type: string }\n        Color:",
        )])),
        &api(&apply(&[(
            "        Size: { type: integer, format: int32 }\n        Color:",
            "        Size: { type: integer, format: int32 }\n        Nickname: { type: string, nullable: true }\n        Color:",
        )])),
    );
    change(
        &nullable,
        Impact::Breaking,
        "field `ThingAddParameters::nickname` (`Nickname`) changed type from `Option<String>` to `Nullable<String>`",
    );
}

#[test]
fn a_stream_of_events_beside_the_result_is_compatible() {
    let report = changed(&[(
        "            application/json:\n              schema: { $ref: '#/components/schemas/Thing' }\n",
        "            application/json:\n              schema: { $ref: '#/components/schemas/Thing' }\n            text/event-stream:\n              schema: { $ref: '#/components/schemas/Thing' }\n",
    )]);
    change(
        &report,
        Impact::Compatible,
        "new method `Client::things_add_events`: `Client::things_add` as a stream of server-sent events of `Thing`",
    );
    assert_eq!(report.verdict(), Semver::Minor);
}

/// `BASE` with each operation tagged: the crate is split into a feature per tag.
fn tagged(add: &str, paint: &str) -> String {
    apply(&[
        (
            "      operationId: things_add\n",
            &format!("      operationId: things_add\n      tags: [{add}]\n"),
        ),
        (
            "      operationId: things_paint\n",
            &format!("      operationId: things_paint\n      tags: [{paint}]\n"),
        ),
    ])
}

#[test]
fn splitting_a_crate_into_features_is_compatible() {
    let report = diff(&api(BASE), &api(&tagged("adding", "painting")));
    change(&report, Impact::Compatible, "new feature `adding`");
    change(
        &report,
        Impact::Compatible,
        "`Client::things_add` is compiled by feature `adding`",
    );
    assert_eq!(report.verdict(), Semver::Minor, "{}", report.full());
}

#[test]
fn a_method_that_moves_to_another_feature_or_a_removed_feature_is_breaking() {
    let report = diff(
        &api(&tagged("adding", "painting")),
        &api(&tagged("adding", "colours")),
    );
    change(
        &report,
        Impact::Breaking,
        "`Client::things_paint` is compiled by feature `colours` (was `painting`)",
    );
    change(&report, Impact::Breaking, "feature `painting` removed");
    change(&report, Impact::Compatible, "new feature `colours`");
    assert_eq!(report.verdict(), Semver::Major);
}
