"""docker-compose.yml and the Dockerfile describe a deployment that the code can actually run.

These read the files as data and check each claim they make against the code: the management
commands exist, the settings read every variable passed in, gunicorn's target imports, and the
Python and PostgreSQL versions match what the project is developed and tested on.
"""

import ast
import importlib
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.management import get_commands
from django.db import connection
from gunicorn.config import Config as GunicornConfig

import claimtracker.settings

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_SOURCE = Path(claimtracker.settings.__file__).read_text()
POSTGRES_IMAGE = re.compile(r"^(?:docker\.io/)?(?:library/)?postgres:(\d+)")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


@pytest.fixture(scope="module")
def app(compose: dict[str, Any]) -> dict[str, Any]:
    """The service built from this repository's Dockerfile."""
    built = [service for service in compose["services"].values() if "build" in service]
    assert len(built) == 1, "expected exactly one service built from the Dockerfile"
    service: dict[str, Any] = built[0]
    return service


@pytest.fixture(scope="module")
def db_name(compose: dict[str, Any]) -> str:
    """The name of the PostgreSQL service."""
    names: list[str] = [
        name
        for name, service in compose["services"].items()
        if POSTGRES_IMAGE.match(service.get("image", ""))
    ]
    assert len(names) == 1, "expected exactly one service running the postgres image"
    return names[0]


def shell_commands(command: str | list[str]) -> list[list[str]]:
    """Split a compose `command` into the argument lists of the simple commands it runs."""
    if isinstance(command, list):
        if command[:1] in (["sh"], ["bash"]) and "-c" in command:
            script = command[-1]
        else:
            return [command]
    else:
        script = command
    argvs = [shlex.split(part) for part in re.split(r"&&|\|\||;|\n", script)]
    # `exec gunicorn ...` runs gunicorn.
    return [argv[1:] if argv[:1] == ["exec"] else argv for argv in argvs if argv]


def manage_py_subcommands(argvs: list[list[str]]) -> list[str]:
    return [argv[argv.index("manage.py") + 1] for argv in argvs if "manage.py" in argv]


def gunicorn_target(argv: list[str]) -> str:
    """The APP_MODULE argument, found by gunicorn's own command-line parser."""
    positional: list[str] = GunicornConfig(prog="gunicorn").parser().parse_args(argv[1:]).args
    assert len(positional) == 1, f"expected one APP_MODULE in {argv}"
    return positional[0]


def settings_environment_names() -> set[str]:
    """Every variable name settings.py reads: os.environ/os.getenv and its env* helpers."""
    tree = ast.parse(SETTINGS_SOURCE)
    helpers = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("env")
    }
    readers = {"os.environ.get", "os.getenv", "os.environ.setdefault", *helpers}
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and ast.unparse(node.func) in readers and node.args:
            name = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            name = node.slice
        else:
            continue
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            names.add(name.value)
    return names


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A service's `environment`, written either as a mapping or as a list of KEY=value."""
    env = service.get("environment", {})
    if isinstance(env, list):
        return {key: value for key, _, value in (item.partition("=") for item in env)}
    return {key: "" if value is None else str(value) for key, value in env.items()}


def make_run_subcommands() -> list[str]:
    """The `$(MANAGE) ...` commands `make run` runs once its database is up, in order."""
    recipe = re.search(r"^serve:\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert recipe, "the Makefile has no `serve:` recipe (what `make run` runs)"
    return re.findall(r"^\t\$\(MANAGE\) (\S+)", recipe.group(1), re.M)


def test_it_runs_only_management_commands_that_exist(app: dict[str, Any]) -> None:
    subcommands = manage_py_subcommands(shell_commands(app["command"]))
    assert subcommands, "the app service runs no manage.py command"
    missing = [name for name in subcommands if name not in get_commands()]
    assert not missing, f"manage.py has no such command: {missing}"


def test_it_sets_up_like_make_run_without_demo_accounts(app: dict[str, Any]) -> None:
    production_setup = [
        name for name in make_run_subcommands() if name not in {"create_demo_accounts", "runserver"}
    ]
    subcommands = manage_py_subcommands(shell_commands(app["command"]))
    assert subcommands == [*production_setup, "collectstatic"]


def test_it_finds_the_variables_settings_reads() -> None:
    # Guards the next test: a parser that found nothing would reject every variable.
    assert {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"} <= settings_environment_names()


def test_it_passes_the_app_only_variables_settings_reads(app: dict[str, Any]) -> None:
    unread = set(environment(app)) - settings_environment_names()
    assert not unread, f"settings.py never reads {sorted(unread)}"


def test_it_runs_the_app_in_production_mode(app: dict[str, Any]) -> None:
    env = environment(app)
    assert env["DEBUG"] == "false"
    assert "SECRET_KEY" in env
    assert env["ALLOWED_HOSTS"]


def test_it_points_the_app_at_the_postgres_service(app: dict[str, Any], db_name: str) -> None:
    url = urlsplit(environment(app)["DATABASE_URL"])
    assert url.scheme in {"postgres", "postgresql"}
    assert url.hostname == db_name


def test_it_starts_the_app_once_postgres_is_healthy(
    compose: dict[str, Any], app: dict[str, Any], db_name: str
) -> None:
    assert "healthcheck" in compose["services"][db_name]
    assert app["depends_on"][db_name]["condition"] == "service_healthy"


# WhiteNoise warns that STATIC_ROOT is missing until collectstatic has run, as in a checkout.
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
def test_it_serves_a_wsgi_application_that_imports(app: dict[str, Any]) -> None:
    dockerfile_cmd = re.search(r"^CMD\s+(\[.*\])\s*$", (ROOT / "Dockerfile").read_text(), re.M)
    assert dockerfile_cmd, "the Dockerfile has no exec-form CMD"
    runs = [*shell_commands(app["command"]), yaml.safe_load(dockerfile_cmd.group(1))]
    targets = {gunicorn_target(argv) for argv in runs if argv[0] == "gunicorn"}
    assert targets == {"claimtracker.wsgi"}
    for target in targets:
        module_name, _, attribute = target.partition(":")
        module = importlib.import_module(module_name)
        assert callable(getattr(module, attribute or "application"))


def test_it_builds_on_the_python_the_project_uses() -> None:
    bases = re.findall(r"^FROM\s+(?:--\S+\s+)*(\S+)", (ROOT / "Dockerfile").read_text(), re.M)
    final_base = re.match(r"(?:docker\.io/)?(?:library/)?python:(\d+\.\d+)\b", bases[-1])
    assert final_base, f"the image is not built on an official python image: {bases[-1]}"
    major_minor = ".".join((ROOT / ".python-version").read_text().strip().split(".")[:2])
    assert final_base.group(1) == major_minor


def test_it_uses_the_postgres_major_version_the_tests_run_on(
    compose: dict[str, Any], db_name: str, django_db_blocker: Any
) -> None:
    match = POSTGRES_IMAGE.match(compose["services"][db_name]["image"])
    assert match
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        tested_major = int(cursor.fetchone()[0]) // 10000
    assert int(match.group(1)) == tested_major


def test_it_keeps_the_database_in_the_volume_the_image_declares(
    compose: dict[str, Any], db_name: str
) -> None:
    # From 18 on the image's VOLUME is /var/lib/postgresql (data in <major>/docker below it); a
    # volume mounted at the old .../data would leave the database in an anonymous volume.
    mounts = [volume.split(":")[1] for volume in compose["services"][db_name]["volumes"]]
    assert mounts == ["/var/lib/postgresql"]
