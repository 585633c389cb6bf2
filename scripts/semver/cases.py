"""The kinds of spec change the change report classifies, applied to the bundled spec.

`python3 cases.py SPEC OUT_DIR` writes `OUT_DIR/<case>.yaml` for every case; each case is one
change of the kind Mews makes (or should not make), named by what it does.
"""

import copy
import sys

import yaml

CUSTOMER_ADD = "/api/connector/v1/customers/add"


def schemas(spec):
    return spec["components"]["schemas"]


def result_gains_a_field(spec):
    schemas(spec)["Customer"]["properties"]["LoyaltyTier"] = {"type": "string", "nullable": True}


def enum_gains_a_value(spec):
    schemas(spec)["Title"]["enum"].append("Doctor")


def operation_added(spec):
    item = copy.deepcopy(spec["paths"][CUSTOMER_ADD])
    item["post"]["operationId"] = "customers_addTwin"
    item["post"]["summary"] = "Add customer twin"
    spec["paths"]["/api/connector/v1/customers/addTwin"] = item


def request_gains_an_optional_field(spec):
    schemas(spec)["CustomerAddParameters"]["properties"]["Nickname"] = {
        "type": "string",
        "nullable": True,
    }


def request_gains_a_required_field(spec):
    parameters = schemas(spec)["CustomerAddParameters"]
    parameters["properties"]["Nickname"] = {"type": "string"}
    parameters.setdefault("required", []).append("Nickname")


def result_loses_a_field(spec):
    del schemas(spec)["Customer"]["properties"]["Occupation"]


def field_type_changes_from_string_to_integer(spec):
    schemas(spec)["Customer"]["properties"]["Notes"] = {"type": "integer", "format": "int32", "nullable": True}


def required_result_field_becomes_optional(spec):
    schemas(spec)["Customer"]["required"].remove("LastName")
    schemas(spec)["Customer"]["properties"]["LastName"]["nullable"] = True


def enum_loses_a_value(spec):
    schemas(spec)["Title"]["enum"].pop()


def max_items_tightened(spec):
    parameters = schemas(spec)["MultipleIdentityDocumentUpdateParameters"]["properties"]
    parameters["IdentityDocuments"]["maxItems"] = 5


def operation_removed(spec):
    del spec["paths"]["/api/connector/v1/customers/merge"]


CASES = [
    result_gains_a_field,
    enum_gains_a_value,
    operation_added,
    request_gains_an_optional_field,
    max_items_tightened,
    request_gains_a_required_field,
    result_loses_a_field,
    field_type_changes_from_string_to_integer,
    required_result_field_becomes_optional,
    enum_loses_a_value,
    operation_removed,
]


def main():
    source, out = sys.argv[1], sys.argv[2]
    with open(source) as file:
        base = yaml.safe_load(file)
    for case in CASES:
        spec = copy.deepcopy(base)
        case(spec)
        with open(f"{out}/{case.__name__}.yaml", "w") as file:
            yaml.safe_dump(spec, file, sort_keys=False, allow_unicode=True)
    print("\n".join(case.__name__ for case in CASES))


main()
