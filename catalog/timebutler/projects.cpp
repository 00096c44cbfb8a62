// projects and services: the work time configuration lists. Projects are
// written through projectsimport, a multipart CSV upload of 7 cells a line.
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

namespace {

const std::vector<std::pair<std::string, std::string>> kActiveFlag = {{"Active", "true"},
                                                                      {"Inactive", "false"}};

WriteField cell(const char* name) { return {.column = "", .field = name}; }

// Cells 3..7 of a CREATE or UPDATE line; for UPDATE they come from the
// current row unless SET, so only CREATE needs defaults.
void project_cells(WriteRoute& r, bool creating) {
    r.fields.push_back({.column = "name", .field = "name", .max_length = 150, .required = true});
    r.fields.push_back({.column = "state", .field = "active", .default_value = creating ? "Active" : "",
                        .value_map = kActiveFlag});
    r.fields.push_back({.column = "budget_hours", .field = "budget", .format = WriteFormat::Integer,
                        .non_negative = true});
    // A new project without the flag gets the UI's default (no service
    // required); an UPDATE must SET it (see must_set).
    r.fields.push_back({.column = "service_required", .field = "services required",
                        .format = WriteFormat::Bool, .default_value = creating ? "false" : ""});
    r.fields.push_back({.column = "comments", .field = "comment", .max_length = 200});
}

std::vector<WriteRoute> project_writes() {
    WriteRoute create{.kind = WriteKind::Insert, .action = "projectsimport", .body = WriteBody::CsvUpload};
    create.fields = {{.column = "", .field = "command", .constant = "CREATE"}, cell("project id")};
    project_cells(create, true);
    create.note = "state Active/Inactive is the active flag; all rows go in one upload";

    WriteRoute update{.kind = WriteKind::Update, .action = "projectsimport", .body = WriteBody::CsvUpload,
                      .row_key = {"project_id"}, .send_all_fields = true,
                      .must_set = {"service_required"}};
    update.fields = {{.column = "", .field = "command", .constant = "UPDATE"},
                     {.column = "project_id", .field = "project id", .format = WriteFormat::Integer,
                      .required = true}};
    project_cells(update, false);

    WriteRoute del{.kind = WriteKind::Delete, .action = "projectsimport", .body = WriteBody::CsvUpload,
                   .row_key = {"project_id"}};
    del.fields = {{.column = "", .field = "command", .constant = "DELETE"},
                  {.column = "project_id", .field = "project id", .format = WriteFormat::Integer,
                   .required = true},
                  cell("name"), cell("active"), cell("budget"), cell("services required"), cell("comment")};
    del.note = "fails for a project that work time entries refer to";
    return {std::move(create), std::move(update), std::move(del)};
}

} // namespace

Table projects_table() {
    Table t;
    t.name = "projects";
    t.action = "projects";
    t.description = "The projects of the work time configuration.";
    t.columns = {
        not_null(integer("project_id", "ID of the project", "The project's id")),
        text("name", "Name", "Name (at most 150 characters)"),
        text("state", "State", "Active or Inactive"),
        integer("budget_hours", "Budget in hours", "Budget in whole hours"),
        long_text("comments", "Comments", "Comments (at most 200 characters)"),
        date("creation_date", "Creation date", "When the project was created"),
        input("service_required", SqlType::Bit,
              "A service must be chosen with the project; written only, reads NULL"),
    };
    t.primary_key = {"project_id"};
    t.writes = project_writes();
    return t;
}

Table services_table() {
    Table t;
    t.name = "services";
    t.action = "services";
    t.description = "The services (categories) of the work time configuration.";
    t.columns = {
        not_null(integer("service_id", "ID of the service", "The service's id")),
        text("name", "Name", "Name"),
        text("state", "State", "Active or Inactive"),
        boolean("billable", "Billable", "Work on it is billable"),
        long_text("comments", "Comments", "Comments"),
        date("creation_date", "Creation date", "When the service was created"),
    };
    t.primary_key = {"service_id"};
    return t;
}

} // namespace tb::catalog::detail
