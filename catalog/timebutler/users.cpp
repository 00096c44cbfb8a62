// users: the users action, written through useraccount and managerassignment.
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

namespace {

// useraccount's command spellings are not confirmed publicly (api-notes.md):
// the reference names modifyemail, lock and unlock; create, update and delete
// are our reading. Kept here so a correction is one edit.
constexpr const char* kCreate = "create";
constexpr const char* kUpdate = "update";
constexpr const char* kDelete = "delete";

WriteField command(const char* value) {
    return {.column = "", .field = "command", .constant = value};
}

WriteField user_id_field() {
    return {.column = "user_id", .field = "userid", .format = WriteFormat::Integer, .required = true};
}

// The account fields that creation and update share, with the limits the
// reference gives. The service wants input dates in some format the copies
// lost; every input date it documents elsewhere is yyyy-mm-dd.
std::vector<WriteField> account_fields(bool creating) {
    std::vector<WriteField> f;
    f.push_back({.column = "first_name", .field = "first_name", .max_length = 50, .required = creating});
    f.push_back({.column = "last_name", .field = "lastname", .max_length = 50, .required = creating});
    f.push_back({.column = "branch_office", .field = "location", .max_length = 50});
    f.push_back({.column = "department", .field = "unit", .max_length = 50});
    f.push_back({.column = "phone", .field = "phone", .max_length = 50});
    f.push_back({.column = "mobile_phone", .field = "mobile_phone", .max_length = 50});
    f.push_back({.column = "cost_center", .field = "cost_unit", .max_length = 20});
    f.push_back({.column = "additional_information", .field = "additional_info", .max_length = 500});
    f.push_back({.column = "date_of_birth", .field = "date_of_birth", .format = WriteFormat::IsoDate});
    f.push_back({.column = "date_of_entry", .field = "date_of_entry", .format = WriteFormat::IsoDate});
    f.push_back({.column = "date_of_separation", .field = "date_of_separation", .format = WriteFormat::IsoDate});
    f.push_back({.column = "language", .field = "locale", .required = creating});
    f.push_back({.column = "user_type", .field = "user_type", .required = true});
    return f;
}

std::vector<WriteRoute> user_writes() {
    constexpr unsigned kNewer = Full | Tenant; // the older edition lacks both actions
    std::vector<WriteRoute> w;

    WriteRoute insert{.kind = WriteKind::Insert, .action = "useraccount", .profiles = kNewer};
    // gender: mandatory for creation, not in any answer (an input-only
    // column); its values are not public, so it is passed through as given.
    insert.fields = {command(kCreate),
                     {.column = "email", .field = "email", .required = true},
                     {.column = "employee_number", .field = "employeenumber", .max_length = 20},
                     {.column = "gender", .field = "gender", .required = true}};
    for (WriteField& f : account_fields(true)) insert.fields.push_back(std::move(f));
    insert.note = "user_id is assigned by the service; `gender` is required";
    w.push_back(std::move(insert));

    WriteRoute update{.kind = WriteKind::Update, .action = "useraccount", .profiles = kNewer,
                      .row_key = {"user_id"}, .send_all_fields = true};
    update.fields = {command(kUpdate), user_id_field(),
                     {.column = "employee_number", .field = "employeenumber_new", .max_length = 20},
                     {.column = "gender", .field = "gender"}};
    for (WriteField& f : account_fields(false)) update.fields.push_back(std::move(f));
    w.push_back(std::move(update));

    WriteRoute email{.kind = WriteKind::Update, .action = "useraccount", .profiles = kNewer,
                     .when_set = "email", .row_key = {"user_id"}};
    email.fields = {command("modifyemail"), user_id_field(),
                    {.column = "email", .field = "new_email", .required = true}};
    email.note = "a changed e-mail address";
    w.push_back(std::move(email));

    for (bool lock : {true, false}) {
        WriteRoute r{.kind = WriteKind::Update, .action = "useraccount", .profiles = kNewer,
                     .when_set = "account_locked", .when_value = lock ? "true" : "false",
                     .row_key = {"user_id"}};
        r.fields = {command(lock ? "lock" : "unlock"), user_id_field()};
        r.note = lock ? "SET account_locked = 1 locks" : "SET account_locked = 0 unlocks";
        w.push_back(std::move(r));
    }

    WriteRoute managers{.kind = WriteKind::Update, .action = "managerassignment", .profiles = kNewer,
                        .when_set = "manager_user_ids", .row_key = {"user_id"}};
    managers.fields = {user_id_field(),
                       {.column = "manager_user_ids", .field = "manager{i}",
                        .format = WriteFormat::IdList, .required = true}};
    managers.note = "comma-separated user ids, 1 to 10 managers";
    w.push_back(std::move(managers));

    WriteRoute del{.kind = WriteKind::Delete, .action = "useraccount", .profiles = kNewer,
                   .row_key = {"user_id"}};
    del.fields = {command(kDelete), user_id_field()};
    w.push_back(std::move(del));
    return w;
}

} // namespace

Table users_table() {
    Table t;
    t.name = "users";
    t.action = "users";
    t.description = "Every user account with its contact and organisation data.";
    Column managers = text("manager_user_ids", "User ID list of the user's manager",
                           "User ids of the user's managers, comma separated");
    // Instances append a parenthesis to this header, or not (api-notes.md).
    managers.header_prefix = true;
    t.columns = {
        not_null(integer("user_id", "User ID", "The user's id")),
        text("last_name", "Last name", "Last name"),
        text("first_name", "First name", "First name"),
        text("employee_number", "Employee number", "Employee number; text, keeps leading zeros"),
        text("email", "E-mail address", "E-mail address (also the login)"),
        text("phone", "Phone", "Phone number"),
        text("mobile_phone", "Mobile phone", "Mobile phone number"),
        text("cost_center", "Cost center", "Cost center"),
        text("branch_office", "Branch office", "Branch office"),
        text("department", "Department", "Department"),
        text("user_type", "User type", "Employee, Manager or Admin"),
        text("language", "Language", "Locale such as de_DE"),
        managers,
        boolean("account_locked", "User account locked", "The account is locked"),
        long_text("additional_information", "Additional Information", "Free text about the user"),
        date("date_of_entry", "Date of entry (dd/mm/yyyy)", "Date of entry into the company"),
        date("date_of_separation", "Date of separation from company (dd/mm/yyyy)",
             "Date of separation from the company"),
        date("date_of_birth", "Day of birth (dd/mm/yyyy)", "Date of birth"),
        input("gender", SqlType::WVarchar,
              "Written only (required by INSERT, passed through as given); reads NULL: the API does not report it"),
    };
    t.primary_key = {"user_id"};
    t.writes = user_writes();
    return t;
}

} // namespace tb::catalog::detail
