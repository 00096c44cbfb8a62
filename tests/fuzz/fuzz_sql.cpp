// libFuzzer entry: any input either parses or fails with SyntaxError (or
// UnsupportedError for a WITH that cannot be inlined); a
// parsed statement prints or fails with UnsupportedError; analysis and
// base-table listing never fail. Anything else (a crash, another exception,
// a sanitizer report) is a bug.
#include "sql/ast.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    tb::sql::StatementPtr statement;
    try {
        statement = tb::sql::parse(text);
    } catch (const tb::sql::SyntaxError& e) {
        if (e.position == 0 || e.position > size + 1) __builtin_trap();
        return 0;
    } catch (const tb::sql::UnsupportedError&) {
        return 0;
    }
    (void)tb::sql::kind(*statement);
    (void)tb::sql::parameter_count(*statement);
    (void)tb::sql::explained(*statement);
    auto tables = tb::sql::base_tables(*statement);
    tb::sql::PrintOptions options;
    options.table_source = [](const tb::sql::TableRef& t) { return "\"c_" + t.name + "\""; };
    try {
        (void)tb::sql::to_sqlite(*statement, options);
    } catch (const tb::sql::UnsupportedError&) {
    }
    auto pushdown = tb::sql::analyse_pushdown(
        *statement, [](const tb::sql::TableRef&, std::string_view column) { return column.size() % 2 == 0; });
    for (const auto& [id, columns] : pushdown.constraints)
        if (id < 1 || id > static_cast<int>(tables.size())) __builtin_trap();
    return 0;
}
