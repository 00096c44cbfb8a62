select "_"."user_id", "_"."date", "_"."working_seconds"
from (select "user_id", "date", "working_seconds", "year", "month" from "timebutler"."worktime" "$Table") "_"
where "_"."year" = 2025 and "_"."month" = 3