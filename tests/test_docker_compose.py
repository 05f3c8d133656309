"""docker-compose.yml and the Dockerfile describe a deployment that the code can actually run.

These read the files as data and check each claim they make against the code: the management
commands exist, the settings read every variable passed in, gunicorn's target imports, the
Python and PostgreSQL versions match what the project is developed and tested on, and the site
connects as the app's login while only migrations use the owner's (tests/claims/
test_database_guarantee.py runs the database's init script on the test cluster).
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
from claimtracker.web.readiness import READINESS_PATH

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_SOURCE = Path(claimtracker.settings.__file__).read_text()
POSTGRES_IMAGE = re.compile(r"^(?:docker\.io/)?(?:library/)?postgres:(\d+)")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


@pytest.fixture(scope="module")
def built(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The services built from this repository's Dockerfile, by name."""
    services = {
        name: service
        for name, service in compose["services"].items()
        # PgBouncer is built from compose/pgbouncer/, not from the app's Dockerfile.
        if service.get("build") in {".", "./"}
    }
    assert services, "no service is built from the Dockerfile"
    return services


def built_running(built: dict[str, dict[str, Any]], program: str) -> tuple[str, dict[str, Any]]:
    """The one built service whose command runs ``program`` (gunicorn, or a manage.py command)."""
    matches = [
        (name, service)
        for name, service in built.items()
        if any(
            argv[0] == program or manage_py_subcommands([argv]) == [program]
            for argv in shell_commands(service.get("command", []))
        )
    ]
    assert len(matches) == 1, f"expected exactly one built service running {program}"
    return matches[0]


@pytest.fixture(scope="module")
def app(built: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The service that serves the site."""
    return built_running(built, "gunicorn")[1]


@pytest.fixture(scope="module")
def migrator(built: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The service that runs the migrations, with its name."""
    return built_running(built, "migrate")


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


def test_it_runs_only_management_commands_that_exist(built: dict[str, dict[str, Any]]) -> None:
    subcommands = [
        name
        for service in built.values()
        for name in manage_py_subcommands(shell_commands(service["command"]))
    ]
    assert subcommands, "no built service runs a manage.py command"
    missing = [name for name in subcommands if name not in get_commands()]
    assert not missing, f"manage.py has no such command: {missing}"


def test_it_sets_up_like_make_run_without_demo_accounts(
    app: dict[str, Any], migrator: tuple[str, dict[str, Any]]
) -> None:
    production_setup = [
        name for name in make_run_subcommands() if name not in {"create_demo_accounts", "runserver"}
    ]
    migrations = manage_py_subcommands(shell_commands(migrator[1]["command"]))
    setup = manage_py_subcommands(shell_commands(app["command"]))
    assert migrations == ["migrate"]
    assert [*migrations, *setup] == [*production_setup, "collectstatic"]


def test_it_finds_the_variables_settings_reads() -> None:
    # Guards the next test: a parser that found nothing would reject every variable.
    assert {"DATABASE_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"} <= settings_environment_names()


def test_it_passes_the_app_only_variables_settings_reads(built: dict[str, dict[str, Any]]) -> None:
    for name, service in built.items():
        unread = set(environment(service)) - settings_environment_names()
        assert not unread, f"settings.py never reads {sorted(unread)} ({name})"


def test_it_runs_the_app_in_production_mode(
    app: dict[str, Any], built: dict[str, dict[str, Any]]
) -> None:
    assert environment(app)["ALLOWED_HOSTS"]
    for service in built.values():
        env = environment(service)
        assert env["DEBUG"] == "false"
        assert "SECRET_KEY" in env


# `${NAME:?message}`: compose refuses to start unless NAME is set and not empty.
REQUIRED_FROM_ENVIRONMENT = re.compile(r"^\$\{(\w+):\?[^}]*\}$")


def test_it_requires_the_secret_key_from_the_environment_with_no_placeholder(
    built: dict[str, dict[str, Any]],
) -> None:
    for name, service in built.items():
        required = REQUIRED_FROM_ENVIRONMENT.match(environment(service)["SECRET_KEY"])
        assert required, f"{name} gives SECRET_KEY a default instead of requiring it"
        assert required.group(1) == "SECRET_KEY"
    assert "insecure" not in (ROOT / "docker-compose.yml").read_text().lower()


def test_it_requires_the_sites_address_from_the_environment(app: dict[str, Any]) -> None:
    # Without SITE_URL the app refuses to start (claimtracker/web/checks.py).
    required = REQUIRED_FROM_ENVIRONMENT.match(environment(app)["SITE_URL"])
    assert required
    assert required.group(1) == "SITE_URL"


def test_its_healthcheck_asks_the_app_whether_it_is_ready(app: dict[str, Any]) -> None:
    test = app["healthcheck"]["test"]
    assert test[0] == "CMD"
    # Readiness answers on its own path before the host check, whatever ALLOWED_HOSTS says.
    probe = test[1:]
    assert probe[:2] == ["python", "-c"]
    assert f"http://127.0.0.1:8000{READINESS_PATH}" in probe[2]
    assert "0.0.0.0:8000" in " ".join(shell_commands(app["command"])[-1])
    # The probe's code runs: it imports only the standard library and parses.
    compile(probe[2], "healthcheck", "exec")
    assert app["healthcheck"]["timeout"]


def test_it_points_the_app_at_postgres_through_pgbouncer_and_the_rest_at_postgres(
    compose: dict[str, Any], built: dict[str, dict[str, Any]], app: dict[str, Any], db_name: str
) -> None:
    pooler = compose["services"]["pgbouncer"]
    pooled = environment(pooler)
    assert pooled["DB_HOST"] == db_name
    assert pooler["build"] == "./compose/pgbouncer"
    for service in built.values():
        url = urlsplit(environment(service)["DATABASE_URL"])
        assert url.scheme in {"postgres", "postgresql"}
        if service is app:
            assert (url.hostname, url.port) == ("pgbouncer", 6432)
            # Transaction pooling: settings.py must know (no cursor outlives a transaction).
            assert environment(service)["DATABASE_TRANSACTION_POOLING"] == "true"
            assert "DATABASE_TRANSACTION_POOLING" in settings_environment_names()
            # PgBouncer signs in as the app's login, with the app's password.
            assert pooled["PGBOUNCER_USERS"] == f"{url.username}:{url.password}"
        else:
            assert url.hostname == db_name


def test_it_starts_the_app_once_postgres_is_healthy_and_migrated(
    compose: dict[str, Any],
    app: dict[str, Any],
    migrator: tuple[str, dict[str, Any]],
    db_name: str,
) -> None:
    migrator_name, migrate_service = migrator
    assert "healthcheck" in compose["services"][db_name]
    assert migrate_service["depends_on"][db_name]["condition"] == "service_healthy"
    assert app["depends_on"][db_name]["condition"] == "service_healthy"
    assert app["depends_on"][migrator_name]["condition"] == "service_completed_successfully"
    # A one-off: restarted, it would migrate again in a loop after each success.
    assert migrate_service.get("restart", "no") == "no"


# The database's logins (docs/operations.md, "Who may do what in the database").


def app_role_default() -> str:
    """The default of DATABASE_APP_ROLE, read from settings.py's source."""
    for node in ast.walk(ast.parse(SETTINGS_SOURCE)):
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) == "os.environ.get"
            and ast.literal_eval(node.args[0]) == "DATABASE_APP_ROLE"
        ):
            default: str = ast.literal_eval(node.args[1])
            return default
    raise AssertionError("settings.py does not read DATABASE_APP_ROLE")


