# Russian words and letters, which RUF001-003 take for look-alikes of Latin ones.
# ruff: noqa: RUF001, RUF003
# Only what Django's Russian formats lack; Django's own module supplies the rest.
# After "с" (since, from) and "до" (until) Russian declines the month: "с апреля 2023 г.", where a
# month on its own reads "Апрель 2023 г." (PartialDate.humanize_after_preposition).
YEAR_MONTH_AFTER_PREPOSITION_FORMAT = "E Y г."
