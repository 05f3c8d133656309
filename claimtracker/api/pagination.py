from django.conf import settings
from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    """Opaque cursors over a unique, unchanging key: a page never repeats or skips a row when
    rows are inserted meanwhile, and no page counts the whole table."""

    ordering = "-pk"
    page_size_query_param = "page_size"
    max_page_size = settings.API_MAX_PAGE_SIZE
