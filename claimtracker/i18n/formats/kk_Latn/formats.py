# Kazakh in Latin script: as Kazakh in Cyrillic (formats/kk, which Django reads after this
# module), with the year's mark "j." (jyl) in Latin script.
DATE_FORMAT = "j E Y \\j."
DATETIME_FORMAT = "j E Y \\j. H:i"
YEAR_MONTH_FORMAT = "F Y \\j."
