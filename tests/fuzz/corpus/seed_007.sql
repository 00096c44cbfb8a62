SELECT CAST({fn TRUNCATE(EXTRACT(YEAR FROM "worktime"."date"),0)} AS INTEGER) AS "yr_date_ok"
FROM "timebutler"."worktime" "worktime"
WHERE "worktime"."year" = 2024
GROUP BY "yr_date_ok"