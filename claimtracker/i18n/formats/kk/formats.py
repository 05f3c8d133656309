# Kazakh dates and numbers, which Django does not ship: "3 желтоқсан 2026 ж." reads as Kazakh
# writes it (the month in lower case, the year marked ж.), numbers with a space and a comma.
DATE_FORMAT = "j E Y ж."
DATETIME_FORMAT = "j E Y ж. H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y ж."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
