#include "engine/ascii.hpp"
#include "engine/statement.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>

#include "engine/cache.hpp"
#include "engine/session.hpp"
#include "engine/sqlite_cursor.hpp"
#include "engine/sqlite_errors.hpp"
#include "engine/step_limits.hpp"
#include "engine/write_executor.hpp"

namespace tb::engine {

struct Statement::Bound {
    sql::TableRef ref;
    const catalog::Table* table;
};

namespace {

using ascii::lower;

struct PreparedSql {
    sqlite3_stmt* stmt = nullptr;
    ~PreparedSql() { sqlite3_finalize(stmt); }
    sqlite3_stmt* release() { auto* s = stmt; stmt = nullptr; return s; }
};

// A base table of the statement as the user wrote it ("a" or "absences"),
// for messages about its columns.
struct NamedTable {
    std::string label;
    const catalog::Table* table;
};

std::string suggestion_for(std::string_view bare, const std::vector<NamedTable>& tables, const catalog::Source& source) {
    // The statement's own tables first: a near name elsewhere misleads.
    for (const auto& t : tables)
        if (std::string s = catalog::suggest_column(*t.table, bare); !s.empty()) return s;
    if (!tables.empty()) return {};
    for (const auto& table : source.tables) {
        if (table.find_column(bare)) continue;
        if (std::string s = catalog::suggest_column(table, bare); !s.empty()) return s;
    }
    return {};
}

Error statement_error(int code, const std::string& message, const std::vector<NamedTable>& tables, SqlitePhase phase,
                      std::string_view text, const catalog::Source& source = catalog::default_source()) {
    constexpr std::string_view no_column = "no such column: ";
    constexpr std::string_view ambiguous = "ambiguous column name: ";
    if (message.rfind(no_column, 0) == 0) {
        std::string name(message.substr(no_column.size()));
        std::string bare = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
        std::string hint = suggestion_for(bare, tables, source);
        return Error("42S22", "unknown column " + name + (hint.empty() ? "" : "; did you mean " + hint + "?"));
    }
    if (message.rfind(ambiguous, 0) == 0) {
        const std::string name(message.substr(ambiguous.size()));
        std::string holders;
        for (const auto& t : tables)
            if (t.table->find_column(name)) holders += (holders.empty() ? "" : ", ") + t.label;
        const std::string example = holders.empty() ? (tables.empty() ? std::string("t") : tables.front().label)
                                                    : holders.substr(0, holders.find(','));
        return Error("42000", "column " + name + " is ambiguous" +
                                  (holders.empty() ? "" : ": " + holders + " all have it") +
                                  "; qualify it with the table or alias, such as " + example + "." + name);
    }
    return classify_sqlite_error(code, message, phase, text);
}

// Bound is Statement's private type; a template needs no name for it.
template <class BoundTables>
std::vector<NamedTable> named_tables(const BoundTables& bound) {
    std::vector<NamedTable> out;
    for (const auto& b : bound) out.push_back({b.ref.alias.empty() ? b.ref.name : b.ref.alias, b.table});
    return out;
}

// The constraints pushdown found for one table reference (none: empty).
const std::map<std::string, sql::Constraint>& constraints_of(const sql::Pushdown& pushdown, int id) {
    static const std::map<std::string, sql::Constraint> none;
    auto it = pushdown.constraints.find(id);
    return it == pushdown.constraints.end() ? none : it->second;
}

void bind_parameters(sqlite3_stmt* stmt, const ParameterValues& parameters) {
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        const int slot = int(i + 1);
        const auto& v = parameters[i].literal;
        if (auto* n = std::get_if<std::int64_t>(&v)) sqlite3_bind_int64(stmt, slot, *n);
        else if (auto* d = std::get_if<double>(&v)) sqlite3_bind_double(stmt, slot, *d);
        else if (auto* s = std::get_if<std::string>(&v))
            sqlite3_bind_text(stmt, slot, s->data(), int(s->size()), SQLITE_TRANSIENT);
        else sqlite3_bind_null(stmt, slot);
    }
}

} // namespace

Error sqlite_error(int code, const std::string& message) {
    return statement_error(code, message, {}, SqlitePhase::Step, {});
}

Statement::Statement(Session& session) : session_(session) {}
Statement::~Statement() = default;

void Statement::prepare(std::string_view text) {
    ast_.reset();
    text_ = std::string(text);
    sql::StatementPtr ast;
    try {
        ast = sql::parse(text);
    } catch (const sql::SyntaxError& e) {
        throw Error("42000", e.what());
    } catch (const sql::UnsupportedError& e) {  // a recursive WITH
        throw Error("42000", e.what());
    }
    prepare(std::move(ast));
}

