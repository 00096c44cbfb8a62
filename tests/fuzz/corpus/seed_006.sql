SELECT "absences"."type" AS "type",
  SUM("absences"."workdays") AS "sum_workdays_ok"
FROM "timebutler"."absences" "absences"
WHERE (("absences"."date_from" >= {d '2024-01-01'}) AND ("absences"."date_from" < {d '2025-01-01'}))
GROUP BY "absences"."type"