def init_scripts(compose: dict[str, Any], db_name: str) -> list[Path]:
    """The scripts of this repository the postgres image runs on its first start."""
    folders = [
        ROOT / source
        for source, _, target in (
            volume.partition(":") for volume in compose["services"][db_name]["volumes"]
        )
        if target.split(":")[0] == "/docker-entrypoint-initdb.d"
    ]
    return sorted(script for folder in folders for script in folder.iterdir())


def test_it_migrates_as_the_owner_and_serves_as_the_apps_login(
    compose: dict[str, Any], app: dict[str, Any], migrator: tuple[str, dict[str, Any]], db_name: str
) -> None:
    db = environment(compose["services"][db_name])
    owner = urlsplit(environment(migrator[1])["DATABASE_URL"])
    served_by = urlsplit(environment(app)["DATABASE_URL"])

    assert owner.username == db["POSTGRES_USER"]
    assert served_by.username == db["APP_DB_USER"] != db["POSTGRES_USER"]
    assert served_by.password == "${APP_DB_PASSWORD:-claimtracker-web-local-placeholder}"
    assert db["APP_DB_PASSWORD"] == served_by.password
    # The owner's password is not in the app's environment at all.
    assert "POSTGRES_PASSWORD" not in yaml.safe_dump(app)


def test_its_database_creates_the_apps_login_in_the_role_the_migrations_grant(
    compose: dict[str, Any], db_name: str
) -> None:
    scripts = init_scripts(compose, db_name)
    assert [script.name for script in scripts] == ["app-login.sh"]
    source = scripts[0].read_text()

    app_role = re.search(r"^app_role=(\S+)$", source, re.M)
    assert app_role, "app-login.sh names no app_role"
    assert app_role.group(1) == app_role_default()
    # The variables it requires are those the db service sets.
    required = set(re.findall(r"\$\{(\w+):\?\}", source))
    assert (
        required
        == {"APP_DB_USER", "APP_DB_PASSWORD"}
        <= set(environment(compose["services"][db_name]))
    )
    # A script that is not executable is sourced into the image's own entrypoint shell instead.
    assert scripts[0].stat().st_mode & 0o111, "app-login.sh is not executable"


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
    named = [
        volume.split(":")[1]
        for volume in compose["services"][db_name]["volumes"]
        if volume.split(":")[0] in compose["volumes"]
    ]
    assert named == ["/var/lib/postgresql"]


def test_it_trusts_no_forwarded_address_since_the_app_is_published_directly(
    app: dict[str, Any],
) -> None:
    # Clients reach gunicorn with no proxy in between, so X-Forwarded-For is theirs to forge
    # (tests/test_clients.py); the operator raises it behind a reverse proxy.
    assert environment(app)["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-0}"
    assert "8000:8000" in " ".join(app["ports"])