void Statement::prepare(sql::StatementPtr ast) {
    ast_ = std::move(ast);
    tables_.clear();
    group_by_aliases_.clear();
    described_.clear();
    described_valid_ = false;
    row_count_ = -1;
    const sql::Statement* inner = sql::kind(*ast_) == sql::StatementKind::Explain ? sql::explained(*ast_) : ast_.get();
    if (sql::kind(*inner) != sql::StatementKind::Select) {
        check_write_target(session_, *inner);
        if (inner != ast_.get()) throw Error("HYC00", "EXPLAIN shows the plan of SELECT statements only");
    }
    for (const auto& ref : sql::base_tables(*inner)) {
        const catalog::Source& source = session_.catalog_source();
        if (!ref.schema.empty() && lower(ref.schema) != source.name)
            throw Error("42S02", "unknown schema " + ref.schema + " in " + ref.schema + "." + ref.name +
                                     "; this connection's tables are in schema " + source.name +
                                     (catalog::find_source(ref.schema) ? " (a connection reads one source: set Source=" +
                                                                             lower(ref.schema) + " for the other)"
                                                                       : std::string()));
        const catalog::Table* table = source.find_table(ref.name);
        if (!table) {
            std::string hint = source.suggest_table(ref.name);
            throw Error("42S02", "unknown table " + ref.name +
                                     (hint.empty() ? "; SQLTables lists the tables" : "; did you mean " + hint + "?"));
        }
        tables_.push_back({ref, table});
    }
}

int Statement::parameter_count() const { return ast_ ? sql::parameter_count(*ast_) : 0; }

bool Statement::returns_rows() const {
    return ast_ && (sql::kind(*ast_) == sql::StatementKind::Select || sql::kind(*ast_) == sql::StatementKind::Explain);
}

bool Statement::is_write() const { return ast_ && !returns_rows(); }

WriteOutcome Statement::execute_write(const std::vector<ParameterValues>& parameter_rows) {
    if (!ast_) throw Error("HY010", "no statement is prepared");
    WriteOutcome outcome = engine::execute_write(session_, *ast_, parameter_rows);
    row_count_ = outcome.accepted;
    return outcome;
}

sql::Pushdown Statement::analyse(const sql::Statement& statement) const {
    return sql::analyse_pushdown(statement, [&](const sql::TableRef& ref, std::string_view column) {
        for (const auto& b : tables_)
            if (b.ref.id == ref.id) {
                auto wanted = pushdown_columns(*b.table);
                return std::find(wanted.begin(), wanted.end(), lower(column)) != wanted.end();
            }
        return false;
    });
}

std::string Statement::render(const std::vector<std::vector<std::int64_t>>* parts) const {
    const sql::Statement* inner = sql::kind(*ast_) == sql::StatementKind::Explain ? sql::explained(*ast_) : ast_.get();
    sql::PrintOptions options;
    // RIGHT and FULL joins print as such only where SQLite has them (3.39+).
    options.right_and_full_joins = sqlite3_libversion_number() >= 3039000;
    options.table_source = [&](const sql::TableRef& ref) {
        std::size_t index = 0;
        while (index < tables_.size() && tables_[index].ref.id != ref.id) ++index;
        const catalog::Table& table = *tables_.at(index).table;
        std::string text = "(SELECT ";
        bool first = true;
        for (const auto& c : session_.cache().columns(table)) {
            if (!first) text += ", ";
            first = false;
            text += quote_identifier(c.column.name);
        }
        text += " FROM " + session_.cache().sql_name(table) + " WHERE ";
        const std::vector<std::int64_t>* ids = parts ? &(*parts)[index] : nullptr;
        if (!ids || table.write_only) text += "0";
        else text += Cache::partition_condition(*ids);
        return text + ")";
    };
    try {
        options.group_by_aliases = group_by_aliases_;
        return sql::to_sqlite(*inner, options);
    } catch (const sql::UnsupportedError& e) {
        throw Error("42000", e.what());
    }
}

sqlite3_stmt* Statement::prepare_rendered(sqlite3* db, const std::vector<std::vector<std::int64_t>>* parts) const {
    constexpr std::string_view ambiguous = "ambiguous column name: ";
    for (;;) {
        const std::string text = render(parts);
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, text.c_str(), int(text.size()), &stmt, nullptr) == SQLITE_OK) return stmt;
        const std::string message = sqlite3_errmsg(db);
        const int code = sqlite3_extended_errcode(db);
        sqlite3_finalize(stmt);
        // Each retry adds a name not tried before, so this ends.
        if (message.rfind(ambiguous, 0) == 0) {
            const std::string name = lower(message.substr(ambiguous.size()));
            if (name.find('.') == std::string::npos && group_by_aliases_.insert(name).second) continue;
        }
        throw statement_error(code, message, named_tables(tables_), SqlitePhase::Prepare, text_, session_.catalog_source());
    }
}

void Statement::check_columns() const {
    // Unknown or ambiguous columns fail here, before any request is spent.
    // Run-time columns may not be known yet (learning one costs a request):
    // an unknown column of a statement over such a table waits for them.
    // A statement already described has passed this check.
    if (described_valid_) return;
    PreparedSql prepared;
    try {
        prepared.stmt = prepare_rendered(session_.cache().db(), nullptr);
    } catch (const Error& e) {
        const bool may_be_runtime = std::any_of(tables_.begin(), tables_.end(),
                                                [](const Bound& b) { return b.table->runtime_columns; });
        if (!(may_be_runtime && e.sqlstate == "42S22")) throw;
    }
}

