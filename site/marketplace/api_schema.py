"""Pieces of the OpenAPI 3.1 description that every app's endpoints are written with
(the document itself is put together in marketplace.open_data)."""

from django.utils.translation import gettext_lazy as _

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["parameter", "message"],
            "properties": {
                "parameter": {
                    "type": ["string", "null"],
                    "description": _("The query parameter at fault, if one is."),
                },
                "message": {"type": "string", "description": _("What is wrong, in words.")},
            },
        }
    },
}


def query(name, description, schema, example=None):
    """An optional query parameter. An empty value is the same as none (a form with a blank
    field sends one), and the schema says so."""
    parameter = {"name": name, "in": "query", "required": False, "description": description}
    if "enum" in schema:
        schema = {**schema, "enum": ["", *(value for value in schema["enum"] if value != "")]}
    elif schema.get("type") != "string" or "format" in schema:
        schema = {"anyOf": [schema, {"type": "string", "maxLength": 0}]}
    parameter["schema"] = schema
    if example is not None:
        parameter["example"] = example
    return parameter


def integer(minimum, maximum=None):
    schema = {"type": "integer", "minimum": minimum}
    if maximum is not None:
        schema["maximum"] = maximum
    return schema


def one_of(values):
    return {"type": "string", "enum": list(values)}


def date():
    return {"type": "string", "format": "date"}


def json_body(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def error(description):
    return json_body({"$ref": "#/components/schemas/Error"}, description)


def answers(ok_schema, description, throttled=False, csv=False):
    """The responses of a read-only endpoint: 200 (also as CSV with format=csv where csv);
    400 for a wrong or unreadable parameter; 429 over the per-address limit (with
    Retry-After) where there is one."""
    responses = {
        "200": json_body(ok_schema, description),
        "400": error(_("A parameter is wrong or cannot be read; the error names it.")),
    }
    if csv:
        responses["200"]["content"]["text/csv"] = {"schema": STRING}
    if throttled:
        responses["429"] = error(_("Too many calls from this address; wait Retry-After seconds."))
        responses["429"]["headers"] = {
            "Retry-After": {"schema": {"type": "integer"}, "description": _("Seconds to wait.")}
        }
    return responses


def operation(summary, description, parameters, responses, tag):
    return {
        "get": {
            "summary": summary,
            "description": description,
            "tags": [tag],
            "parameters": parameters,
            "responses": responses,
        }
    }


def obj(properties, required=None):
    """An object schema whose properties are all present unless `required` says otherwise."""
    return {
        "type": "object",
        "required": list(properties) if required is None else required,
        "properties": properties,
    }


def nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


STRING = {"type": "string"}
# What a person may type: any text but a NUL byte, which every address refuses.
TEXT = {"type": "string", "pattern": "^[^\\u0000]*$"}
COUNT = {"type": "integer", "minimum": 0}
