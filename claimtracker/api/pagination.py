from typing import Any

from django.conf import settings
from rest_framework.exceptions import ErrorDetail, NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request


class StableCursorPagination(CursorPagination):
    """Opaque cursors over a unique, unchanging key: a page never repeats or skips a row when
    rows are inserted meanwhile, and no page counts the whole table.

    A malformed ``page_size`` is a 400 naming it, as for filters; a cursor no page has is a 404
    naming it (DRF answers 404; it used to be a 500 when the position was not a number).
    """

    ordering = "-pk"
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return settings.API_PAGE_SIZE
        # Measured before int(): Python refuses to convert over 4,300 digits (a 500 otherwise).
        digits = len(str(self.max_page_size))
        if (
            not value.isascii()
            or not value.isdigit()
            or len(value) > digits
            or not 1 <= int(value) <= self.max_page_size
        ):
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        ErrorDetail(
                            f"Give page_size as a whole number from 1 to {self.max_page_size}.",
                            code="invalid_page_size",
                        )
                    ]
                }
            )
        return int(value)

    def decode_cursor(self, request: Request) -> Cursor | None:
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = None
        else:
            # The position is a primary key (ordering is -pk); anything else would reach the
            # database as a malformed filter.
            if cursor is None or cursor.position is None or str(cursor.position).isdigit():
                return cursor
        # A 404, as DRF answers: no page of this list has that cursor.
        raise NotFound(
            {
                self.cursor_query_param: [
                    ErrorDetail(
                        "No page has this cursor. Follow a page's next or previous link as given.",
                        code="invalid_cursor",
                    )
                ]
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated: dict[str, Any] = super().get_paginated_response_schema(schema)
        example = "https://claims.example.org/api/v1/claims/?cursor=cD00ODY%3D"
        paginated["properties"]["next"].update(
            description="The next page; null on the last page.", example=example
        )
        paginated["properties"]["previous"].update(
            description="The previous page; null on the first page.", example=example
        )
        if isinstance(schema, dict):  # drf-spectacular passes a sentinel to place list examples
            paginated["properties"]["results"] = {
                **schema,
                "description": "This page's records, newest first.",
            }
        return paginated

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(
                    minimum=1, maximum=self.max_page_size, default=self.page_size
                )
        return parameters
