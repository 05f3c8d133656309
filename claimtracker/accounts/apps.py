from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "claimtracker.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Bookkeeping receivers only (which sessions a user holds, the security log); the
        # rules themselves live in policy.py and services.py. The deploy check refuses demo
        # accounts.
        from claimtracker.accounts import checks, receivers  # noqa: F401
