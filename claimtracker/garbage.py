"""What each gunicorn worker does about Python's garbage collector (gunicorn.conf.py's hooks).

Django's rows point at each other: a prefetched statement at its claim, the claim at its list
of statements. So the rows of a page are freed by the cycle collector, not by reference
counting, and Python runs that collector when it counts enough new objects: in the middle of a
request. Its full collection walks everything the worker holds (the loaded code, URL patterns,
templates and translations too): measured at a million claims, 100 to 300 ms inside a fresh API
page whose median is 55 ms.

So each worker:

- moves what it holds once it has started and answered its first request out of the
  collector's sight (``gc.freeze``): it lives as long as the worker, and reference counting
  still frees any of it that is dropped;
- counts ``YOUNG_THRESHOLD`` new objects before a collection during a request, rather than
  Python's 2 000, which keeps a safety net for a request that makes garbage without end;
- collects fully after a request that made more than ``AFTER_REQUEST`` new objects, once the
  response has gone out (gunicorn's ``post_request``): the collection then walks little more
  than that request's garbage, about 5 ms after a fresh API page, and a request answered from a
  kept page makes too few objects to ask for one.

docs/operations.md ("Garbage collection between requests") has the figures.
"""

from __future__ import annotations

import gc
from typing import Any

YOUNG_THRESHOLD = 100_000
# Python's own thresholds for the older generations would let a full collection start during a
# request again; the collection after the request takes their place.
OLDER_THRESHOLD = 1_000
AFTER_REQUEST = 2_000


def _freeze_what_is_kept() -> None:
    """Collect, then hide what is left from the collector: what the worker keeps."""
    gc.collect()
    gc.freeze()


def settle(worker: Any) -> None:
    """Hide what the started worker keeps from the collector; tune it for requests."""
    _freeze_what_is_kept()
    gc.set_threshold(YOUNG_THRESHOLD, OLDER_THRESHOLD, OLDER_THRESHOLD)
    worker.settled_after_first_request = False


def collect_after(worker: Any) -> None:
    """After a request: collect what it left, if it made enough objects to be worth it."""
    young, young_collections, _older = gc.get_count()
    if not getattr(worker, "settled_after_first_request", True):
        # The first request loads what a worker keeps (URL patterns, templates, translations).
        _freeze_what_is_kept()
        worker.settled_after_first_request = True
    elif young > AFTER_REQUEST or young_collections:
        gc.collect()
