select "user_id",
    sum("working_seconds") as "C1"
from "timebutler"."worktime"
where "year" = 2025
group by "user_id"
order by "C1" desc,
        "user_id"
limit 1001