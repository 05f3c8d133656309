"""Submissions of captures to a public web archive (off unless ARCHIVE_PUBLIC_SUBMIT_URL is set)."""
# ruff: noqa: E501 (generated: trigger SQL)

import django.db.models.deletion
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_quote_check_of_the_quote"),
    ]

    operations = [
        migrations.CreateModel(
            name="Submission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("submitted_at", models.DateTimeField()),
                (
                    "endpoint",
                    models.URLField(
                        help_text="The public archive's save address.", max_length=2000
                    ),
                ),
                (
                    "accepted",
                    models.BooleanField(help_text="Whether the archive answered with success."),
                ),
                ("http_status", models.PositiveSmallIntegerField(blank=True, null=True)),
                (
                    "archived_address",
                    models.URLField(
                        blank=True, help_text="Where the archive says its copy is.", max_length=2000
                    ),
                ),
                (
                    "detail",
                    models.TextField(
                        blank=True, help_text="Why a submission failed, in plain words."
                    ),
                ),
                (
                    "capture",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="submission",
                        to="archive.capture",
                    ),
                ),
            ],
            options={
                "ordering": ["-submitted_at", "-pk"],
            },
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="submission",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="RAISE EXCEPTION 'pgtrigger: Cannot update rows from % table', TG_TABLE_NAME;",
                    hash="f61e61553122138d379cf23846a73a6c43d2c50b",
                    operation="UPDATE",
                    pgid="pgtrigger_append_only_d3c2b",
                    table="archive_submission",
                    when="BEFORE",
                ),
            ),
        ),
    ]
