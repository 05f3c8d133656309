import pytest

from claimtracker.archive.fixture_site import FIRST_VERSION, FixtureSite


@pytest.fixture(scope="session")
def fixture_site():
    site = FixtureSite()
    site.start()
    yield site
    site.stop()


@pytest.fixture
def site(fixture_site):
    """The local fixture site, with its changing page reset and nothing deleted."""
    fixture_site.changing = FIRST_VERSION
    fixture_site.gone.clear()
    fixture_site.requests.clear()
    fixture_site.submitted.clear()
    return fixture_site


@pytest.fixture(autouse=True)
def archive_settings(settings, tmp_path):
    """Tasks run at once, the local site is reachable, artefacts go to a temporary folder.

    Rendering is off here (chromium takes seconds a page); tests of rendering turn it on.
    """
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "archive"],
        }
    }
    settings.ARCHIVE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.ARCHIVE_CHROMIUM = ""
    settings.ARCHIVE_MAX_BYTES = 256 * 1024
    settings.ARCHIVE_TIMEOUT_SECONDS = 2
    settings.STORAGES = {
        **settings.STORAGES,
        "archive": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "archive")},
        },
    }
    return settings
