// timeclock: the status of every user's virtual time clock (command=status,
// one request per user) and the clock commands written by INSERT.
#include "catalog/declare.hpp"

namespace tb::catalog::detail {

Table timeclock_table() {
    Table t;
    t.name = "timeclock";
    t.action = "timeclock";
    t.fixed_params = {{"command", "status"}};
    // status answers one line without a header: result;state;startMs;pauseMs.
    t.header_less = true;
    t.description =
        "The virtual time clock of each user (command status, one request per user). INSERT sends "
        "a clock command.";
    t.columns = {
        request_value("user_id", SqlType::BigInt, "The user whose clock was asked"),
        at_position(text("result", "Result code", "OK or a RESULT_ERR_* code"), 0),
        at_position(text("state", "Status", "IDLE, RUNNING or PAUSED"), 1),
        at_position(epoch_ms("clock_started_at", "Start of the time clock",
                             "When the clock was started; NULL when idle"), 2),
        at_position(epoch_ms("pause_started_at", "Start of the current pause",
                             "When the current pause began; NULL when not paused"), 3),
        // SCHEMA.md's INSERT names these; they are not part of the status
        // answer, so they read NULL.
        input("command", SqlType::WVarchar, "INSERT only: start, pause, resume, stop or cancel"),
        input("project_id", SqlType::BigInt, "INSERT only: project of the entry (read on stop)"),
        input("service_id", SqlType::BigInt, "INSERT only: service of the entry (read on stop)"),
    };
    t.keys = {key("user_id", "userid", ParamFormat::Integer, KeyColumn::Default::EveryUser)};
    t.primary_key = {"user_id"};

    WriteRoute r{.kind = WriteKind::Insert, .action = "timeclock"};
    r.fields = {
        {.column = "command", .field = "command", .required = true,
         .allowed = {"start", "pause", "resume", "stop", "cancel"}},
        {.column = "user_id", .field = "userid", .format = WriteFormat::Integer, .required = true},
        {.column = "project_id", .field = "projectid", .format = WriteFormat::Integer},
        {.column = "service_id", .field = "serviceid", .format = WriteFormat::Integer},
    };
    r.note = "one request per row; the answer is a result token (OK, WARN_*, RESULT_ERR_*)";
    t.writes = {std::move(r)};
    return t;
}

} // namespace tb::catalog::detail
