// Declared SQLite types: they round-trip through parse_decl_type, and give
// SQLite the storage affinity the engine's values need. The library has no
// SQLite, so the affinity rule of https://sqlite.org/datatype3.html (3.1) is
// restated here; the values were also checked against sqlite3 3.40 by hand.
#include "catalog/catalog.hpp"

#include <gtest/gtest.h>

using namespace tb::catalog;

namespace {

enum class Affinity { Integer, Text, Blob, Real, Numeric };

Affinity sqlite_affinity(std::string decl) {
    for (char& c : decl) c = char(std::toupper(static_cast<unsigned char>(c)));
    auto has = [&](const char* s) { return decl.find(s) != std::string::npos; };
    if (has("INT")) return Affinity::Integer;
    if (has("CHAR") || has("CLOB") || has("TEXT")) return Affinity::Text;
    if (has("BLOB") || decl.empty()) return Affinity::Blob;
    if (has("REAL") || has("FLOA") || has("DOUB")) return Affinity::Real;
    return Affinity::Numeric;
}

Column column_of(SqlType type, int size, int scale = 0) {
    Column c;
    c.name = "c";
    c.type = type;
    c.size = size;
    c.scale = scale;
    return c;
}

} // namespace

TEST(DeclType, EveryCatalogColumnRoundTrips) {
    for (const Table& t : tables())
        for (const Column& c : t.columns) {
            const std::string decl = sqlite_decl_type(c);
            auto parsed = parse_decl_type(decl);
            ASSERT_TRUE(parsed.has_value()) << t.name << "." << c.name << ": " << decl;
            EXPECT_EQ(parsed->type, c.type) << t.name << "." << c.name << ": " << decl;
            EXPECT_EQ(parsed->size, c.size) << t.name << "." << c.name << ": " << decl;
            EXPECT_EQ(parsed->scale, c.scale) << t.name << "." << c.name << ": " << decl;
        }
}

TEST(DeclType, EveryTypeRoundTrips) {
    const SqlType all[] = {SqlType::Integer, SqlType::BigInt, SqlType::Decimal, SqlType::Double, SqlType::Date,
                           SqlType::Time,    SqlType::Timestamp, SqlType::Bit,  SqlType::WVarchar};
    for (SqlType type : all) {
        Column c = column_of(type, default_column_size(type), type == SqlType::Decimal ? 2 : 0);
        auto parsed = parse_decl_type(sqlite_decl_type(c));
        ASSERT_TRUE(parsed) << to_string(type);
        EXPECT_EQ(parsed->type, type) << sqlite_decl_type(c);
        EXPECT_EQ(parsed->size, c.size) << sqlite_decl_type(c);
        EXPECT_EQ(parsed->scale, c.scale) << sqlite_decl_type(c);
    }
}

TEST(DeclType, Texts) {
    EXPECT_EQ(sqlite_decl_type(column_of(SqlType::Integer, 10)), "INTEGER");
    EXPECT_EQ(sqlite_decl_type(column_of(SqlType::Decimal, 7, 2)), "DECIMAL_REAL(7,2)");
    EXPECT_EQ(sqlite_decl_type(column_of(SqlType::Date, 10)), "DATE");
    EXPECT_EQ(sqlite_decl_type(column_of(SqlType::Time, 8)), "TIME");
    EXPECT_EQ(sqlite_decl_type(column_of(SqlType::Timestamp, 19)), "TIMESTAMP");
    EXPECT_EQ(sqlite_decl_type(column_of(SqlType::Bit, 1)), "BIT");
    EXPECT_EQ(sqlite_decl_type(column_of(SqlType::WVarchar, 255)), "WVARCHAR(255)");
    EXPECT_EQ(type_text(column_of(SqlType::Decimal, 7, 2)), "DECIMAL(7,2)");
    EXPECT_EQ(type_text(column_of(SqlType::WVarchar, 4000)), "WVARCHAR(4000)");
    EXPECT_EQ(type_text(column_of(SqlType::Date, 10)), "DATE");
}

TEST(DeclType, AffinityFitsTheStoredValues) {
    for (const Table& t : tables())
        for (const Column& c : t.columns) {
            const Affinity a = sqlite_affinity(sqlite_decl_type(c));
            switch (c.type) {
            case SqlType::Integer:
            case SqlType::BigInt: EXPECT_EQ(a, Affinity::Integer) << t.name << "." << c.name; break;
            // REAL, not NUMERIC: NUMERIC would store 25.0 as integer 25 and
            // make workdays / 2 an integer division.
            case SqlType::Decimal:
            case SqlType::Double: EXPECT_EQ(a, Affinity::Real) << t.name << "." << c.name; break;
            // NUMERIC leaves 'YYYY-MM-DD', 'HH:MM:SS' text as text.
            case SqlType::Date:
            case SqlType::Time:
            case SqlType::Timestamp:
            case SqlType::Bit: EXPECT_EQ(a, Affinity::Numeric) << t.name << "." << c.name; break;
            case SqlType::WVarchar: EXPECT_EQ(a, Affinity::Text) << t.name << "." << c.name; break;
            }
        }
}

