// ODBC appendix D's SQL-to-C conversion table, through the driver manager:
// every SQL type the driver reports against every C type. A conversion the
// table allows succeeds (perhaps with 01S07 or 01004); one it forbids is
// 07006. The expectations are written from the specification here, not read
// from the driver's own table. Interval and GUID C types are not covered.
#include <gtest/gtest.h>

#include <ctime>
#include <map>
#include <set>
#include <tuple>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

using namespace tb::test;

namespace {

struct SqlSource {
    const char* label;
    SQLSMALLINT sql_type;  // as SQLDescribeCol reports it
    const char* query;     // one column, one row
};

// One query per SQL type; values small enough to fit every C type that may
// receive them (1 fits SQL_C_BIT and SQL_C_UTINYINT).
const SqlSource kSources[] = {
    {"INTEGER", SQL_INTEGER, "SELECT month FROM worktime WHERE year = 2024 AND month = 1 LIMIT 1"},
    {"BIGINT", SQL_BIGINT, "SELECT COUNT(*) FROM users WHERE user_id = 1"},
    {"DECIMAL", SQL_DECIMAL, "SELECT day_fraction FROM holidays WHERE year = 2024 AND day_fraction = 1 LIMIT 1"},
    {"DOUBLE", SQL_DOUBLE, "SELECT 1.0e0 FROM users WHERE user_id = 1"},
    {"BIT", SQL_BIT, "SELECT account_locked FROM users WHERE account_locked IS NOT NULL LIMIT 1"},
    {"DATE", SQL_TYPE_DATE, "SELECT date FROM worktime WHERE year = 2024 AND month = 1 LIMIT 1"},
    {"TIME", SQL_TYPE_TIME,
     "SELECT start_time FROM worktime WHERE year = 2024 AND month = 1 AND start_time IS NOT NULL LIMIT 1"},
    {"TIMESTAMP", SQL_TYPE_TIMESTAMP, "SELECT clock_started_at FROM timeclock WHERE user_id = 1"},
    {"WVARCHAR number", SQL_WVARCHAR, "SELECT '1' AS txt FROM users WHERE user_id = 1"},
    {"WVARCHAR timestamp", SQL_WVARCHAR, "SELECT '2024-01-02 03:04:05' AS txt FROM users WHERE user_id = 1"},
};

struct CType {
    const char* label;
    SQLSMALLINT code;
};

const CType kCTypes[] = {
    {"SQL_C_CHAR", SQL_C_CHAR},         {"SQL_C_WCHAR", SQL_C_WCHAR},
    {"SQL_C_BINARY", SQL_C_BINARY},     {"SQL_C_BIT", SQL_C_BIT},
    {"SQL_C_STINYINT", SQL_C_STINYINT}, {"SQL_C_UTINYINT", SQL_C_UTINYINT},
    {"SQL_C_TINYINT", SQL_C_TINYINT},   {"SQL_C_SSHORT", SQL_C_SSHORT},
    {"SQL_C_USHORT", SQL_C_USHORT},     {"SQL_C_SHORT", SQL_C_SHORT},
    {"SQL_C_SLONG", SQL_C_SLONG},       {"SQL_C_ULONG", SQL_C_ULONG},
    {"SQL_C_LONG", SQL_C_LONG},         {"SQL_C_SBIGINT", SQL_C_SBIGINT},
    {"SQL_C_UBIGINT", SQL_C_UBIGINT},   {"SQL_C_FLOAT", SQL_C_FLOAT},
    {"SQL_C_DOUBLE", SQL_C_DOUBLE},     {"SQL_C_NUMERIC", SQL_C_NUMERIC},
    {"SQL_C_TYPE_DATE", SQL_C_TYPE_DATE}, {"SQL_C_TYPE_TIME", SQL_C_TYPE_TIME},
    {"SQL_C_TYPE_TIMESTAMP", SQL_C_TYPE_TIMESTAMP}, {"SQL_C_DATE", SQL_C_DATE},
    {"SQL_C_TIME", SQL_C_TIME},         {"SQL_C_TIMESTAMP", SQL_C_TIMESTAMP},
};

enum class Kind { Character, Binary, Number, Date, Time, Timestamp };

Kind kind_of(SQLSMALLINT c_type) {
    switch (c_type) {
    case SQL_C_CHAR: case SQL_C_WCHAR: return Kind::Character;
    case SQL_C_BINARY: return Kind::Binary;
    case SQL_C_TYPE_DATE: case SQL_C_DATE: return Kind::Date;
    case SQL_C_TYPE_TIME: case SQL_C_TIME: return Kind::Time;
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP: return Kind::Timestamp;
    default: return Kind::Number;
    }
}

// Appendix D, "Converting Data from SQL to C Data Types" and its per-type pages.
bool allowed(SQLSMALLINT sql_type, SQLSMALLINT c_type) {
    const Kind k = kind_of(c_type);
    if (k == Kind::Character || k == Kind::Binary) return true;  // every SQL type
    switch (sql_type) {
    case SQL_WVARCHAR: return true;
    case SQL_TYPE_DATE: return k == Kind::Date || k == Kind::Timestamp;
    case SQL_TYPE_TIME: return k == Kind::Time || k == Kind::Timestamp;
    case SQL_TYPE_TIMESTAMP: return k == Kind::Date || k == Kind::Time || k == Kind::Timestamp;
    default: return k == Kind::Number;  // exact and approximate numerics, BIT
    }
}

class Conversions : public ::testing::Test {
protected:
    static void SetUpTestSuite() { sim = new SimProcess({"--users", "5", "--years", "2024"}); }
    static void TearDownTestSuite() { delete sim; }
    void SetUp() override {
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim->connection_string("Cache=memory"))));
    }
    // Executes the query, fetches its row and reads column 1 as c_type.
    SQLRETURN read_as(const char* query, SQLSMALLINT c_type, std::string& sqlstate, SQLSMALLINT* described = nullptr,
                      void* out = nullptr) {
        SQLHSTMT stmt;
        SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &stmt);
        SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)query, SQL_NTS);
        EXPECT_TRUE(SQL_SUCCEEDED(rc)) << query;
        if (described) {
            SQLSMALLINT nullable, digits, name_length;
            SQLULEN size;
            SQLCHAR name[64];
            SQLDescribeCol(stmt, 1, name, sizeof name, &name_length, described, &size, &digits, &nullable);
        }
        rc = SQLFetch(stmt);
        EXPECT_TRUE(SQL_SUCCEEDED(rc)) << query << ": no row";
        alignas(16) char buffer[256] = {};
        SQLLEN indicator = 0;
        rc = SQLGetData(stmt, 1, c_type, out ? out : buffer, sizeof buffer, &indicator);
        EXPECT_NE(indicator, SQL_NULL_DATA) << query;
        sqlstate.clear();
        if (rc != SQL_SUCCESS) {
            auto diags = diagnostics(SQL_HANDLE_STMT, stmt);
            if (!diags.empty()) sqlstate = diags[0].sqlstate;
        }
        SQLFreeHandle(SQL_HANDLE_STMT, stmt);
        return rc;
    }
    static SimProcess* sim;
    OdbcConnection connection;
};
SimProcess* Conversions::sim = nullptr;

