"""Who may do what: the permission matrix, expressed once.

docs/roles.md shows the same table for people; tests/claims/test_roles.py checks every cell.
Groups are created by migration 0002 and re-synced by ``sync_role_groups`` whenever this table
changes (add a migration that calls it).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

APP = "claims"

# Records curators write directly, row by row; drafts until published where publishable.
CURATED = [
    "actor",
    "actorname",
    "actorrole",
    "actorrelation",
    "source",
    "statement",
    "evidence",
    "claim",
    "claimevidence",
    "topic",
    "topicname",
    # Translations of records' texts (models/translations.py).
    "claimtranslation",
    "evidencetranslation",
    "topictranslation",
    "statuschangetranslation",
    "correctiontranslation",
]
# Rows that only exist inside a parent's form; removing one is part of editing the parent.
PARTS = [
    "actorname",
    "topicname",
    "claimevidence",
    "claimtranslation",
    "evidencetranslation",
    "topictranslation",
    "statuschangetranslation",
    "correctiontranslation",
]
READABLE = [*CURATED, "statuschange", "statuschangeevidence", "contradictionlink", "correction"]


class Role(models.TextChoices):
    JOURNALIST = "journalist", _("Journalist")
    FACT_CHECKER = "fact_checker", _("Fact-checker")
    EDITOR = "editor", _("Editor")


GROUP_NAMES = {
    Role.JOURNALIST: "Journalist",
    Role.FACT_CHECKER: "Fact-checker",
    Role.EDITOR: "Editor",
}

JOURNALIST = {
    *(f"view_{model}" for model in READABLE),
    *(f"add_{model}" for model in CURATED),
    *(f"change_{model}" for model in CURATED),
    *(f"delete_{model}" for model in PARTS),
}
FACT_CHECKER = JOURNALIST | {
    "add_statuschange",
    "publish_records",
    "add_contradictionlink",
    "change_contradictionlink",
    "delete_contradictionlink",
    # Correcting or withdrawing a published statement or evidence item, with a public note.
    "add_correction",
}
EDITOR = FACT_CHECKER | {
    # No longer a licence to edit: published records change only through corrections
    # (add_correction). It marks the editor's rank for account management (accounts/policy.py).
    "edit_published",
    # Deleting drafts only: the database refuses to delete anything published.
    *(f"delete_{model}" for model in CURATED),
}

# Nobody, editors included, may change or delete history: no role holds
# change_statuschange, delete_statuschange, change_statuschangeevidence,
# delete_statuschangeevidence, change_correction or delete_correction, and the database refuses
# those writes anyway. The audit trail's event tables have no permissions at all.
PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.JOURNALIST: frozenset(JOURNALIST),
    Role.FACT_CHECKER: frozenset(FACT_CHECKER),
    Role.EDITOR: frozenset(EDITOR),
}

# The background task queue in the admin (django-tasks-db; docs/archiving.md): fact-checkers see
# it and its failures, editors also retry failed tasks ("change" grants only that: the queue's
# rows stay read-only). Journalists see their sources' captures instead, not the queue.
QUEUE_APP = "django_tasks_database"
QUEUE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.JOURNALIST: frozenset(),
    Role.FACT_CHECKER: frozenset({"view_dbtaskresult"}),
    Role.EDITOR: frozenset({"view_dbtaskresult", "change_dbtaskresult"}),
}

DEFAULT_VERBS = {"add", "change", "delete", "view"}


def sync_role_groups(apps: Any = None) -> None:
    """Create the role groups and give each exactly the permissions in ``PERMISSIONS`` and
    ``QUEUE_PERMISSIONS``.

    Takes the migration's ``apps`` registry in migrations, the live one elsewhere.
    """
    from django.apps import apps as live_apps
    from django.contrib.auth.management import create_permissions

    registry = apps or live_apps
    # Permissions are normally created after all migrations ran; a fresh database needs them now.
    app_config = registry.get_app_config(APP)
    app_config.models_module = getattr(app_config, "models_module", None) or True
    create_permissions(app_config, apps=registry, verbosity=0)
    queue_app = QUEUE_APP in {config.label for config in registry.get_app_configs()}
    if queue_app:
        queue_config = registry.get_app_config(QUEUE_APP)
        queue_config.models_module = getattr(queue_config, "models_module", None) or True
        create_permissions(queue_config, apps=registry, verbosity=0)

    group_model = registry.get_model("auth", "Group")
    permission_model = registry.get_model("auth", "Permission")
    for role, codenames in PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=GROUP_NAMES[role])
        permissions = permission_model.objects.filter(
            content_type__app_label=APP, codename__in=codenames
        )
        # A permission of a model a later migration adds is granted when that migration syncs.
        existing = {model._meta.model_name for model in app_config.get_models()}
        expected = {
            codename
            for codename in codenames
            if codename.split("_", 1)[0] not in DEFAULT_VERBS
            or codename.split("_", 1)[1] in existing
        }
        missing = expected - set(permissions.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Unknown permissions for {role}: {sorted(missing)}")
        # The queue's permissions, once its app is in the registry (archive migration 0005);
        # where it is not, the group keeps the ones it has.
        queue = permission_model.objects.filter(
            content_type__app_label=QUEUE_APP, codename__in=QUEUE_PERMISSIONS[role]
        )
        if not queue_app:
            queue = group.permissions.filter(content_type__app_label=QUEUE_APP)
        group.permissions.set([*permissions, *queue])