const std::vector<ColumnInfo>& Statement::describe() {
    if (!ast_) throw Error("HY010", "no statement is prepared");
    if (described_valid_) return described_;
    if (is_write()) {
        described_.clear();
    } else if (sql::kind(*ast_) == sql::StatementKind::Explain) {
        described_ = {{"step", catalog::SqlType::Integer, 10, 0, false, {}, {}},
                      {"kind", catalog::SqlType::WVarchar, 32, 0, false, {}, {}},
                      {"detail", catalog::SqlType::WVarchar, 4000, 0, false, {}, {}},
                      {"cached", catalog::SqlType::Bit, 1, 0, true, {}, {}}};
    } else {
        // Run-time columns are part of SELECT *: learn them first (from the
        // cache once known, else with one request).
        for (const auto& b : tables_)
            if (!b.table->write_only) session_.learn_runtime_columns(*b.table, warnings_);
        PreparedSql prepared;
        prepared.stmt = prepare_rendered(session_.cache().db(), nullptr);
        described_ = describe_statement(prepared.stmt, false);
    }
    described_valid_ = true;
    return described_;
}

std::unique_ptr<Cursor> Statement::execute(const ParameterValues& parameters) {
    if (!ast_) throw Error("HY010", "no statement is prepared");
    if (sql::kind(*ast_) == sql::StatementKind::Explain) return explain(parameters);

    if (is_write()) throw Error("HY010", "a write statement runs through execute_write");
    check_columns();
    const sql::Pushdown pushdown = analyse(*ast_);
    std::vector<Session::Need> needs;
    if (!pushdown.no_rows) {
        std::vector<std::string> users;
        const Today today = session_.today();
        for (const auto& b : tables_) {
            const auto& constraints = constraints_of(pushdown, b.ref.id);
            // Write-only tables and tables the statement empties need no request.
            if (b.table->write_only || pushdown.empty_tables.count(b.ref.id)) {
                needs.push_back({b.table, {}});
                continue;
            }
            if (users.empty() && needs_user_list(*b.table, constraints)) users = session_.user_ids(warnings_);
            needs.push_back({b.table, plan_requests(*b.table, constraints, parameters, today, users)});
        }
    } else {
        for (const auto& b : tables_) needs.push_back({b.table, {}});
    }
    StepLimits limits{cancel_, {}};
    if (query_timeout_seconds_ > 0)
        limits.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(query_timeout_seconds_);
    auto parts = session_.materialize(needs, warnings_, limits.deadline, cancel_);

    // A handle of its own for the cursor, which may stay open: its snapshot
    // starts now, after the loads above and every other commit so far.
    sqlite3* reader = session_.cache().reader();
    PreparedSql prepared;
    prepared.stmt = prepare_rendered(reader, &parts);
    bind_parameters(prepared.stmt, parameters);
    std::unique_ptr<SqliteCursor> cursor;
    try {
        // The first step does all the work of a sort or an aggregate.
        StepLimitScope scope(limits);
        cursor = std::make_unique<SqliteCursor>(reader, prepared.release());
    } catch (const Error&) {
        if (limits.cancelled())
            throw Error("HY008", "the statement was cancelled (SQLCancel) while its result was computed from the "
                                 "cached rows");
        if (limits.expired())
            throw Error("HYT00", "the statement's query timeout (SQL_ATTR_QUERY_TIMEOUT) ran out while its result "
                                 "was computed from the cached rows; raise the timeout or narrow the statement");
        throw;
    }
    row_count_ = -1;
    return cursor;
}

std::unique_ptr<Cursor> Statement::explain(const ParameterValues& parameters) {
    const sql::Statement* inner = sql::explained(*ast_);
    const sql::Pushdown pushdown = analyse(*inner);
    std::vector<std::vector<Cell>> rows;
    std::int64_t step = 0;
    const Today today = session_.today();
    for (const auto& b : tables_) {
        if (pushdown.no_rows || b.table->write_only || pushdown.empty_tables.count(b.ref.id)) continue;
        const auto& constraints = constraints_of(pushdown, b.ref.id);
        std::vector<std::string> users;
        if (needs_user_list(*b.table, constraints)) users = {"<each user>"};
        for (const auto& request : plan_requests(*b.table, constraints, parameters, today, users)) {
            std::string detail = b.table->action;
            const std::string params = canonical_params(request.params);
            if (!params.empty()) detail += " " + params;
            rows.push_back({++step, std::string("request"), detail,
                            std::int64_t(session_.is_cached(*b.table, request) ? 1 : 0)});
        }
    }
    std::vector<std::vector<std::int64_t>> parts(tables_.size());
    rows.push_back({++step, std::string("sqlite"), render(&parts), Cell{}});
    return std::make_unique<RowsCursor>(describe(), std::move(rows));
}

} // namespace tb::engine
