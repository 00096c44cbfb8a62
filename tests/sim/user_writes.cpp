// useraccount and managerassignment. Their command spellings, accepted
// values and result tokens are not public (api-notes.md); the simulator
// follows the reference's parameter names and answers OK or one token:
//   RESULT_ERR_MISSING_PARAMETER         a mandatory parameter is absent or empty
//   RESULT_ERR_COMMAND_INVALID           unknown command
//   RESULT_ERR_<PARAMETER>_INVALID       a value is malformed or too long
//                                        (e.g. RESULT_ERR_FIRST_NAME_INVALID)
//   RESULT_ERR_USERID_INVALID / _EMPLOYEENUMBER_INVALID / _EMAIL_INVALID
//                                        the identifying value names no user
//   RESULT_ERR_EMAIL_ALREADY_IN_USE / RESULT_ERR_EMPLOYEENUMBER_ALREADY_IN_USE
#include <algorithm>
#include <set>

#include "actions.hpp"
#include "text.hpp"

namespace sim {

namespace {

std::string invalid(const std::string& param) { return "RESULT_ERR_" + upper_ascii(param) + "_INVALID"; }

struct TextRule {
    const char* param;
    size_t max;
};
// Free-text fields of the users table, replaced as a whole on update.
constexpr TextRule kTextFields[] = {{"title", 50},        {"location", 50}, {"unit", 50},
                                    {"phone", 50},        {"mobile_phone", 50}, {"cost_unit", 20},
                                    {"additional_info", 500}};
constexpr const char* kDateFields[] = {"date_of_birth", "date_of_entry", "date_of_separation", "timetrack_startdate"};

std::optional<std::string> user_type_of(std::string_view v) {
    const std::string l = lower_ascii(trim(v));
    if (l == "employee") return "Employee";
    if (l == "manager") return "Manager";
    if (l == "admin") return "Admin";
    return std::nullopt;
}

bool valid_gender(std::string_view v) {
    static const std::set<std::string> kGenders = {"male", "female", "diverse", "m", "f", "w", "d"};
    return kGenders.count(lower_ascii(trim(v))) > 0;
}

bool valid_locale(std::string_view v) {
    // de_DE, en_GB, or a bare language like "de".
    auto lower = [](char ch) { return ch >= 'a' && ch <= 'z'; };
    auto upper = [](char ch) { return ch >= 'A' && ch <= 'Z'; };
    if (v.size() == 2) return lower(v[0]) && lower(v[1]);
    return v.size() == 5 && lower(v[0]) && lower(v[1]) && v[2] == '_' && upper(v[3]) && upper(v[4]);
}

bool bad_text(std::string_view v, size_t max) { return utf8_length(v) > max || has_control_chars(v); }

// Validates the data fields of create (all mandatory ones) and update.
std::string check_fields(const Call& c, bool create) {
    for (const char* name : {"first_name", "lastname"}) {
        const std::string v = c.param(name);
        if (trim(v).empty()) return "RESULT_ERR_MISSING_PARAMETER";
        if (bad_text(v, 50)) return invalid(name);
    }
    if (trim(c.param("user_type")).empty()) return "RESULT_ERR_MISSING_PARAMETER";
    if (!user_type_of(c.param("user_type"))) return invalid("user_type");
    if (create && (trim(c.param("gender")).empty() || trim(c.param("locale")).empty()))
        return "RESULT_ERR_MISSING_PARAMETER";
    if (const std::string g = c.param("gender"); !trim(g).empty() && !valid_gender(g)) return invalid("gender");
    if (const std::string l(trim(c.param("locale"))); !l.empty() && !valid_locale(l)) return invalid("locale");
    for (const TextRule& r : kTextFields)
        if (bad_text(c.param(r.param), r.max)) return invalid(r.param);
    for (const char* name : kDateFields)
        if (const std::string v(trim(c.param(name))); !v.empty() && !parse_any_date(v)) return invalid(name);
    if (const std::string t(trim(c.param("timetrack_earliest_time"))); !t.empty()) {
        const auto h = parse_uint(t.substr(0, t.find(':')), 2);
        if (!h || *h > 23) return invalid("timetrack_earliest_time");
    }
    for (const char* name : {"employeenumber", "employeenumber_new"})
        if (bad_text(c.param(name), 20)) return invalid(name);
    return "";
}

Date date_field(const Call& c, const char* name) {
    const auto d = parse_any_date(trim(c.param(name)));
    return d ? *d : kNoDate;
}

// The reference: "In order to change an existing user account, all data
// needs to be provided". The simulator makes that visible: a free-text or
// date field left out of an update is cleared.
void apply_fields(User& u, const Call& c) {
    u.first_name = std::string(trim(c.param("first_name")));
    u.last_name = std::string(trim(c.param("lastname")));
    u.user_type = *user_type_of(c.param("user_type"));
    if (const std::string g(trim(c.param("gender"))); !g.empty()) u.gender = lower_ascii(g);
    if (const std::string l(trim(c.param("locale"))); !l.empty()) u.language = l;
    u.title = std::string(trim(c.param("title")));
    u.branch_office = std::string(trim(c.param("location")));
    u.department = std::string(trim(c.param("unit")));
    u.phone = std::string(trim(c.param("phone")));
    u.mobile_phone = std::string(trim(c.param("mobile_phone")));
    u.cost_center = std::string(trim(c.param("cost_unit")));
    u.additional_info = std::string(trim(c.param("additional_info")));
    u.date_of_birth = date_field(c, "date_of_birth");
    u.date_of_entry = date_field(c, "date_of_entry");
    u.date_of_separation = date_field(c, "date_of_separation");
}

bool email_taken(const State& st, const std::string& email, int except) {
    const std::string l = lower_ascii(email);
    for (const auto& [id, u] : st.users)
        if (id != except && lower_ascii(u.email) == l) return true;
    return false;
}

bool number_taken(const State& st, const std::string& number, int except) {
    for (const auto& [id, u] : st.users)
        if (id != except && u.employee_number == number) return true;
    return false;
}

Reply create_user(World& w, const Call& c) {
    if (!trim(c.param("userid")).empty()) return text_reply("RESULT_ERR_USERID_INVALID\n");
    const std::string email(trim(c.param("email")));
    if (email.empty()) return text_reply("RESULT_ERR_MISSING_PARAMETER\n");
    if (!plausible_email(email)) return text_reply("RESULT_ERR_EMAIL_INVALID\n");
    if (const std::string err = check_fields(c, true); !err.empty()) return text_reply(err + "\n");
    if (email_taken(w.state, email, 0)) return text_reply("RESULT_ERR_EMAIL_ALREADY_IN_USE\n");
    std::string number(trim(c.param("employeenumber")));
    if (number.empty()) number = std::string(trim(c.param("employeenumber_new")));
    if (!number.empty() && number_taken(w.state, number, 0))
        return text_reply("RESULT_ERR_EMPLOYEENUMBER_ALREADY_IN_USE\n");
    User u;
    u.id = w.state.next_user_id++;
    u.email = email;
    u.employee_number = number;
    apply_fields(u, c);
    w.state.workdays[u.id] = {Period{kNoDate, {480, 480, 480, 480, 480, 0, 0}, 1}};
    w.state.users[u.id] = std::move(u);
    return text_reply("OK\n");
}

}  // namespace

Reply write_useraccount(World& w, const Call& c) {
    const std::string command = lower_ascii(trim(c.param("command")));
    if (command.empty()) return text_reply("RESULT_ERR_MISSING_PARAMETER\n");
    static const std::set<std::string> kCommands = {"create", "update", "delete", "lock", "unlock", "modifyemail"};
    if (!kCommands.count(command)) return text_reply("RESULT_ERR_COMMAND_INVALID\n");
    if (command == "create") return create_user(w, c);

    const UserRef ref = resolve_user(w.state, c);
    if (!ref.error.empty()) return text_reply(ref.error + "\n");
    User& u = w.state.users.at(ref.id);
    if (command == "lock" || command == "unlock") {
        u.locked = command == "lock";
    } else if (command == "delete") {
        for (auto& [id, other] : w.state.users) std::erase(other.managers, ref.id);
        w.state.workdays.erase(ref.id);
        w.state.clocks.erase(ref.id);
        w.state.users.erase(ref.id);
    } else if (command == "modifyemail") {
        const std::string mail(trim(c.param("new_email")));
        if (mail.empty()) return text_reply("RESULT_ERR_MISSING_PARAMETER\n");
        if (!plausible_email(mail)) return text_reply("RESULT_ERR_NEW_EMAIL_INVALID\n");
        if (email_taken(w.state, mail, ref.id)) return text_reply("RESULT_ERR_EMAIL_ALREADY_IN_USE\n");
        u.email = mail;
    } else {  // update
        if (const std::string err = check_fields(c, false); !err.empty()) return text_reply(err + "\n");
        const std::string number(trim(c.param("employeenumber_new")));
        if (!number.empty() && number_taken(w.state, number, ref.id))
            return text_reply("RESULT_ERR_EMPLOYEENUMBER_ALREADY_IN_USE\n");
        apply_fields(u, c);
        if (!number.empty()) u.employee_number = number;
    }
    return text_reply("OK\n");
}

Reply write_managerassignment(World& w, const Call& c) {
    const UserRef ref = resolve_user(w.state, c);
    if (!ref.error.empty()) return text_reply(ref.error + "\n");
    if (trim(c.param("manager1")).empty()) return text_reply("RESULT_ERR_MISSING_PARAMETER\n");
    std::vector<int> managers;
    for (int k = 1; k <= 10; ++k) {
        const std::string name = "manager" + std::to_string(k);
        const std::string v(trim(c.param(name)));
        if (v.empty()) continue;
        // A manager must be an existing Manager or Admin account other than
        // the user; the service describes them as "manager user accounts".
        const auto n = parse_uint(v);
        auto it = n ? w.state.users.find(static_cast<int>(*n)) : w.state.users.end();
        if (it == w.state.users.end() || it->first == ref.id || it->second.user_type == "Employee")
            return text_reply(invalid(name) + "\n");
        if (std::find(managers.begin(), managers.end(), it->first) == managers.end()) managers.push_back(it->first);
    }
    w.state.users.at(ref.id).managers = managers;
    return text_reply("OK\n");
}

}  // namespace sim