TEST(DeclType, ParsesSqliteAndCommonSpellings) {
    auto p = [](std::string_view s) { return parse_decl_type(s); };
    EXPECT_EQ(p("integer")->type, SqlType::Integer);
    EXPECT_EQ(p("INT")->type, SqlType::Integer);
    EXPECT_EQ(p("BIGINT")->type, SqlType::BigInt);
    EXPECT_EQ(p("REAL")->type, SqlType::Double);
    EXPECT_EQ(p("double precision")->type, SqlType::Double);
    EXPECT_EQ(p("NUMERIC")->type, SqlType::Double);
    EXPECT_EQ(p("decimal(9, 2)")->type, SqlType::Decimal);
    EXPECT_EQ(p("decimal(9, 2)")->size, 9);
    EXPECT_EQ(p("decimal(9, 2)")->scale, 2);
    EXPECT_EQ(p("NUMERIC(5)")->scale, 0);
    EXPECT_EQ(p(" DECIMAL_REAL(15,2) ")->size, 15);
    EXPECT_EQ(p("TEXT")->type, SqlType::WVarchar);
    EXPECT_EQ(p("TEXT")->size, 4000);
    EXPECT_EQ(p("varchar(80)")->size, 80);
    EXPECT_EQ(p("DATETIME")->type, SqlType::Timestamp);
    EXPECT_EQ(p("BOOLEAN")->type, SqlType::Bit);
    EXPECT_EQ(p("UNSIGNED BIG INT")->type, SqlType::BigInt);
    // Unknown names follow SQLite's affinity rule.
    EXPECT_EQ(p("MYINTEGERISH")->type, SqlType::Integer);
    EXPECT_EQ(p("LONGCHARS")->type, SqlType::WVarchar);
    EXPECT_EQ(p("MONEY")->type, SqlType::Double);
    // Nothing to say: no type, binary, or malformed.
    EXPECT_FALSE(p(""));
    EXPECT_FALSE(p("   "));
    EXPECT_FALSE(p("BLOB"));
    EXPECT_FALSE(p("DECIMAL(7,2"));
    EXPECT_FALSE(p("DECIMAL(2,7)"));
    EXPECT_FALSE(p("VARCHAR(x)"));
    EXPECT_FALSE(p("DECIMAL(1,2,3)"));
}

TEST(DeclType, ToString) {
    EXPECT_EQ(to_string(SqlType::Integer), "INTEGER");
    EXPECT_EQ(to_string(SqlType::BigInt), "BIGINT");
    EXPECT_EQ(to_string(SqlType::Decimal), "DECIMAL");
    EXPECT_EQ(to_string(SqlType::Double), "DOUBLE");
    EXPECT_EQ(to_string(SqlType::Date), "DATE");
    EXPECT_EQ(to_string(SqlType::Time), "TIME");
    EXPECT_EQ(to_string(SqlType::Timestamp), "TIMESTAMP");
    EXPECT_EQ(to_string(SqlType::Bit), "BIT");
    EXPECT_EQ(to_string(SqlType::WVarchar), "WVARCHAR");
    EXPECT_EQ(to_string(WriteKind::Update), "UPDATE");
}

TEST(CacheDdl, CatalogColumnsAndNoConstraints) {
    const Table* t = find_table("holidays");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(cache_ddl(*t, "holidays"),
              "CREATE TABLE IF NOT EXISTS \"holidays\" (\"year\" INTEGER, "
              "\"user_id\" BIGINT, \"date\" DATE, \"day_fraction\" DECIMAL_REAL(3,2))");
    // The engine may choose its own cache table names; quotes are doubled.
    EXPECT_EQ(cache_ddl(*t, "a\"b").rfind("CREATE TABLE IF NOT EXISTS \"a\"\"b\" (", 0), 0u);
    for (const Table& table : tables()) {
        const std::string ddl = cache_ddl(table, table.name);
        // No NOT NULL, PRIMARY KEY, UNIQUE or CHECK would reject odd data
        // from the service.
        EXPECT_EQ(ddl.find("NOT NULL"), std::string::npos) << ddl;
        EXPECT_EQ(ddl.find("PRIMARY"), std::string::npos);
        EXPECT_EQ(ddl.find("UNIQUE"), std::string::npos);
        EXPECT_EQ(ddl.find("CHECK"), std::string::npos);
        for (const Column& c : table.columns)
            EXPECT_NE(ddl.find("\"" + c.name + "\" " + sqlite_decl_type(c)), std::string::npos) << c.name;
    }
}
