// Helpers of the write tests: run a statement on its own handle and read
// SQLRowCount, the return code and every record with its row number.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/support/odbc_session.hpp"
#include "tests/support/sim_process.hpp"

namespace tb::test {

struct Record {
    std::string sqlstate;
    std::string message;
    SQLINTEGER native = 0;
    SQLLEN row = 0;
};

struct WriteResult {
    SQLRETURN rc = SQL_SUCCESS;
    SQLLEN row_count = -1;
    std::vector<Record> records;
    std::vector<SQLUSMALLINT> status;   // SQL_ATTR_PARAM_STATUS_PTR
    SQLULEN processed = 0;              // SQL_ATTR_PARAMS_PROCESSED_PTR
    bool has(const std::string& sqlstate, const std::string& text = "") const {
        for (const auto& r : records)
            if (r.sqlstate == sqlstate && r.message.find(text) != std::string::npos) return true;
        return false;
    }
    // A record of this row (SQL_DIAG_ROW_NUMBER) with this SQLSTATE and text.
    bool on_row(SQLLEN row, const std::string& sqlstate, const std::string& text) const {
        for (const auto& r : records)
            if (r.row == row && r.sqlstate == sqlstate && r.message.find(text) != std::string::npos) return true;
        return false;
    }
    std::string dump() const {
        std::string s = "rc=" + std::to_string(rc) + " rows=" + std::to_string(row_count) + "\n";
        for (const auto& r : records)
            s += r.sqlstate + " row " + std::to_string(r.row) + " native " + std::to_string(r.native) + ": " + r.message + "\n";
        return s;
    }
};

inline std::vector<Record> records_of(SQLHSTMT stmt) {
    std::vector<Record> out;
    for (SQLSMALLINT i = 1;; ++i) {
        SQLCHAR state[6] = {0}, text[2048] = {0};
        SQLINTEGER native = 0;
        SQLSMALLINT length = 0;
        if (!SQL_SUCCEEDED(SQLGetDiagRec(SQL_HANDLE_STMT, stmt, i, state, &native, text, sizeof text, &length))) break;
        Record r{reinterpret_cast<char*>(state), reinterpret_cast<char*>(text), native, 0};
        SQLGetDiagField(SQL_HANDLE_STMT, stmt, i, SQL_DIAG_ROW_NUMBER, &r.row, 0, nullptr);
        out.push_back(std::move(r));
    }
    return out;
}

inline WriteResult finish(SQLHSTMT stmt, SQLRETURN rc) {
    WriteResult w;
    w.rc = rc;
    w.records = records_of(stmt);
    SQLRowCount(stmt, &w.row_count);
    return w;
}

inline WriteResult exec_write(const OdbcConnection& c, const std::string& sql) {
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, c.dbc(), &stmt);
    SQLRETURN rc = SQLExecDirect(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    auto w = finish(stmt, rc);
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return w;
}

// A column of text parameters, bound column-wise as SQL_C_CHAR (nullptr: NULL).
struct TextColumn {
    std::vector<const char*> values;
};

// Executes `sql` once with an array of parameter sets: columns[p] holds the
// values of parameter p+1 for every set.
inline WriteResult exec_array(const OdbcConnection& c, const std::string& sql, const std::vector<TextColumn>& columns) {
    SQLHSTMT stmt = SQL_NULL_HSTMT;
    SQLAllocHandle(SQL_HANDLE_STMT, c.dbc(), &stmt);
    const std::size_t sets = columns.empty() ? 1 : columns[0].values.size();
    constexpr SQLLEN width = 256;
    std::vector<std::vector<char>> buffers(columns.size(), std::vector<char>(sets * width, 0));
    std::vector<std::vector<SQLLEN>> lengths(columns.size(), std::vector<SQLLEN>(sets, SQL_NTS));
    WriteResult w;
    w.status.assign(sets, 99);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_BIND_TYPE, (SQLPOINTER)SQL_PARAM_BIND_BY_COLUMN, 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)sets, 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAM_STATUS_PTR, w.status.data(), 0);
    SQLSetStmtAttr(stmt, SQL_ATTR_PARAMS_PROCESSED_PTR, &w.processed, 0);
    SQLPrepare(stmt, (SQLCHAR*)sql.c_str(), SQL_NTS);
    for (std::size_t p = 0; p < columns.size(); ++p) {
        for (std::size_t r = 0; r < sets; ++r) {
            const char* v = columns[p].values[r];
            if (!v) lengths[p][r] = SQL_NULL_DATA;
            else std::snprintf(&buffers[p][r * width], width, "%s", v);
        }
        SQLBindParameter(stmt, SQLUSMALLINT(p + 1), SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, width - 1, 0,
                         buffers[p].data(), width, lengths[p].data());
    }
    SQLRETURN rc = SQLExecute(stmt);
    auto result = finish(stmt, rc);
    result.status = w.status;
    result.processed = w.processed;
    SQLFreeHandle(SQL_HANDLE_STMT, stmt);
    return result;
}

// The request does not carry this parameter at all.
inline bool lacks(const LoggedRequest& r, const std::string& key) {
    return r.line.find("\"" + key + "\":") == std::string::npos;
}

// A test with its own simulator (started with `flags`) and a connection to
// it; the request log starts empty.
class SimWriteTest : public ::testing::Test {
protected:
    explicit SimWriteTest(std::vector<std::string> flags) : flags_(std::move(flags)) {}
    void SetUp() override {
        sim = std::make_unique<SimProcess>(flags_);
        ASSERT_TRUE(SQL_SUCCEEDED(connection.connect(sim->connection_string())));
        sim->clear_log();
    }
    // The first column of the first row, "NULL" or "<none>".
    std::string scalar(const std::string& sql) {
        auto rows = connection.query(sql);
        return rows.empty() || rows[0].empty() ? "<none>" : rows[0][0].value_or("NULL");
    }
    std::unique_ptr<SimProcess> sim;
    OdbcConnection connection;

private:
    std::vector<std::string> flags_;
};

} // namespace tb::test
