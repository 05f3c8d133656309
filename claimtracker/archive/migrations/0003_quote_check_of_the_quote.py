"""A quote check names the quote it looked for, so that an edited quote is checked again."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_record_revision"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="quotecheck",
            name="one_quote_check_per_capture",
        ),
        migrations.AddField(
            model_name="quotecheck",
            name="quote_sha256",
            field=models.CharField(
                blank=True,
                help_text="SHA-256 of the quote as it was looked for (empty for the first checks).",
                max_length=64,
            ),
        ),
        migrations.AddConstraint(
            model_name="quotecheck",
            constraint=models.UniqueConstraint(
                fields=("statement", "capture", "quote_sha256"),
                name="one_quote_check_per_capture_and_quote",
            ),
        ),
    ]
