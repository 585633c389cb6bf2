//! Synthetic specs in the shape of Mews's published Swashbuckle spec, of any size: the same
//! conventions (auth in every body, `allOf`-wrapped references, update-value wrappers,
//! `additionalProperties: false`, `x-enumNames`, `x-schema-id`, error responses with
//! `Retry-After`), so that generation can be tested and measured on specs as large as the real
//! one (about 190 operations) and beyond.

use serde_json::{json, Map, Value};

const RESOURCES: &[&str] = &[
    "accountingCategories",
    "bills",
    "companies",
    "reservations",
    "resources",
    "services",
    "products",
    "rates",
    "vouchers",
    "tasks",
];
const ACTIONS: &[&str] = &["getAll", "add", "update", "delete"];

/// A spec with `operations` operations, as pretty JSON. The same arguments always give the
/// same text.
pub fn mews_style_spec(operations: usize) -> String {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    for name in [
        "StringUpdateValue",
        "BooleanUpdateValue",
        "DecimalNullableUpdateValue",
        "GuidNullableUpdateValue",
    ] {
        schemas.insert(name.to_owned(), update_value(name));
    }
    schemas.insert("ConnectorApiExceptionResult".to_owned(), exception_result());
    schemas.insert("Limitation".to_owned(), limitation());
    for index in 0..operations {
        let resource = format!(
            "{}{}",
            RESOURCES[index % RESOURCES.len()],
            index / (RESOURCES.len() * ACTIONS.len())
        );
        let action = ACTIONS[(index / RESOURCES.len()) % ACTIONS.len()];
        let entity = upper_camel(&resource);
        let operation = format!("{entity}{}", upper_camel(action));
        if !schemas.contains_key(&entity) {
            schemas.insert(entity.clone(), entity_schema(&entity));
            schemas.insert(format!("{entity}State"), state_enum(&entity));
            schemas.insert(format!("{entity}Result"), result_schema(&entity));
        }
        schemas.insert(
            format!("{operation}Parameters"),
            parameters_schema(&entity, action),
        );
        paths.insert(
            format!("/api/connector/v1/{resource}/{action}"),
            json!({ "post": operation_object(&resource, action, &operation, &entity) }),
        );
    }
    let spec = json!({
        "openapi": "3.0.1",
        "info": { "title": "Synthetic Mews-style API", "version": "v1", "description": format!("{operations} operations in the style of the Mews Connector API.") },
        "servers": [
            { "url": "https://api.mews.com", "description": "Production environment" },
            { "url": "https://api.mews-demo.com", "description": "Demo environment" }
        ],
        "paths": paths,
        "components": { "schemas": schemas },
    });
    serde_json::to_string_pretty(&spec).expect("a JSON value always serializes")
}

