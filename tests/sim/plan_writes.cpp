// setholidayentitlement and setworkdays: the per-user planning values. Result
// tokens follow the scheme described in user_writes.cpp.
#include <set>
#include <vector>

#include "actions.hpp"
#include "dataset.hpp"
#include "text.hpp"

namespace sim {

namespace {
std::string invalid(const std::string& param) { return "RESULT_ERR_" + upper_ascii(param) + "_INVALID"; }
Reply token(const std::string& t) { return text_reply(t + "\n"); }
}  // namespace

Reply write_setholidayentitlement(World& w, const Call& c) {
    const UserRef ref = resolve_user(w.state, c);
    if (!ref.error.empty()) return token(ref.error);
    const std::string year_text(trim(c.param("year")));
    if (year_text.empty()) return token("RESULT_ERR_MISSING_PARAMETER");
    if (year_text.size() != 4 || !all_digits(year_text)) return token("RESULT_ERR_YEAR_INVALID");
    const int year = std::stoi(year_text);

    struct Field {
        const char* param;
        EntitlementField field;
        bool may_be_negative;
    };
    static constexpr Field kFields[] = {
        {"holiday_entitlement", kContingent, false}, {"remaining_leave", kRemaining, true},
        {"special_leave", kExtra, false},            {"severely_challenged_persons_leave", kSeverely, false},
        {"other_leave", kFurther, false},            {"expired_leave", kExpired, false},
        {"paid_out_leave", kPaidOut, false},         {"five_day_week_entitlement", kFiveDay, false}};
    // Parameters left out keep their value; all are checked before any is set.
    Entitlement e = entitlement_of(w.cfg, w.state, ref.id, year);
    for (const Field& f : kFields) {
        const std::string v(trim(c.param(f.param)));
        if (v.empty()) continue;
        const auto n = parse_hundredths(v);
        if (!n || (*n < 0 && !f.may_be_negative)) return token(invalid(f.param));
        e[f.field] = *n;
    }
    w.state.entitlement_overrides[{ref.id, year}] = e;
    return token("OK");
}

namespace {

// group_1_... or, leniently, group_01_...
std::string group_param(const Call& c, int n, const char* suffix, bool& present) {
    for (const std::string& key : {"group_" + std::to_string(n) + "_" + suffix,
                                   std::string(n < 10 ? "group_0" + std::to_string(n) + "_" + suffix : "")}) {
        if (!key.empty() && c.has(key)) {
            present = true;
            return std::string(trim(c.param(key)));
        }
    }
    present = false;
    return {};
}

bool any_group_param(const Call& c, int n) {
    const std::string a = "group_" + std::to_string(n) + "_", b = n < 10 ? "group_0" + std::to_string(n) + "_" : a;
    for (const auto& [k, v] : c.params)
        if (k.rfind(a, 0) == 0 || k.rfind(b, 0) == 0) return true;
    return false;
}

int group_number(const std::string& key) {
    if (key.rfind("group_", 0) != 0) return 0;
    const auto end = key.find('_', 6);
    const auto n = parse_uint(key.substr(6, end == std::string::npos ? std::string::npos : end - 6), 2);
    return n ? static_cast<int>(*n) : 0;
}

}  // namespace

Reply write_setworkdays(World& w, const Call& c) {
    const UserRef ref = resolve_user(w.state, c);
    if (!ref.error.empty()) return token(ref.error);
    int groups = 0;
    while (groups < 99 && any_group_param(c, groups + 1)) ++groups;
    if (groups == 0) return token("RESULT_ERR_MISSING_PARAMETER");
    // "The numbers for the group_NN_.. must be increasing and consistently."
    for (const auto& [k, v] : c.params)
        if (const int n = group_number(k); n > groups) return token("RESULT_ERR_GROUP_" + std::to_string(n) + "_INVALID");

    static constexpr const char* kDays[] = {"mo", "tu", "we", "th", "fr", "sa", "su"};
    static const std::set<std::string> kTransfer = {"transfer_all", "transfer_none", "transfer_over_limit_only",
                                                    "transfer_until_limit_only", "max_value_start_of_month"};
    std::vector<Period> periods;
    for (int n = 1; n <= groups; ++n) {
        const std::string prefix = "group_" + std::to_string(n) + "_";
        bool present = false;
        Period p;
        const std::string from = group_param(c, n, "valid_from", present);
        if (!present || from.empty()) return token("RESULT_ERR_MISSING_PARAMETER");
        if (n == 1) {
            // "The value of the parameter group_1_valid_from must always be 0."
            if (from != "0") return token(invalid(prefix + "valid_from"));
        } else {
            const auto d = parse_iso(from);
            if (!d || *d <= periods.back().valid_from)
                return token(invalid(prefix + "valid_from"));
            p.valid_from = *d;
        }
        for (size_t day = 0; day < 7; ++day) {
            const std::string suffix = std::string("working_time_") + kDays[day];
            const std::string v = group_param(c, n, suffix.c_str(), present);
            if (!present || v.empty()) return token("RESULT_ERR_MISSING_PARAMETER");
            const auto minutes = parse_uint(v, 4);
            if (!minutes || *minutes > 1440) return token(invalid(prefix + suffix));
            p.minutes[day] = static_cast<int>(*minutes);
        }
        const std::string set = group_param(c, n, "holiday_set_id", present);
        if (!present || set.empty()) return token("RESULT_ERR_MISSING_PARAMETER");
        const auto set_id = parse_uint(set);
        bool known = false;
        for (const HolidaySet& h : w.state.holiday_sets) known = known || (set_id && h.id == *set_id);
        if (!known) return token(invalid(prefix + "holiday_set_id"));
        p.holiday_set = static_cast<int>(*set_id);

        // Time-tracking settings are checked but not shown by `workdays`.
        const std::string type = group_param(c, n, "overtime_transfer_type", present);
        if (!type.empty() && !kTransfer.count(type)) return token(invalid(prefix + "overtime_transfer_type"));
        const std::string limit = group_param(c, n, "overtime_limit_mins", present);
        if (!limit.empty()) {
            const auto l = parse_uint(limit, 6);
            if (!l || *l == 0) return token(invalid(prefix + "overtime_limit_mins"));
        }
        for (const char* s : {"round_down_mins", "round_up_mins"})
            if (const std::string v = group_param(c, n, s, present); !v.empty() && !parse_uint(v, 4))
                return token(invalid(prefix + s));
        if (std::string v = group_param(c, n, "setup_time_mins", present); !v.empty()) {
            if (v[0] == '-') v.erase(0, 1);
            if (!parse_uint(v, 4)) return token(invalid(prefix + "setup_time_mins"));
        }
        periods.push_back(p);
    }
    w.state.workdays[ref.id] = std::move(periods);
    return token("OK");
}

}  // namespace sim
