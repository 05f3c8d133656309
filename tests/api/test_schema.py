"""The OpenAPI schema: valid, complete, every field and parameter documented, browsable offline.

(Every response the other API tests receive is also checked against this schema: see the
client in conftest.py.)
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

READ_ENDPOINTS = {
    f"/api/v1/{collection}/{suffix}"
    for collection, lookup in [
        ("actors", "{slug}"),
        ("sources", "{id}"),
        ("statements", "{id}"),
        ("claims", "{slug}"),
        ("evidence", "{id}"),
        ("contradiction-links", "{id}"),
        ("topics", "{slug}"),
        ("status-changes", "{id}"),
    ]
    for suffix in ("", f"{lookup}/")
}


def read_operations(schema):
    return {path: schema["paths"][path]["get"] for path in READ_ENDPOINTS}


def referenced_components(schema, node, found=None):
    """The names of the components ``node`` refers to, directly or through others."""
    found = set() if found is None else found
    if isinstance(node, dict):
        if ref := node.get("$ref"):
            name = ref.removeprefix("#/components/schemas/")
            if name not in found:
                found.add(name)
                referenced_components(schema, schema["components"]["schemas"][name], found)
        for value in node.values():
            referenced_components(schema, value, found)
    elif isinstance(node, list):
        for value in node:
            referenced_components(schema, value, found)
    return found


def test_the_schema_validates_without_a_warning_as_ci_checks_it(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )

    assert "/api/v1/claims/{slug}/" in (tmp_path / "schema.yaml").read_text()


def test_the_schema_lists_every_read_endpoint(openapi_schema):
    listed = {path for path, operations in openapi_schema["paths"].items() if "get" in operations}

    assert listed >= READ_ENDPOINTS


def test_every_read_operation_has_a_summary_a_description_and_an_example(openapi_schema):
    for path, operation in read_operations(openapi_schema).items():
        assert operation["summary"], path
        assert operation["description"], path
        examples = operation["responses"]["200"]["content"]["application/json"].get("examples")
        assert examples, f"{path} has no example"


def test_list_examples_come_wrapped_in_a_page(openapi_schema):
    operation = openapi_schema["paths"]["/api/v1/claims/"]["get"]

    (example,) = operation["responses"]["200"]["content"]["application/json"]["examples"].values()

    assert set(example["value"]) == {"next", "previous", "results"}
    assert example["value"]["results"][0]["slug"]


def test_every_field_of_every_object_the_read_endpoints_return_is_documented(openapi_schema):
    names = referenced_components(openapi_schema, read_operations(openapi_schema))
    undocumented = [
        f"{name}.{field}"
        for name in sorted(names)
        for field, definition in openapi_schema["components"]["schemas"][name]
        .get("properties", {})
        .items()
        if not definition.get("description")
    ]

    assert not undocumented


def test_every_parameter_of_the_read_endpoints_is_documented(openapi_schema):
    undocumented = [
        f"{path} {parameter['name']}"
        for path, operation in read_operations(openapi_schema).items()
        for parameter in operation["parameters"]
        if not parameter.get("description")
    ]

    assert not undocumented


def test_the_status_is_documented_as_nullable_with_its_five_values(openapi_schema):
    components = openapi_schema["components"]["schemas"]

    status = components["Claim"]["properties"]["status"]

    assert status["oneOf"] == [
        {"$ref": "#/components/schemas/ClaimStatusEnum"},
        {"$ref": "#/components/schemas/NullEnum"},
    ]
    assert components["NullEnum"] == {"type": "null"}
    assert components["ClaimStatusEnum"]["enum"] == [
        "confirmed",
        "partly_confirmed",
        "unconfirmed",
        "disputed",
        "refuted",
    ]


def test_the_schema_is_served(anonymous):
    response = anonymous.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    assert response.json()["info"]["title"] == "ClaimTracker API"


class _Assets(HTMLParser):
    """The addresses a page makes the browser fetch: scripts, stylesheets, icons, images."""

    def __init__(self):
        super().__init__()
        self.addresses = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in {"script", "img"} and attributes.get("src"):
            self.addresses.append(attributes["src"])
        if tag == "link" and attributes.get("href"):
            self.addresses.append(attributes["href"])


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_api_docs_load_from_this_server_alone(client, path):
    response = client.get(path)
    assert response.status_code == 200
    parser = _Assets()
    parser.feed(response.content.decode())

    assert parser.addresses
    for address in parser.addresses:
        # Swagger's start-up script comes from the docs view itself (?script), for the CSP.
        assert address.startswith(("/static/", f"{path}?script")), address
        assert client.get(address).status_code == 200, address
    assert not re.search(r"https?://(?!testserver)", response.content.decode())


def operations(schema):
    return [
        (f"{method.upper()} {path}", operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def test_the_schema_names_its_server_licence_and_contact_from_the_settings(settings):
    settings.SITE_URL = "https://claims.example.net"
    settings.PUBLISHER_NAME = "Example Checks"
    settings.DATA_LICENCE = "CC BY-SA 4.0"
    settings.DATA_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"

    schema = SchemaGenerator().get_schema(request=None, public=True)

    # The paths begin with /api/v1/, so the server is the site itself.
    assert [server["url"] for server in schema["servers"]] == ["https://claims.example.net"]
    assert next(iter(schema["paths"])).startswith("/api/v1/")
    assert schema["info"]["license"] == {
        "name": "CC BY-SA 4.0",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    }
    assert schema["info"]["contact"] == {
        "name": "Example Checks",
        "url": "https://claims.example.net/",
    }


def test_every_tag_an_operation_uses_is_declared_with_a_description(openapi_schema):
    declared = {tag["name"]: tag.get("description") for tag in openapi_schema["tags"]}
    used = {tag for _, operation in operations(openapi_schema) for tag in operation["tags"]}

    assert used <= set(declared)
    assert all(declared[tag] for tag in used)


def test_every_operation_documents_throttling_and_plain_http(openapi_schema):
    for name, operation in operations(openapi_schema):
        responses = operation["responses"]
        assert "Retry-After" in responses["429"].get("headers", {}), name
        assert "https_required" in responses["400"]["description"], name


def test_every_list_documents_the_400_for_a_slug_that_names_no_record(openapi_schema):
    for path in READ_ENDPOINTS:
        if not path.endswith("}/"):
            description = openapi_schema["paths"][path]["get"]["responses"]["400"]["description"]
            assert "slug" in description, path


def test_every_operation_that_takes_a_session_documents_the_second_factor_refusal(
    openapi_schema,
):
    for name, operation in operations(openapi_schema):
        if {"cookieAuth": []} in operation.get("security", []):
            assert "second_factor_required" in operation["responses"]["403"]["description"], name


def test_an_accept_header_the_api_cannot_meet_is_a_documented_406(anonymous, openapi_schema):
    response = anonymous.get("/api/v1/claims/", HTTP_ACCEPT="application/xml")

    assert response.status_code == 406
    assert response.json()["errors"][0]["code"] == "not_acceptable"
    assert "406" in openapi_schema["paths"]["/api/v1/claims/"]["get"]["responses"]
