from django.apps import AppConfig


class I18nConfig(AppConfig):
    name = "claimtracker.i18n"
    label = "i18n_interface"
    verbose_name = "Interface languages"

    def ready(self) -> None:
        from claimtracker.i18n.languages import register_language_info

        register_language_info()
