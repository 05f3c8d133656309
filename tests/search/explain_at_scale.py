"""Search at scale: the plans and timings of the public search and the API's ``q=`` on a large
synthetic database, before (the expressions of 0003_search) and after (stored documents).

Not a test (pytest does not collect it): a throwaway measurement, run on an empty database::

    DEBUG=true scripts/with-postgres \
        .venv/bin/python -m tests.search.explain_at_scale --claims 200000

It generates a batch with the synthetic generator and copies it with SQL (``bench.export.
multiply``, as ``make bench`` does), runs ``VACUUM ANALYZE``, and for a word in nearly every
claim, a rarer word, a name and a Russian query prints each query's EXPLAIN ANALYZE, the time
of ``search()`` (median of 5), and exits non-zero on a sequential scan of claims or statements.
"""

from __future__ import annotations

import argparse
import collections
import math
import os
import re
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, router  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.export import multiply  # noqa: E402
from claimtracker.claims.models import Claim  # noqa: E402
from claimtracker.claims.planner import explain as explain_planned  # noqa: E402
from claimtracker.claims.selectors_search import claims_matching, search  # noqa: E402
from claimtracker.seeding.synthetic import generate_synthetic_data  # noqa: E402

LARGE_TABLES = ("claims_claim", "claims_statement")
# The query of 0003_search, for the "before" figures (its expression indexes re-created).
BEFORE_INDEXES = [
    "CREATE INDEX IF NOT EXISTS before_claim_fts ON claims_claim "
    "USING gin (to_tsvector('english'::regconfig, COALESCE(text, '')))",
    "CREATE INDEX IF NOT EXISTS before_claim_trgm ON claims_claim "
    "USING gin (search_key gin_trgm_ops)",
]
BEFORE_SQL = """
SELECT id, ts_rank(to_tsvector('english'::regconfig, COALESCE(text, '')), q) AS rank
FROM claims_claim, websearch_to_tsquery('english'::regconfig, %(query)s) q
WHERE published_at IS NOT NULL
  AND (to_tsvector('english'::regconfig, COALESCE(text, '')) @@ q OR search_key LIKE %(like)s)
ORDER BY rank DESC, id DESC LIMIT 21
"""


def explain(sql: str, params: dict[str, str] | None = None) -> str:
    if params is None:  # a query the search ran, perhaps with its planner settings
        return "\n".join(row[0] for row in explain_planned(sql, "ANALYZE, BUFFERS"))
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def total_ms(plan: str) -> float:
    found = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return float(found.group(1)) if found else float("nan")


def seq_scans(plan: str) -> list[str]:
    return [t for t in LARGE_TABLES if re.search(rf"Seq Scan on {t}\b", plan)]


def timed(function: object, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def common_word() -> str:
    words: collections.Counter[str] = collections.Counter()
    for text in Claim.objects.published().values_list("text", flat=True)[:500]:
        words.update({word.lower() for word in re.findall(r"[A-Za-z]{4,}", text)})
    return words.most_common(1)[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=2000)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Claim.objects.exists():
        started = time.monotonic()
        batch = min(options.batch, options.claims)
        generate_synthetic_data(claims=batch, seed=1)
        multiply(max(1, math.ceil(options.claims / batch)))
        print(f"Generated in {time.monotonic() - started:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    claims = Claim.objects.count()
    common = common_word()
    queries = {"common word": common, "rare word": "zzyzx", "a name": "Tokayev"}
    queries |= {"a word in one row of six": "reached", "a short prefix": "rea"}
    queries |= {"Russian": "правительство", "Kazakh": "Қазақстан"}
    print(f"{claims} claims, {Claim.objects.published().count()} published\n", flush=True)
    failed = []
    for title, query in queries.items():
        search(query)  # warm
        with CaptureQueriesContext(connections[router.db_for_read(Claim)]) as captured:
            results = search(query)
        print(f"== {title}: {query!r}: {results.count} results, estimated={results.estimated}")
        print(f"search() median of 5: {timed(lambda q=query: search(q)):.1f} ms")
        for number, executed in enumerate(captured.captured_queries, 1):
            sql = executed["sql"]
            if not any(t in sql for t in LARGE_TABLES) or sql.startswith("EXPLAIN"):
                continue
            plan = explain(sql)
            print(f"-- query {number} ({total_ms(plan):.1f} ms):\n{plan}\n")
            if scans := seq_scans(plan):
                failed.append(f"{title}, query {number}: Seq Scan on {', '.join(scans)}")
        api = claims_matching(Claim.objects.published(), query).order_by("-pk")[:50]
        plan = str(api.explain(analyze=True))
        print(f"-- API q= claim list page ({total_ms(plan):.1f} ms):\n{plan}\n", flush=True)
        if scans := seq_scans(plan):
            failed.append(f"{title}, API: Seq Scan on {', '.join(scans)}")
    with connection.cursor() as cursor:
        for sql in BEFORE_INDEXES:
            cursor.execute(sql)
        cursor.execute("ANALYZE claims_claim")
    for title, query in queries.items():
        params = {"query": query, "like": f"%{query.lower()}%"}
        plan = explain(BEFORE_SQL, params)
        print(f"== before, {title}: {total_ms(plan):.1f} ms\n{plan}\n", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX before_claim_fts, before_claim_trgm")
    if failed:
        sys.exit("Sequential scans:\n" + "\n".join(failed))


if __name__ == "__main__":
    main()
