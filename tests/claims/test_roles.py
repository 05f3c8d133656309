"""Every cell of the permission matrix (docs/roles.md), for every role."""

import pytest
from django.contrib.auth.models import Group, Permission

from claimtracker.claims.roles import GROUP_NAMES, PERMISSIONS, Role

pytestmark = pytest.mark.django_db


# The matrix as people read it: rows are what someone wants to do, columns the roles.
J, F, E = Role.JOURNALIST, Role.FACT_CHECKER, Role.EDITOR
TRANSLATIONS = (
    "claimtranslation",
    "evidencetranslation",
    "topictranslation",
    "statuschangetranslation",
    "correctiontranslation",
)
MATRIX = {
    # Curating drafts: everyone on staff.
    **{
        f"{verb}_{model}": {J, F, E}
        for verb in ("view", "add", "change")
        for model in (
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
        )
    },
    # Removing a name or an evidence link is part of editing its parent.
    **{f"delete_{model}": {J, F, E} for model in ("actorname", "topicname", "claimevidence")},
    # Translations of records' texts: written, and removed, like names (issue 15).
    **{
        f"{verb}_{model}": {J, F, E}
        for verb in ("view", "add", "change", "delete")
        for model in TRANSLATIONS
    },
    # Deleting whole records (drafts only; the database refuses published ones): editors.
    **{
        f"delete_{model}": {E}
        for model in (
            "actor",
            "actorrole",
            "actorrelation",
            "source",
            "statement",
            "evidence",
            "claim",
            "topic",
        )
    },
    # Reading history and links: everyone on staff.
    "view_statuschange": {J, F, E},
    "view_statuschangeevidence": {J, F, E},
    "view_contradictionlink": {J, F, E},
    "view_correction": {J, F, E},
    # Assessing: fact-checkers and editors.
    "add_statuschange": {F, E},
    "publish_records": {F, E},
    "add_contradictionlink": {F, E},
    "change_contradictionlink": {F, E},
    "delete_contradictionlink": {F, E},
    # Correcting or withdrawing a published statement or evidence item, with a public note.
    "add_correction": {F, E},
    # Managing published records: editors.
    "edit_published": {E},
    # Rewriting history: nobody, ever.
    "change_statuschange": set(),
    "delete_statuschange": set(),
    "add_statuschangeevidence": set(),
    "change_statuschangeevidence": set(),
    "delete_statuschangeevidence": set(),
    "change_correction": set(),
    "delete_correction": set(),
}


def test_the_matrix_covers_every_permission_of_the_domain():
    codenames = set(
        Permission.objects.filter(content_type__app_label="claims").values_list(
            "codename", flat=True
        )
    )
    assert codenames == set(MATRIX)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("codename", sorted(MATRIX))
def test_each_role_holds_exactly_its_cells(role, codename):
    group = Group.objects.get(name=GROUP_NAMES[role])
    holds = group.permissions.filter(codename=codename, content_type__app_label="claims").exists()
    assert holds == (role in MATRIX[codename])
    assert (codename in PERMISSIONS[role]) == (role in MATRIX[codename])


@pytest.mark.parametrize("role", list(Role))
def test_no_role_can_manage_accounts_or_grant_itself_more(role):
    group = Group.objects.get(name=GROUP_NAMES[role])
    # Besides the domain's, only the task queue's (tests/archive/test_queue_permissions.py).
    assert not group.permissions.exclude(
        content_type__app_label__in=["claims", "django_tasks_database"]
    ).exists()


def test_a_staff_account_in_no_group_can_do_nothing(outsider):
    assert not outsider.get_all_permissions()
