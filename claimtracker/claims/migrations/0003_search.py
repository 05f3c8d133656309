"""Search keys on names, topics, claims and statements, and their indexes.

The keys are filled here for existing rows; from then on ``SearchKeyField.pre_save`` keeps them
current. Indexes: the pg_trgm extension, trigram GIN indexes on every key, and full-text GIN
indexes on claim texts and statement quotes with their translations.
"""

from typing import Any

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

import claimtracker.claims.search
from claimtracker.claims.search import recompute_search_keys

SEARCHABLE = ("actorname", "topicname", "topic", "claim", "statement")


def fill_search_keys(apps: Any, schema_editor: Any) -> None:
    for model_name in SEARCHABLE:
        recompute_search_keys(apps.get_model("claims", model_name))


def trigram_index(model_name: str) -> migrations.AddIndex:
    return migrations.AddIndex(
        model_name=model_name,
        index=django.contrib.postgres.indexes.GinIndex(
            fields=["search_key"], name=f"{model_name}_search_trgm", opclasses=["gin_trgm_ops"]
        ),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_roles_and_sqlite_history_triggers"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name,
                name="search_key",
                field=claimtracker.claims.search.SearchKeyField(sources=sources),
            )
            for model_name, sources in [
                ("actorname", ["value"]),
                ("claim", ["text"]),
                ("statement", ["quote", "translation"]),
                ("topic", ["name"]),
                ("topicname", ["value"]),
            ]
        ),
        migrations.RunPython(fill_search_keys, migrations.RunPython.noop, elidable=True),
        TrigramExtension(),
        *(trigram_index(model_name) for model_name in SEARCHABLE),
        migrations.AddIndex(
            model_name="claim",
            index=django.contrib.postgres.indexes.GinIndex(
                SearchVector("text", config="english"),
                name="claim_text_fts",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=django.contrib.postgres.indexes.GinIndex(
                SearchVector("quote", "translation", config="english"),
                name="statement_text_fts",
            ),
        ),
    ]
