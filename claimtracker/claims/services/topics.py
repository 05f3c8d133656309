"""Topics, with their names in other languages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from claimtracker.claims.models import Topic, TopicName
from claimtracker.claims.services.common import (
    RowEdits,
    apply_row_edits,
    refuse_unknown,
    require_permission,
    save_new,
    writing,
)
from claimtracker.claims.services.corrections import CORRECTABLE, correcting
from claimtracker.claims.services.translations import kazakh_latin_names_ensure

TOPIC_FIELDS = CORRECTABLE[Topic]  # the same fields a correction may edit


def topic_create(
    *,
    by: User,
    slug: str,
    name: str,
    description: str = "",
    names: RowEdits[TopicName] | None = None,
    why: str = "",
) -> Topic:
    require_permission(by, "add_topic", _("add topics"))
    topic = Topic(slug=slug, name=name, description=description)
    with writing(by=by, why=why):
        save_new(topic, by=by)
        apply_row_edits(
            by=by, owner=topic, edits=names or RowEdits(), model=TopicName, fk_name="topic"
        )
        # Kazakh Latin names come from the Cyrillic ones (services/translations.py).
        kazakh_latin_names_ensure(by=by, owner=topic)
    return topic


def topic_update(
    *,
    by: User,
    topic: Topic,
    changes: Mapping[str, Any],
    names: RowEdits[TopicName] | None = None,
    why: str = "",
    correction_note: str = "",
) -> Topic:
    """Change a topic and its names; once it is published, through a public correction with
    ``correction_note``. The slug, part of its address, stays."""
    require_permission(by, "change_topic", _("change topics"))
    refuse_unknown(changes, TOPIC_FIELDS)
    with (
        writing(by=by, why=correction_note or why),
        correcting(by=by, record=topic, note=correction_note),
    ):
        for field, value in changes.items():
            setattr(topic, field, value)
        topic.full_clean()
        topic.save()
        apply_row_edits(
            by=by, owner=topic, edits=names or RowEdits(), model=TopicName, fk_name="topic"
        )
        # Kazakh Latin names come from the Cyrillic ones (services/translations.py).
        kazakh_latin_names_ensure(by=by, owner=topic)
    return topic
