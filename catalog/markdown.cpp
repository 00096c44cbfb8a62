// docs/tables.md, generated from the declarations so the reference users read
// cannot drift from what the driver does (a unit test compares the two).
#include "catalog/declare.hpp"

namespace tb::catalog {

namespace {

// Table cells: a '|' would end the cell.
std::string cell(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '|') out += '\\';
        out += c;
    }
    return out;
}

std::string code(std::string_view s) { return "`" + cell(s) + "`"; }

std::string profiles_text(unsigned profiles) {
    std::string out;
    const std::pair<Profile, const char*> names[] = {{Full, "full"}, {Tenant, "tenant"}, {Older, "older"}};
    for (auto [p, name] : names)
        if (profiles & p) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

std::string_view default_text(KeyColumn::Default d) {
    switch (d) {
    case KeyColumn::Default::CurrentYear: return "the current year";
    case KeyColumn::Default::MonthsOfCurrentYear: return "every month of the current year up to the current one";
    case KeyColumn::Default::Omit: return "not sent: all";
    case KeyColumn::Default::FirstOfMonth: return "the first day of the current month";
    case KeyColumn::Default::Today: return "today";
    case KeyColumn::Default::EveryUser: return "every user, one request each";
    case KeyColumn::Default::StartOfMonth: return "the first day of the current month";
    case KeyColumn::Default::EndOfMonth: return "the day after the current month";
    }
    return "";
}

std::string_view format_text(ParamFormat f) {
    switch (f) {
    case ParamFormat::Integer: return "integer";
    case ParamFormat::IsoDate: return "yyyy-mm-dd";
    case ParamFormat::Text: return "text";
    }
    return "";
}

std::string_view write_format_text(WriteFormat f) {
    switch (f) {
    case WriteFormat::Text: return "";
    case WriteFormat::Integer: return "integer";
    case WriteFormat::DecimalTenths: return "one decimal place";
    case WriteFormat::Bool: return "true/false";
    case WriteFormat::IsoDate: return "yyyy-mm-dd";
    case WriteFormat::EventTime: return "yyyy-mm-ddThh:mm";
    case WriteFormat::IdList: return "comma-separated ids";
    case WriteFormat::IsoDateTime: return "yyyy-mm-ddThh:mm:ss";
    }
    return "";
}

std::string source_text(const Table& t, const Column& c) {
    if (c.input_only) return "written only";
    if (c.parser == ValueParser::None) {
        const KeyColumn* k = t.find_key(c.name);
        return k ? "request parameter " + code(k->param) : "the request";
    }
    if (t.header_less) return "field " + std::to_string(c.csv_position + 1) + " (" + cell(c.header) + ")";
    std::string s = code(c.header);
    if (c.header_prefix) s = "header starting " + s;
    if (c.csv_position >= 0) s += ", else field " + std::to_string(c.csv_position + 1);
    return s;
}

std::string key_notes(const KeyColumn& k) {
    std::vector<std::string> notes;
    if (!k.derived_from.empty())
        notes.push_back("also chosen by predicates on " + code(k.derived_from));
    if (!k.derived_until.empty())
        notes.push_back("and by upper bounds on " + code(k.derived_until));
    if (k.range_expandable) {
        std::string s = "a range becomes one request per value";
        if (k.min_value || k.max_value)
            s += " (" + std::to_string(k.min_value) + " to " + std::to_string(k.max_value) + ")";
        notes.push_back(s);
    }
    if (k.period == PeriodEnd::Start) notes.push_back("the lowest date the predicates allow; the whole period is one request");
    if (k.period == PeriodEnd::End) notes.push_back("the day after the highest date the predicates allow (covered whether the service reads it as inclusive or exclusive)");
    if (k.in_path) notes.push_back("a path segment");
    if (k.optional_on_instance)
        notes.push_back("not every instance accepts it: always filtered locally as well");
    std::string out;
    for (const std::string& n : notes) out += (out.empty() ? "" : "; ") + n;
    return out;
}

// "`a`", "`a` and `b`", "`a`, `b` and `c`"
std::string name_list(const std::vector<std::string>& names, std::string_view last_joint = " and ") {
    std::string out;
    for (size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? std::string(last_joint) : std::string(", ")) + code(names[i]);
    return out;
}

std::string field_text(const WriteField& f) {
    if (f.column.empty() && !f.from_choice)
        return f.constant.empty() ? code(f.field) + " empty" : code(f.field) + " = " + code(f.constant);
    std::string s = code(f.field) + " \xE2\x86\x90 " + (f.from_choice ? std::string("the identifying column") : code(f.column));
    std::vector<std::string> notes;
    if (f.required) notes.push_back("required");
    if (auto fmt = write_format_text(f.format); !fmt.empty()) notes.push_back(std::string(fmt));
    if (f.max_length) notes.push_back("at most " + std::to_string(f.max_length) + " characters");
    if (f.non_negative) notes.push_back("not negative");
    for (const auto& [from, to] : f.value_map) notes.push_back(cell(from) + " \xE2\x86\x92 " + cell(to));
    if (!f.allowed.empty()) {
        std::string a = "one of";
        for (const std::string& v : f.allowed) a += " " + cell(v);
        notes.push_back(a);
    }
    if (!f.default_value.empty()) notes.push_back("default " + cell(f.default_value));
    if (notes.empty()) return s;
    std::string n;
    for (const std::string& x : notes) n += (n.empty() ? "" : ", ") + x;
    return s + " (" + n + ")";
}

std::string fields_text(const WriteRoute& r) {
    std::string out;
    for (size_t i = 0; i < r.fields.size(); ++i) out += (i ? "; " : "") + field_text(r.fields[i]);
    return out;
}

std::string body_text(const WriteRoute& r) {
    switch (r.body) {
    case WriteBody::CsvUpload: return "multipart CSV upload";
    case WriteBody::Form: return "form fields";
    case WriteBody::Json: return "POST, a JSON object per row";
    case WriteBody::PathOnly: return std::string(r.method == HttpMethod::Delete ? "DELETE" : "POST") + ", the id in the path";
    }
    return "";
}

void write_route(std::string& md, const WriteRoute& r, const WriteRoute* previous) {
    md += "- **" + std::string(to_string(r.kind)) + "**";
    if (!r.when_set.empty()) {
        md += " setting " + code(r.when_set);
        if (!r.when_value.empty()) md += " to " + r.when_value;
    }
    md += " \xE2\x86\x92 " + code(r.action) + " (";
    md += body_text(r);
    if (r.profiles != AllProfiles) md += "; instances: " + profiles_text(r.profiles);
    md += ")";
    if (!r.row_key.empty()) md += "; rows identified by " + name_list(r.row_key);
    md += ".";
    if (!r.choices.empty()) {
        md += " Exactly one of ";
        for (size_t i = 0; i < r.choices.size(); ++i) {
            const WriteChoice& c = r.choices[i];
            md += (i == 0 ? "" : i + 1 == r.choices.size() ? " or " : ", ") + code(c.column) + " (sends " +
                  code(c.param + "=" + c.value) + ")";
        }
        md += ".";
    }
    if (r.send_all_fields) md += " Every field is sent; unchanged ones from the current row.";
    if (!r.must_set.empty())
        md += " The SET list must name " + name_list(r.must_set) + ": the API does not return the current value.";
    if (r.whole_list)
        md += " The whole list of up to " + std::to_string(r.max_periods) +
              " periods is sent, `{n}` numbering them.";
    // Routes of one action that send the same fields (setworkdays) say so
    // instead of repeating a long list.
    if (previous && previous->action == r.action && fields_text(*previous) == fields_text(r))
        md += r.body == WriteBody::CsvUpload ? " Cells as above." : " Fields as above.";
    else
        md += (r.body == WriteBody::CsvUpload ? " Cells in order: " : " Fields: ") + fields_text(r) + ".";
    for (const WriteCheck& c : r.checks)
        md += c.after_column.empty() ? " " + code(c.column) + " must be a " + code(c.ref_table + "." + c.ref_column) + "."
                                     : " " + code(c.column) + " must lie after " + code(c.after_column) + ".";
    if (!r.note.empty()) md += " Note: " + r.note + ".";
    md += "\n";
}

// The default source's sections keep their plain names (and anchors);
// another source's carry its schema, so users and projects do not clash.
std::string section_name(const Table& t) {
    return t.source == default_source().name ? t.name : t.source + "." + t.name;
}
std::string anchor(const Table& t) {
    std::string a = section_name(t);
    std::erase(a, '.');
    return a;
}

void table_section(std::string& md, const Table& t) {
    const bool v1 = t.source == default_source().name;
    md += "## " + section_name(t) + "\n\n" + t.description + "\n\n";
    md += "| | |\n|---|---|\n";
    if (v1) {
        md += "| action | " + code(t.action) + " |\n";
        md += "| token | " + std::string(t.token == TokenKind::Personnel ? "personnel" : "general") + " |\n";
        md += "| daily limit | " + (t.daily_limit ? std::to_string(t.daily_limit) + " calls" : std::string("none")) + " |\n";
        md += "| instances | " + profiles_text(t.profiles) + " |\n";
    } else {
        const Source& s = *find_source(t.source);
        md += "| request | " + code(std::string(t.method == HttpMethod::Get ? "GET " : "POST ") + s.base_path + t.action) + " |\n";
    }
    if (!t.fixed_params.empty()) {
        md += "| fixed parameters |";
        for (const auto& [k, v] : t.fixed_params) md += " " + code(k + "=" + v);
        md += " |\n";
    }
    if (t.header_less) md += "| response | one line without a header line |\n";
    if (t.runtime_columns) md += "| run-time columns | yes, named by the snake-case rule after the declared ones |\n";
    if (t.write_only) md += "| write-only | SELECT answers no rows |\n";
    md += "\n";

    if (!t.keys.empty()) {
        md += "Key columns (predicates on them choose the requests";
        if (t.keys_exclusive) md += "; at most one of them per request";
        md += "):\n\n";
        md += "| column | parameter | format | when no predicate names it | notes |\n|---|---|---|---|---|\n";
        for (const KeyColumn& k : t.keys)
            md += "| " + code(k.column) + " | " + code(k.param) + " | " + std::string(format_text(k.format)) +
                  " | " + std::string(default_text(k.when_absent)) + " | " + key_notes(k) + " |\n";
        md += "\n";
    }

    md += "Columns:\n\n| column | type | nullable | source | description |\n|---|---|---|---|---|\n";
    for (const Column& c : t.columns)
        md += "| " + code(c.name) + " | " + type_text(c) + " | " + (c.nullable ? "yes" : "no") + " | " +
              source_text(t, c) + " | " + cell(c.description) + " |\n";
    md += "\n";

    md += "Primary key: " + (t.primary_key.empty() ? std::string("none") : name_list(t.primary_key, ", ")) + ".\n";
    if (!t.foreign_keys.empty()) {
        md += "Foreign keys:";
        for (size_t i = 0; i < t.foreign_keys.size(); ++i) {
            const ForeignKey& f = t.foreign_keys[i];
            md += (i ? ", " : " ") + code(f.column) + " \xE2\x86\x92 " + code(f.ref_table + "." + f.ref_column);
        }
        md += ".\n";
    }
    md += "\n";
    if (t.writes.empty()) {
        md += "Writes: none (read-only).\n\n";
    } else {
        md += "Writes: " + t.write_route + ".\n\n";
        for (size_t i = 0; i < t.writes.size(); ++i)
            write_route(md, t.writes[i], i ? &t.writes[i - 1] : nullptr);
        md += "\n";
    }
}

} // namespace

