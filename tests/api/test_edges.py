"""Clean answers at the edges: no query parameter or body reaches a 500, and every error under
/api/ (500 and 413 included) comes in the documented JSON shape with the CORS headers."""

import pytest
from django.test import Client

from claimtracker.claims.models import Source, Statement

pytestmark = pytest.mark.django_db

ORIGIN = "https://newsroom.example"

# Every filter of every list that takes text, a date or a number (choices and slugs included:
# their error messages quote the value).
PARAMETERS = [
    ("/api/v1/claims/", "status"),
    ("/api/v1/claims/", "actor"),
    ("/api/v1/claims/", "topic"),
    ("/api/v1/claims/", "changed_since"),
    ("/api/v1/claims/", "changed_before"),
    ("/api/v1/claims/", "q"),
    ("/api/v1/claims/", "cursor"),
    ("/api/v1/claims/", "page_size"),
    ("/api/v1/statements/", "actor"),
    ("/api/v1/statements/", "stated_from"),
    ("/api/v1/statements/", "stated_to"),
    ("/api/v1/statements/", "language"),
    ("/api/v1/statements/", "q"),
    ("/api/v1/evidence/", "kind"),
    ("/api/v1/evidence/", "claim"),
    ("/api/v1/status-changes/", "claim"),
    ("/api/v1/status-changes/", "recorded_since"),
    ("/api/v1/status-changes/", "recorded_before"),
    ("/api/v1/contradiction-links/", "statement"),
    ("/api/v1/contradiction-links/", "claim"),
    ("/api/v1/contradiction-links/", "evidence"),
    ("/api/v1/actors/", "kind"),
    ("/api/v1/actors/", "q"),
    ("/api/v1/sources/", "language"),
    ("/api/v1/topics/", "q"),
]
# Sent as they are, undecoded where a client would type them: a bare % is not an escape.
HOSTILE_VALUES = [
    "%",
    "%s",
    "100%",
    "%(value)s",
    "%2500",  # a literal %00
    "%00",  # a NUL byte
    "9" * 5000,  # over Python's 4,300-digit limit for int()
    "-" + "9" * 40,
    "%D0%A2%D0%BE%D2%9B%D0%B0%D0%B5%D0%B2%25",  # Тоқаев%
    "%E2%80%AE2023",  # a right-to-left override
]


def error_codes(response):
    return {(error["field"], error["code"]) for error in response.json()["errors"]}


@pytest.mark.parametrize(
    ("parameter", "value"),
    [("stated_from", "%"), ("stated_from", "%s"), ("stated_to", "100%")],
)
def test_a_percent_sign_in_a_statement_date_is_a_400_naming_the_parameter(
    anonymous, parameter, value
):
    response = anonymous.get(f"/api/v1/statements/?{parameter}={value}")

    assert response.status_code == 400
    assert error_codes(response) == {(parameter, "invalid")}
    assert value in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(("path", "parameter"), PARAMETERS)
def test_no_value_of_any_list_filter_reaches_a_server_error(path, parameter):
    client = Client(raise_request_exception=False)
    for value in HOSTILE_VALUES:
        response = client.get(f"{path}?{parameter}={value}")

        assert response.status_code < 500, (path, parameter, value)
        assert response["Content-Type"] == "application/json", (path, parameter, value)


def test_a_page_size_of_thousands_of_digits_is_a_400(anonymous):
    response = anonymous.get("/api/v1/claims/?page_size=" + "9" * 5000)

    assert response.status_code == 400
    assert error_codes(response) == {("page_size", "invalid_page_size")}


def test_json_nested_a_hundred_thousand_deep_is_a_400_and_saves_nothing(as_user, journalist):
    body = "[" * 100_000 + "]" * 100_000

    response = as_user(journalist).post(
        "/api/v1/statements/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert error_codes(response) == {(None, "parse_error")}
    assert not Statement.objects.exists()
    assert not Source.objects.exists()


def test_a_form_body_over_the_upload_limit_is_a_json_413_with_cors_headers(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client(raise_request_exception=False)

    response = client.post(
        "/api/v1/statements/",
        "quote=" + "a" * 2000,
        content_type="application/x-www-form-urlencoded",
        headers={"Origin": ORIGIN},
    )

    assert response.status_code == 413
    assert error_codes(response) == {(None, "too_large")}
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.urls("tests.api.edge_urls")
def test_a_server_error_under_the_api_is_json_with_cors_headers():
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/broken/", headers={"Origin": ORIGIN})

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert error_codes(response) == {(None, "server_error")}
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.urls("tests.api.edge_urls")
def test_a_server_error_on_the_site_is_still_the_html_page():
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_an_address_under_api_outside_v1_is_a_json_404():
    response = Client().get("/api/v2/claims/", headers={"Origin": ORIGIN})

    assert response.status_code == 404
    assert error_codes(response) == {(None, "not_found")}


def test_a_query_that_is_not_utf8_is_a_json_400_under_the_api():
    response = Client().get("/api/v1/claims/?q=%FF", headers={"Origin": ORIGIN})

    assert response.status_code == 400
    assert error_codes(response) == {(None, "invalid_utf8")}
    assert response["Access-Control-Allow-Origin"] == "*"
