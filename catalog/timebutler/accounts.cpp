// worktimeaccountinperiod and worktimeaccountbalance: the two work time
// account views. Their columns are the view's, learned at run time; only the
// first (the user id) is documented, and only by place.
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

namespace {

constexpr unsigned kWithAccounts = Full | Tenant; // not in the older edition

Column account_user() {
    // "The first column contains the userid": the header text is not given,
    // so the first field is taken when no header says "User ID".
    return at_position(not_null(integer("user_id", "User ID", "The user")), 0);
}

Table account_table(std::string name) {
    Table t;
    t.name = name;
    t.action = std::move(name);
    t.profiles = kWithAccounts;
    t.daily_limit = 12;
    // Time spans in minutes instead of "7.5 h" text.
    t.fixed_params = {{"minutes", "true"}};
    t.runtime_columns = true;
    return t;
}

} // namespace

Table worktimeaccountinperiod_table() {
    Table t = account_table("worktimeaccountinperiod");
    t.description =
        "The work time accounts view 'Working time in period' per user (spans in minutes). "
        "At most 12 requests a day.";
    t.columns = {
        request_value("start_date", SqlType::Date, "First day of the period requested"),
        request_value("end_date", SqlType::Date, "Last day of the period requested"),
        account_user(),
    };
    t.keys = {key("start_date", "startdate", ParamFormat::IsoDate, KeyColumn::Default::FirstOfMonth),
              key("end_date", "enddate", ParamFormat::IsoDate, KeyColumn::Default::Today)};
    t.primary_key = {"start_date", "end_date", "user_id"};
    return t;
}

Table worktimeaccountbalance_table() {
    Table t = account_table("worktimeaccountbalance");
    t.description =
        "The work time accounts view 'Overtime balance' per user on a date (spans in minutes). "
        "At most 12 requests a day.";
    t.columns = {
        request_value("balance_date", SqlType::Date, "The date requested"),
        account_user(),
    };
    t.keys = {key("balance_date", "date", ParamFormat::IsoDate, KeyColumn::Default::Today)};
    t.primary_key = {"balance_date", "user_id"};
    return t;
}

} // namespace tb::catalog::detail
