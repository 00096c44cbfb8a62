// personnelfiles and salaries: the personnel token's two actions, limited to
// 12 calls a day. Either takes at most one of userid, employeenumber, email.
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

namespace {

constexpr unsigned kWithPersonnel = Full | Older; // the tenant edition lacks both

Table personnel_table(std::string name) {
    Table t;
    t.name = name;
    t.action = std::move(name);
    t.token = TokenKind::Personnel;
    t.daily_limit = 12;
    t.profiles = kWithPersonnel;
    t.keys_exclusive = true;
    t.keys = {key("user_id", "userid", ParamFormat::Integer, KeyColumn::Default::Omit),
              key("employee_number", "employeenumber", ParamFormat::Text, KeyColumn::Default::Omit),
              key("email", "email", ParamFormat::Text, KeyColumn::Default::Omit)};
    return t;
}

// The response has no e-mail column, but SCHEMA.md makes email a key; as a key
// column it holds the address requested, and NULL when none was.
Column requested_email() {
    return request_value("email", SqlType::WVarchar, "The e-mail address requested; NULL when none was",
                         /*nullable=*/true);
}

} // namespace

Table personnelfiles_table() {
    Table t = personnel_table("personnelfiles");
    t.description =
        "The digital personnel file of each user (personnel token, at most 12 requests a day). "
        "The file's fields follow as run-time columns named `<group>_<field>`.";
    t.columns = {
        not_null(integer("user_id", "User ID", "The user")),
        text("employee_number", "Employee number", "The user's employee number"),
        requested_email(),
    };
    t.primary_key = {"user_id"};
    t.runtime_columns = true;
    return t;
}

Table salaries_table() {
    Table t = personnel_table("salaries");
    t.description =
        "Salary, variable remuneration and bonus payments of each user (personnel token, at most 12 "
        "requests a day); several rows per user.";
    t.columns = {
        not_null(integer("user_id", "User ID", "The user")),
        text("employee_number", "Employee number", "The user's employee number"),
        text("payment_type", "Payment type", "Salary, Variable remuneration or Bonus payments"),
        date("valid_from", "Valid from / Payment date", "Valid from, or the payment date"),
        date("valid_until", "Valid until", "Valid until"),
        text("salary_type", "Salary type / Bonus type", "Free text such as Fixed salary"),
        decimal("gross_amount", 15, 2, "Gross amount", "Gross amount"),
        text("currency", "Currency", "ISO currency code such as EUR"),
        decimal("hours_per_week", 5, 2, "Hours per week", "Weekly working hours"),
        long_text("comments", "Comments", "Comments"),
        requested_email(),
    };
    // No column set is documented as unique (several payments can share a
    // user, type and date), so no primary key is claimed.
    return t;
}

} // namespace tb::catalog::detail
