// Parsing (and printing / analysing) a Power BI-style statement of about
// 5 KB: four nested derived tables, many renamed columns, CASE, {fn} escapes,
// a null-safe merge join. The target is under 1 ms per parse.
#include "sql/ast.hpp"

#include <benchmark/benchmark.h>

#include <string>

namespace {

std::string power_bi_statement() {
    const char* columns[] = {"year", "month", "worktime_id", "user_id", "employee_number", "date", "start_time",
                             "end_time", "working_seconds", "pause_seconds", "state", "project_id", "service_id",
                             "comments", "auto_stopped"};
    std::string inner = R"(select * from "timebutler"."worktime" "$Table")";
    // Level 1: every column, renamed as Power BI does after a rename step.
    std::string level1 = "select ";
    for (std::size_t i = 0; i < std::size(columns); ++i)
        level1 += std::string(i ? ", " : "") + "\"_\".\"" + columns[i] + "\" as \"" + columns[i] + "\"";
    level1 += " from (" + inner + ") \"_\" where \"_\".\"year\" = 2025";
    // Level 2: added conditional and text columns.
    std::string level2 = "select \"_\".*, case when \"_\".\"working_seconds\" > 28800 then 'overtime' when "
                         "\"_\".\"working_seconds\" > 14400 then 'full' else 'part' end as \"kind\", "
                         "{ fn concat({ fn ucase(\"_\".\"state\") }, { fn ifnull(\"_\".\"comments\", '') }) } as \"label\", "
                         "{ fn convert(\"_\".\"working_seconds\", SQL_DOUBLE) } / 3600.0 as \"hours\", "
                         "{ fn timestampadd(SQL_TSI_DAY, -1 * ({ fn dayofweek(\"_\".\"date\") } - 1), \"_\".\"date\") } as \"week\" "
                         "from (" + level1 + ") \"_\" where \"_\".\"month\" in (1, 2, 3)";
    // Level 3: a merge with users, null-safe as Power BI writes it.
    std::string level3 = "select \"OTBL\".\"user_id\", \"OTBL\".\"date\", \"OTBL\".\"kind\", \"OTBL\".\"label\", "
                         "\"OTBL\".\"hours\", \"OTBL\".\"week\", \"OTBL\".\"project_id\", \"ITBL\".\"last_name\", "
                         "\"ITBL\".\"first_name\", \"ITBL\".\"department\", \"ITBL\".\"branch_office\", "
                         "\"ITBL\".\"cost_center\" from (" + level2 + ") \"OTBL\" left outer join "
                         "(select \"user_id\", \"last_name\", \"first_name\", \"department\", \"branch_office\", "
                         "\"cost_center\" from \"timebutler\".\"users\" \"$Table\") \"ITBL\" on "
                         "(\"OTBL\".\"user_id\" = \"ITBL\".\"user_id\" and \"OTBL\".\"user_id\" is not null and "
                         "\"ITBL\".\"user_id\" is not null or \"OTBL\".\"user_id\" is null and \"ITBL\".\"user_id\" is null)";
    // Level 4: the visual: grouped, filtered, sorted, limited.
    std::string statement =
        "select \"rows\".\"department\", \"rows\".\"kind\", \"rows\".\"week\", sum(\"rows\".\"hours\") as \"a0\", "
        "count(distinct \"rows\".\"user_id\") as \"a1\", max({ fn locate('a', { fn lcase(\"rows\".\"label\") }) }) as \"a2\", "
        "min(case when \"rows\".\"project_id\" is null then 0 else \"rows\".\"project_id\" end) as \"a3\" "
        "from (" + level3 + ") \"rows\" where (\"rows\".\"department\" = 'Vertrieb' or \"rows\".\"department\" = "
        "'Entwicklung' or \"rows\".\"department\" is null) and \"rows\".\"date\" >= { d '2025-01-01' } and "
        "\"rows\".\"date\" < { ts '2025-04-01 00:00:00' } and { fn length(\"rows\".\"last_name\") } > ? "
        "group by \"rows\".\"department\", \"rows\".\"kind\", \"rows\".\"week\" having count(1) > 0 "
        "order by \"a0\" desc, \"rows\".\"department\", \"rows\".\"kind\" limit 1001";
    // Pad with a long filter list, as slicers produce, to about 5 KB.
    std::string filter;
    for (int i = 1; filter.size() + statement.size() < 5000; ++i)
        filter += std::string(i > 1 ? ", " : "") + "'Mitarbeiter " + std::to_string(i) + "'";
    statement.replace(statement.find(" group by"), 0, " and \"rows\".\"last_name\" not in (" + filter + ")");
    return statement;
}

const std::string& statement_text() {
    static const std::string text = power_bi_statement();
    return text;
}

void BM_Parse(benchmark::State& state) {
    const std::string& text = statement_text();
    for (auto _ : state) {
        auto statement = tb::sql::parse(text);
        benchmark::DoNotOptimize(statement.get());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["statement_bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMicrosecond);

void BM_Print(benchmark::State& state) {
    auto statement = tb::sql::parse(statement_text());
    tb::sql::PrintOptions options;
    options.table_source = [](const tb::sql::TableRef& t) { return "(SELECT * FROM \"c_" + t.name + "\")"; };
    for (auto _ : state) benchmark::DoNotOptimize(tb::sql::to_sqlite(*statement, options));
}
BENCHMARK(BM_Print)->Unit(benchmark::kMicrosecond);

void BM_Pushdown(benchmark::State& state) {
    auto statement = tb::sql::parse(statement_text());
    auto wanted = [](const tb::sql::TableRef&, std::string_view c) { return c == "year" || c == "month" || c == "date"; };
    for (auto _ : state) benchmark::DoNotOptimize(tb::sql::analyse_pushdown(*statement, wanted));
}
BENCHMARK(BM_Pushdown)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
