"""A gunicorn worker collects a request's garbage after the response, not in the middle of
the next request (claimtracker/garbage.py): the tail of a fresh page's time is its own work."""

import gc
import runpy
import weakref
from pathlib import Path
from types import SimpleNamespace

import pytest

from claimtracker import garbage

ROOT = Path(__file__).resolve().parent.parent


class Row:
    """A stand-in for a Django row that points at its parent, which lists it: a cycle."""

    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)


@pytest.fixture
def worker():
    thresholds = gc.get_threshold()
    stand_in = SimpleNamespace()
    garbage.settle(stand_in)
    yield stand_in
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def a_page_of_rows():
    """What a page leaves: rows in cycles, freed only by the cycle collector."""
    parents = [Row() for _ in range(200)]
    rows = [Row(parent) for parent in parents for _ in range(10)]
    return [weakref.ref(row) for row in [*parents, *rows]]


def test_a_requests_garbage_waits_for_the_response_then_goes(worker):
    worker.settled_after_first_request = True
    left = a_page_of_rows()

    # During the request: far fewer new objects than the young threshold, so no collection.
    assert all(ref() is not None for ref in left)

    garbage.collect_after(worker)

    assert all(ref() is None for ref in left)


def test_the_first_request_is_followed_by_hiding_what_the_worker_keeps(worker):
    kept = [Row() for _ in range(50)]  # what the first request loads and the worker keeps
    frozen = gc.get_freeze_count()

    garbage.collect_after(worker)

    assert gc.get_freeze_count() >= frozen + len(kept)
    assert worker.settled_after_first_request


def test_a_request_answered_from_a_kept_page_asks_for_no_collection(worker):
    worker.settled_after_first_request = True
    gc.collect()
    collections = gc.get_stats()[2]["collections"]

    [Row() for _ in range(10)]
    garbage.collect_after(worker)

    assert gc.get_stats()[2]["collections"] == collections


def test_the_deployed_gunicorn_settings_run_these_hooks(monkeypatch):
    calls = []
    monkeypatch.setattr(garbage, "settle", lambda worker: calls.append(("settle", worker)))
    monkeypatch.setattr(garbage, "collect_after", lambda worker: calls.append(("after", worker)))
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    settings["post_worker_init"]("worker")
    settings["post_request"]("worker", None, {}, None)

    assert calls == [("settle", "worker"), ("after", "worker")]