TEST_F(Conversions, EverySqlTypeAgainstEveryCTypeFollowsAppendixD) {
    // A running clock gives timeclock a TIMESTAMP value.
    SQLHSTMT write;
    SQLAllocHandle(SQL_HANDLE_STMT, connection.dbc(), &write);
    ASSERT_TRUE(SQL_SUCCEEDED(
        SQLExecDirect(write, (SQLCHAR*)"INSERT INTO timeclock (user_id, command) VALUES (1, 'start')", SQL_NTS)));
    SQLFreeHandle(SQL_HANDLE_STMT, write);
    int checked = 0;
    for (const auto& source : kSources) {
        std::string state;
        SQLSMALLINT described = 0;
        read_as(source.query, SQL_C_CHAR, state, &described);
        ASSERT_EQ(described, source.sql_type) << source.label << " is described as " << described;
        for (const auto& c : kCTypes) {
            // Text that is a number goes to number targets, a timestamp to date targets.
            const bool text_number = std::string(source.label) == "WVARCHAR number";
            const bool text_timestamp = std::string(source.label) == "WVARCHAR timestamp";
            const Kind k = kind_of(c.code);
            if (text_number && (k == Kind::Date || k == Kind::Time || k == Kind::Timestamp)) continue;
            if (text_timestamp && k == Kind::Number) continue;
            const SQLRETURN rc = read_as(source.query, c.code, state);
            if (allowed(source.sql_type, c.code)) {
                EXPECT_TRUE(SQL_SUCCEEDED(rc)) << source.label << " -> " << c.label << " is allowed, got " << state;
            } else {
                EXPECT_EQ(rc, SQL_ERROR) << source.label << " -> " << c.label << " is forbidden";
                EXPECT_EQ(state, "07006") << source.label << " -> " << c.label;
            }
            ++checked;
        }
    }
    EXPECT_GE(checked, 200);
}

