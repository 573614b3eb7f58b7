# "30 августа – 2 сентября 2006 г.": a day and month before another date take the genitive
# month (E), as DATE_FORMAT does; Django's Russian MONTH_DAY_FORMAT has the nominative (F).
MONTH_DAY_FORMAT = "j E"
