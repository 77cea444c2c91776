"""Calendar conversions: a month is 30 days and a year 365 days unless a problem says otherwise.

One problem (p27) converts GPU-seconds to GPU-years with the engine's leap-averaged 365.25-day
year. `month_length` and `year_length` are the same conventions as durations.
"""

# Every cell here is a definitional constant (constant=True): sensitivity and Monte Carlo leave
# them out unless asked.

from model import Input

TITLE = "Calendar"
CHAPTER = "1"
SECTION = "Conventions"

seconds_per_day = Input(86400, "s/day", doc="Seconds in a day", source="definition", constant=True)
hours_per_day = Input(24, "h/day", doc="Hours in a day", source="definition", constant=True)
hours_per_week = Input(168, "h/week", doc="Hours in a week", source="definition", constant=True)
days_per_month = Input(30, "day/month", doc="Days in a month (convention)", source="book convention (30-day month)", constant=True)
days_per_year = Input(365, "day/year", doc="Days in a year", source="book convention (365-day year)", constant=True)
days_per_year_leap = Input(365.25, "day/year", doc="Days in a year, leap-averaged (p27's GPU-years)", source="engine leap-year constant", constant=True)
hours_per_year = Input(8760, "h/year", doc="Hours in a year", source="365 × 24", constant=True)
months_per_year = Input(12, "month/year", doc="Months in a year", source="definition", constant=True)
month_length = Input(30, "day", doc="Length of one month as a duration, for comparing a time with 'a month'", source="book convention (30-day month)", constant=True)
year_length = Input(365, "day", doc="Length of one year as a duration", source="book convention (365-day year)", constant=True)
hour_length = Input(1, "h", doc="Length of one hour as a duration, for comparing a time with 'an hour'", source="definition", constant=True)
day_length = Input(1, "day", doc="Length of one day as a duration, for comparing a time with 'a day'", source="definition", constant=True)
week_length = Input(7, "day", doc="Length of one week as a duration", source="definition", constant=True)