// Interval and GUID C types: what appendix D forbids is 07006; what it
// allows (character data, exact numbers into single-field intervals) the
// driver does not implement, and says so with HYC00 rather than HY003.
TEST_F(Conversions, IntervalAndGuidTargetsAre07006WhereForbidden) {
    const SQLSMALLINT intervals[] = {SQL_C_INTERVAL_YEAR, SQL_C_INTERVAL_DAY, SQL_C_INTERVAL_SECOND,
                                     SQL_C_INTERVAL_DAY_TO_SECOND, SQL_C_GUID};
    for (const auto& source : kSources) {
        for (SQLSMALLINT c : intervals) {
            std::string state;
            EXPECT_EQ(read_as(source.query, c, state), SQL_ERROR) << source.label << " -> " << c;
            const bool exact = source.sql_type == SQL_INTEGER || source.sql_type == SQL_BIGINT ||
                               source.sql_type == SQL_DECIMAL;
            const bool single = c == SQL_C_INTERVAL_YEAR || c == SQL_C_INTERVAL_DAY || c == SQL_C_INTERVAL_SECOND;
            const bool allowed_by_spec = source.sql_type == SQL_WVARCHAR || (exact && single);
            EXPECT_EQ(state, allowed_by_spec ? "HYC00" : "07006") << source.label << " -> " << c;
        }
    }
}

TEST_F(Conversions, TimeIntoTimestampTakesTodaysDateAndZeroFraction) {
    std::string state;
    SQL_TIMESTAMP_STRUCT ts{};
    const std::time_t before = std::time(nullptr);
    const SQLRETURN rc = read_as(kSources[6].query, SQL_C_TYPE_TIMESTAMP, state, nullptr, &ts);
    ASSERT_EQ(rc, SQL_SUCCESS) << state;
    SQL_TIME_STRUCT tm{};
    ASSERT_EQ(read_as(kSources[6].query, SQL_C_TYPE_TIME, state, nullptr, &tm), SQL_SUCCESS) << state;
    EXPECT_EQ(ts.hour, tm.hour);
    EXPECT_EQ(ts.minute, tm.minute);
    EXPECT_EQ(ts.second, tm.second);
    EXPECT_EQ(ts.fraction, 0u);
    // Today, read on either side of the call (a run across midnight).
    std::set<std::tuple<int, int, int>> days;
    for (std::time_t t : {before, std::time(nullptr)}) {
        std::tm local{};
        localtime_r(&t, &local);
        days.insert({local.tm_year + 1900, local.tm_mon + 1, local.tm_mday});
    }
    EXPECT_TRUE(days.count({ts.year, ts.month, ts.day})) << ts.year << "-" << ts.month << "-" << ts.day;
    // The ODBC 2 name of the type behaves alike.
    SQL_TIMESTAMP_STRUCT ts2{};
    EXPECT_TRUE(SQL_SUCCEEDED(read_as(kSources[6].query, SQL_C_TIMESTAMP, state, nullptr, &ts2))) << state;
    EXPECT_EQ(ts2.hour, tm.hour);
}

TEST_F(Conversions, DateIntoANumberIs07006NotADataError) {
    std::string state;
    EXPECT_EQ(read_as(kSources[5].query, SQL_C_SLONG, state), SQL_ERROR);
    EXPECT_EQ(state, "07006");
    // The statement's connection stays usable.
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM users").size(), 1u);
}

} // namespace