fn upper_camel(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// Swashbuckle's way of giving a reference a description and nullability.
fn wrapped(name: &str, description: &str, nullable: bool) -> Value {
    let mut schema = json!({ "allOf": [reference(name)], "description": description });
    if nullable {
        schema["nullable"] = true.into();
    }
    schema
}

fn object(name: &str, title: &str, properties: Value, required: &[&str]) -> Value {
    let mut schema = json!({
        "title": title,
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
        "x-schema-id": name,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

fn update_value(name: &str) -> Value {
    let value = match name {
        "StringUpdateValue" => json!({ "type": "string", "nullable": true }),
        "BooleanUpdateValue" => json!({ "type": "boolean" }),
        "DecimalNullableUpdateValue" => {
            json!({ "type": "number", "format": "double", "nullable": true })
        }
        _ => json!({ "type": "string", "format": "uuid", "nullable": true }),
    };
    let mut value = value;
    value["description"] = "Value which is to be updated.".into();
    object(name, "Update value", json!({ "Value": value }), &[])
}

fn exception_result() -> Value {
    object(
        "ConnectorApiExceptionResult",
        "Connector API exception result",
        json!({
            "Message": { "type": "string", "nullable": true },
            "RequestId": { "type": "string", "nullable": true },
            "Details": { "nullable": true },
        }),
        &[],
    )
}

fn limitation() -> Value {
    object(
        "Limitation",
        "Limitation",
        json!({
            "Count": { "type": "integer", "format": "int32", "minimum": 1, "maximum": 1000, "description": "Maximum number of items." },
            "Cursor": { "type": "string", "format": "uuid", "nullable": true, "description": "Where to continue." },
        }),
        &["Count"],
    )
}

fn state_enum(entity: &str) -> Value {
    let values = ["Active", "Inactive", "Deleted", "Pending"];
    json!({
        "title": format!("{entity} state"),
        "type": "string",
        "enum": values,
        "x-enumNames": values,
        "description": format!("State of the {entity}."),
        "x-schema-id": format!("{entity}State"),
    })
}

fn entity_schema(entity: &str) -> Value {
    object(
        entity,
        entity,
        json!({
            "Id": { "type": "string", "format": "uuid", "description": "Unique identifier." },
            "EnterpriseId": { "type": "string", "format": "uuid", "description": "Unique identifier of the enterprise." },
            "Name": { "type": "string", "minLength": 1, "description": "Name." },
            "Description": { "type": "string", "nullable": true, "description": "Description." },
            "State": wrapped(&format!("{entity}State"), "State.", false),
            "Amount": { "type": "number", "format": "double", "nullable": true, "description": "Amount." },
            "IsActive": { "type": "boolean", "description": "Whether it is active." },
            "StartDate": { "type": "string", "format": "date", "nullable": true, "description": "Start date." },
            "CreatedUtc": { "type": "string", "format": "date-time", "description": "Creation time in UTC." },
            "UpdatedUtc": { "type": "string", "format": "date-time", "description": "Last update time in UTC." },
            "Tags": { "type": "array", "items": { "type": "string" }, "nullable": true, "description": "Tags." },
        }),
        &[
            "Id",
            "EnterpriseId",
            "Name",
            "State",
            "IsActive",
            "CreatedUtc",
            "UpdatedUtc",
        ],
    )
}

fn result_schema(entity: &str) -> Value {
    let plural = format!("{entity}s");
    object(
        &format!("{entity}Result"),
        &format!("{entity} result"),
        json!({
            plural.clone(): { "type": "array", "items": reference(entity), "description": "The items." },
            "Cursor": { "type": "string", "format": "uuid", "nullable": true, "description": "Cursor of the next page, null when there is none." },
        }),
        &[plural.as_str()],
    )
}

fn parameters_schema(entity: &str, action: &str) -> Value {
    let mut properties = json!({
        "ClientToken": { "type": "string", "minLength": 1, "description": "Token identifying the client application." },
        "AccessToken": { "type": "string", "minLength": 1, "description": "Access token of the client application." },
        "Client": { "type": "string", "minLength": 1, "description": "Name and version of the client application." },
        "ChainId": { "type": "string", "format": "uuid", "nullable": true, "description": "Unique identifier of the chain. Required when using Portfolio Access Tokens, ignored otherwise." },
    });
    let mut required = vec!["ClientToken", "AccessToken", "Client"];
    let own = match action {
        "getAll" => {
            required.push("Limitation");
            json!({
                "Ids": { "type": "array", "items": { "type": "string", "format": "uuid" }, "maxItems": 1000, "nullable": true, "description": "Identifiers to filter by." },
                "States": { "type": "array", "items": reference(&format!("{entity}State")), "nullable": true, "description": "States to filter by." },
                "Limitation": wrapped("Limitation", "Limitation on the quantity of data returned.", false),
            })
        }
        "add" => {
            required.push("Name");
            json!({
                "Name": { "type": "string", "minLength": 1, "maxLength": 255, "description": "Name." },
                "Description": { "type": "string", "nullable": true, "maxLength": 1000, "description": "Description." },
                "StartDate": { "type": "string", "format": "date", "nullable": true, "description": "Start date." },
                "Amount": { "type": "number", "format": "double", "nullable": true, "description": "Amount." },
            })
        }
        "update" => {
            required.push("Id");
            json!({
                "Id": { "type": "string", "format": "uuid", "description": "Unique identifier." },
                "Name": wrapped("StringUpdateValue", "Name (or null if it should not be updated).", true),
                "Description": wrapped("StringUpdateValue", "Description (or null if it should not be updated).", true),
                "IsActive": wrapped("BooleanUpdateValue", "Whether it is active (or null if it should not be updated).", true),
                "Amount": wrapped("DecimalNullableUpdateValue", "Amount (or null if it should not be updated).", true),
                "ParentId": wrapped("GuidNullableUpdateValue", "Parent (or null if it should not be updated).", true),
            })
        }
        _ => {
            required.push("Ids");
            json!({
                "Ids": { "type": "array", "items": { "type": "string", "format": "uuid" }, "minItems": 1, "maxItems": 1000, "description": "Identifiers to delete." },
            })
        }
    };
    if let (Some(properties), Value::Object(own)) = (properties.as_object_mut(), own) {
        properties.extend(own);
    }
    let name = format!("{entity}{}Parameters", upper_camel(action));
    object(
        &name,
        &format!("{entity} {action} parameters"),
        properties,
        &required,
    )
}

fn operation_object(resource: &str, action: &str, operation: &str, entity: &str) -> Value {
    let error = |description: &str| {
        json!({
            "description": description,
            "content": { "application/json": { "schema": reference("ConnectorApiExceptionResult") } },
        })
    };
    let mut too_many = error("Too many requests.");
    too_many["headers"] = json!({ "Retry-After": { "description": "Seconds to wait.", "schema": { "type": "string" } } });
    json!({
        "tags": [upper_camel(resource)],
        "summary": format!("{} {resource}", upper_camel(action)),
        "description": format!("{} {resource}. This operation supports Portfolio Access Tokens.", upper_camel(action)),
        "operationId": format!("{resource}_{action}"),
        "requestBody": {
            "content": { "application/json": { "schema": reference(&format!("{operation}Parameters")) } },
        },
        "responses": {
            "200": {
                "description": "Success",
                "content": { "application/json": { "schema": reference(&format!("{entity}Result")) } },
            },
            "400": error("Bad request."),
            "401": error("Unauthorized."),
            "403": error("Forbidden."),
            "408": error("Request timeout."),
            "429": too_many,
            "500": error("Internal server error."),
        },
    })
}
