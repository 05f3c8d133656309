# ClaimTracker's production image: Python 3.13 (as .python-version), the locked runtime
# dependencies only, served by gunicorn. docker-compose.yml runs it next to PostgreSQL.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3 \
    PATH=/app/.venv/bin:$PATH

WORKDIR /app

# Claim card images (link previews, claimtracker/web/sharing.py) are drawn in DejaVu Sans, which
# has Cyrillic and the Kazakh letters; `check --deploy` fails without it (web.E002). The archive
# worker renders each captured page's screenshot and PDF in Debian's chromium (docs/archiving.md).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core chromium \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, in their own layer, so that a code change does not reinstall them.
# UV_PYTHON pins the image's interpreter: .python-version names an exact patch release.
RUN pip install --no-cache-dir uv==0.13.9
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --no-cache

COPY . .

# The app runs unprivileged; collectstatic writes to STATIC_ROOT (/app/staticfiles) at start.
RUN useradd --system --no-create-home --home-dir /app app \
    && mkdir -p /app/staticfiles \
    && chown app: /app/staticfiles
USER app

EXPOSE 8000
CMD ["gunicorn", "claimtracker.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
