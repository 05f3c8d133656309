"""Export files streamed from one consistent snapshot, at the speed of PostgreSQL's COPY.

A snapshot is a dedicated psycopg connection (never Django's, never the request's
transaction) in one ``REPEATABLE READ READ ONLY`` transaction: every file read from it sees the
database as it was at ``taken_at``, whatever commits meanwhile. Each file is one
``COPY (SELECT ...) TO STDOUT``, whose rows are passed on in chunks of about ``CHUNK_SIZE``
bytes without being parsed: CSV straight from ``FORMAT csv, HEADER``, NDJSON as one
``row_to_json`` per line. Memory stays flat whatever the table size.

CSV is made safe for spreadsheets in the ``SELECT`` itself (``Collection.select_sql(csv=True)``),
not here: rewriting cells in Python would mean parsing every CSV record, and the stream would no
longer be COPY's bytes passed on as they come.
"""

from __future__ import annotations

import datetime
from collections.abc import Buffer, Generator, Iterable, Iterator
from itertools import chain
from types import TracebackType
from typing import Any, Self

import psycopg
from django.db import DEFAULT_DB_ALIAS, connections

from claimtracker.api.export.collections import Collection

# The file formats: what a release holds, each collection in each.
FORMATS = ("ndjson", "csv")
# The CSV file for Excel: the same bytes after a UTF-8 byte order mark, without which Excel reads
# UTF-8 as the system's legacy code page (Cyrillic comes out as mojibake). Served, not released.
EXCEL_CSV = "excel.csv"
UTF8_BOM = b"\xef\xbb\xbf"
# Every format the export serves, as the address's extension.
DOWNLOAD_FORMATS = (*FORMATS, EXCEL_CSV)
CONTENT_TYPES = {
    "ndjson": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8; header=present",
    EXCEL_CSV: "text/csv; charset=utf-8; header=present",
}
# Big enough that a WSGI server writes few, large blocks; small enough to be flat in memory.
CHUNK_SIZE = 64 * 1024
# How an export's connection shows in pg_stat_activity.
APPLICATION_NAME = "claimtracker-export"


def copy_sql(collection: Collection, file_format: str) -> str:
    """The COPY statement that writes ``collection`` in ``file_format`` (for ``excel.csv``, what
    follows the byte order mark)."""
    if file_format in ("csv", EXCEL_CSV):
        return f"COPY ({collection.select_sql(csv=True)}) TO STDOUT WITH (FORMAT csv, HEADER)"
    select = collection.select_sql()
    if file_format == "ndjson":
        # COPY's text format would escape the backslashes JSON writes. CSV format copies a value
        # unchanged unless it holds the delimiter, the quote character, a line break or nothing
        # at all; with two control characters as delimiter and quote, a JSON text never does
        # (JSON escapes every control character), so each line is exactly row_to_json's text.
        return (
            f"COPY (SELECT row_to_json(r)::text FROM ({select}) r) TO STDOUT "  # noqa: S608
            "WITH (FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')"
        )
    raise ValueError(f"unknown export format {file_format!r}")


def in_chunks(pieces: Iterable[Buffer]) -> Iterator[bytes]:
    """Join small pieces (one row each) into chunks of at least ``CHUNK_SIZE`` bytes."""
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        if len(buffer) >= CHUNK_SIZE:
            yield bytes(buffer)
            buffer.clear()
    if buffer:
        yield bytes(buffer)


class Snapshot:
    """One consistent view of the database, for one export file or a whole release: a
    REPEATABLE READ, READ ONLY transaction on a connection of its own.

    Use it as a context manager, or call ``close()``; it must be closed on every path, since it
    holds a connection and a transaction.
    """

    taken_at: datetime.datetime

    def __init__(self, alias: str = DEFAULT_DB_ALIAS) -> None:
        # The same server, database and credentials as Django's connection (including the test
        # database under pytest), without Django's cursor class and adapters: COPY output is
        # passed on as bytes.
        params = connections[alias].get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        params["application_name"] = APPLICATION_NAME
        self._connection: psycopg.Connection[Any] | None = psycopg.connect(
            **params, autocommit=True
        )
        try:
            with self._connection.cursor() as cursor:
                cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                # The snapshot is taken by the transaction's first query: this one.
                cursor.execute("SELECT transaction_timestamp()")
                row = cursor.fetchone()
                if row is None:
                    raise RuntimeError("PostgreSQL returned no transaction time")
                self.taken_at = row[0]
        except BaseException:
            self.close()
            raise

    def chunks(self, collection: Collection, file_format: str) -> Iterator[bytes]:
        """The bytes of one file, in chunks."""
        if self._connection is None:
            raise RuntimeError("this snapshot is closed")
        sql = copy_sql(collection, file_format)
        # The byte order mark joins the first chunk, not a chunk of its own.
        prefix = [UTF8_BOM] if file_format == EXCEL_CSV else []
        with self._connection.cursor() as cursor, cursor.copy(sql) as copy:
            # Leaving early (GeneratorExit) cancels the COPY on the server.
            yield from in_chunks(chain(prefix, copy))

    def close(self) -> None:
        """End the transaction and release the connection; safe to call twice."""
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()  # the server rolls the read-only transaction back

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_snapshot() -> Snapshot:
    """A snapshot of the default database."""
    return Snapshot()


def export_stream(
    collection: Collection, file_format: str
) -> tuple[datetime.datetime, Generator[bytes]]:
    """Open a snapshot for one file: its time, and a generator of the file's bytes.

    The generator holds the snapshot: it closes it after the last chunk, or when it is closed
    early (GeneratorExit, e.g. ``StreamingHttpResponse.close()`` when the client goes away).
    """
    opened: list[datetime.datetime] = []

    def generate() -> Generator[bytes]:
        with open_snapshot() as snapshot:
            opened.append(snapshot.taken_at)
            yield b""  # the snapshot is open: the caller reads its time, then streams
            yield from snapshot.chunks(collection, file_format)

    stream = generate()
    next(stream)
    return opened[0], stream
