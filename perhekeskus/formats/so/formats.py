# Somali: Django has no formats of its own for it; without these a Somali page would write dates with
# English month names. Day, month and year in numbers, as Somali forms and Finnish letters write them.
DATE_FORMAT = "j/n/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j/n/Y H:i"
YEAR_MONTH_FORMAT = "n/Y"
MONTH_DAY_FORMAT = "j/n"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Finland
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