std::string tables_markdown() {
    std::string md;
    md += "# Tables\n\n";
    md += "<!-- Generated from catalog/ by `cmake --build <build-dir> --target update-docs`; "
          "do not edit by hand. -->\n\n";
    md += "Two sources: Timebutler's API v1 (below, the default) and [GoodTime](#schema-goodtime) "
          "(`Source=goodtime`).\n\n";
    md += "Every table is in the schema `timebutler`; a statement may name it with or without the "
          "schema. Column names are stable snake_case. An empty field reads NULL, and so does a "
          "reference the API writes as 0. Key columns hold the value that was requested: predicates "
          "on them (`=`, `IN`, `OR` of equalities, and ranges where noted) decide which API requests "
          "are made; SQLite evaluates the whole statement either way. Run-time columns are "
          "WVARCHAR(" + std::to_string(kRuntimeColumnSize) + ").\n\n";
    md += "Instances: `full` is the newest reference edition, `tenant` lacks holidays, personnel files "
          "and salaries, `older` lacks the work time accounts, holidays and the user, manager, "
          "entitlement and work day writes. Upload limit: " + std::to_string(upload_limit_bytes(Full)) +
          " bytes (" + std::to_string(upload_limit_bytes(Older)) + " on `older`).\n\n";
    md += "| table | action | instances | writes |\n|---|---|---|---|\n";
    for (const Table& t : tables())
        md += "| [" + t.name + "](#" + t.name + ") | " + code(t.action) + " | " + profiles_text(t.profiles) +
              " | " + (t.write_route.empty() ? std::string("read-only") : cell(t.write_route)) + " |\n";
    md += "\n";
    for (const Table& t : tables()) table_section(md, t);
    for (const Source& s : sources()) {
        if (&s == &default_source()) continue;
        md += "# Schema " + s.name + "\n\n" + s.description + " Connect with `Source=" + s.name +
              "`; its tables are in the schema `" + s.name + "`. Times are read as ISO 8601 or epoch milliseconds.\n\n";
        md += "| table | request | writes |\n|---|---|---|\n";
        for (const Table& t : s.tables)
            md += "| [" + t.name + "](#" + anchor(t) + ") | " + code(s.base_path + t.action) + " | " +
                  (t.write_route.empty() ? std::string("read-only") : cell(t.write_route)) + " |\n";
        md += "\n";
        for (const Table& t : s.tables) table_section(md, t);
    }
    while (md.size() > 1 && md[md.size() - 1] == '\n' && md[md.size() - 2] == '\n') md.pop_back();
    return md;
}

} // namespace tb::catalog
