// Lenient parsing of the write actions' answers and the checks made on values
// before anything is sent.
#include <gtest/gtest.h>

#include "engine/error.hpp"
#include "engine/write_response.hpp"
#include "engine/write_values.hpp"

using namespace tb::engine::write;

TEST(WriteResponse, OkAloneMeansEveryLine) {
    EXPECT_TRUE(parse_import_response("OK\n").all_ok);
    EXPECT_TRUE(parse_import_response("\xEF\xBB\xBFOK\r\n\r\n").all_ok);
}

TEST(WriteResponse, PerLineResultsWithIdsAndCodes) {
    auto r = parse_import_response("line #1: OK;13\r\nline #2: PROJECT_ID_UNKNOWN\nLine 3 - OK\n\n");
    ASSERT_EQ(r.lines.size(), 3u);
    EXPECT_TRUE(r.lines[0].ok);
    EXPECT_EQ(r.lines[0].line, 1);
    EXPECT_EQ(r.lines[0].id, "13");
    EXPECT_FALSE(r.lines[1].ok);
    EXPECT_EQ(r.lines[1].code, "PROJECT_ID_UNKNOWN");
    EXPECT_EQ(r.lines[2].line, 3);
    EXPECT_TRUE(r.lines[2].ok);
    EXPECT_FALSE(r.zero_based);
}

TEST(WriteResponse, ZeroBasedNumberingIsNoticed) {
    auto r = parse_import_response("line #0: EMAIL_UNKNOWN\n");
    ASSERT_EQ(r.lines.size(), 1u);
    EXPECT_TRUE(r.zero_based);
}

TEST(WriteResponse, WholeFileCodeAndOddLines) {
    auto r = parse_import_response("CSV_FILE_MISSING_OR_INVALID\n");
    EXPECT_EQ(r.file_code, "CSV_FILE_MISSING_OR_INVALID");
    EXPECT_TRUE(r.lines.empty());
    auto odd = parse_import_response("<html>oops</html>");
    EXPECT_FALSE(odd.all_ok);
    ASSERT_EQ(odd.other.size(), 1u);
}

TEST(WriteResponse, ResultTokens) {
    EXPECT_EQ(parse_result_token(" OK \n").kind, TokenKind::Ok);
    auto w = parse_result_token("WARN_TIMECLOCK_ALREADY_RUNNING\n");
    EXPECT_EQ(w.kind, TokenKind::Warning);
    EXPECT_EQ(w.token, "WARN_TIMECLOCK_ALREADY_RUNNING");
    EXPECT_EQ(parse_result_token("RESULT_ERR_USERID_INVALID;IDLE;0;0").kind, TokenKind::Error);
    EXPECT_EQ(parse_result_token("something else").kind, TokenKind::Unknown);
    EXPECT_EQ(parse_result_token("").kind, TokenKind::Unknown);
}

// Every code api-notes.md documents for projectsimport, timeimportbyevents
// and timeclock. Many cannot reach the driver through a statement (its own
// checks refuse the row first, or the simulator cannot produce them: internal
// errors, a disabled time tracking, a clock running over two days, the
// wall-clock break rule, business trips), so their explanation is tested here.
TEST(WriteResponse, EveryDocumentedCodeHasAnExplanation) {
    for (const char* code :
         {// projectsimport
          "INTERNAL_ERROR", "CSV_FILE_MISSING_OR_INVALID", "CSV_FILE_TOO_LARGE", "LINE_NOT_READABLE",
          "NUMBER_OF_COLUMNS_INCORRECT", "COMMAND_MISSING_OR_INVALID", "PROJECT_ID_MISSING", "PROJECT_ID_INVALID",
          "PROJECT_ID_UNKNOWN", "PROJECT_NAME_MISSING_OR_INVALID", "PROJECT_ACTIVE_FLAG_MISSING_OR_INVALID",
          "PROJECT_BUDGET_HOURS_INVALID", "PROJECT_SERVICES_FLAG_MISSING_OR_INVALID",
          "WORKTIME_ENTRY_FOR_PROJECT_EXISTS_THUS_NO_DELETE", "COMMENT_INVALID_OR_TOO_LARGE",
          // timeimportbyevents
          "EMAIL_OR_EMPLOYEE_NUMBER_MISSING", "EMAIL_UNKNOWN", "EMPLOYEE_NUMBER_UNKNOWN", "TIMESTAMP_INVALID",
          "EVENT_TYPE_INVALID", "REMARKS_INVALID_OR_TOO_LONG", "SERVICE_ID_INVALID", "FIRST_EVENT_MUST_BE_START",
          "EVENT_MUST_BE_AFTER_PREVIOUS_EVENT", "ENTRY_COLLIDES_WITH_EXISTING_ENTRY",
          "ENTRY_MUST_NOT_EXCEED_TWO_CALENDAR_DAYS", "ENTRY_HAS_NO_WORK_TIME",
          // timeclock
          "WARN_TIMECLOCK_ALREADY_RUNNING", "WARN_TIMECLOCK_ALREADY_PAUSED", "WARN_TIME_ENTRY_SAVED_WITH_MODIFICATIONS",
          "WARN_SHORT_BUSINESSTRIP_TIMECLOCK_NOT_RUNNING", "WARN_SHORT_BUSINESSTRIP_ALREADY_STARTED",
          "WARN_SHORT_BUSINESSTRIP_NOT_STARTED", "RESULT_ERR_INTERNAL_ERROR", "RESULT_ERR_TIMETRACKING_FEATURE_NOT_ACT",
          "RESULT_ERR_COMMAND_INVALID", "RESULT_ERR_USERID_INVALID", "RESULT_ERR_PROJECTID_INVALID",
          "RESULT_ERR_SERVICEID_INVALID", "RESULT_ERR_TIMECLOCK_NOT_STARTABLE_MAY_OVERLAP",
          "RESULT_ERR_TIMECLOCK_STOPPED_WITHOUT_SAVE_DUE_TO_OVERLAPPING",
          "RESULT_ERR_TIMECLOCK_STOPPED_WITHOUT_SAVE_DUE_TO_UNRESOLVABLE_CHANGE_REQUIREMENTS",
          "RESULT_ERR_TIMECLOCK_NOT_RUNNING", "RESULT_ERR_MIN_DURATION_OR_PAUSE_NOT_OK",
          // useraccount and the set* actions (the simulator's reading)
          "RESULT_ERR_MISSING_PARAMETER", "RESULT_ERR_EMAIL_ALREADY_IN_USE",
          "RESULT_ERR_EMPLOYEENUMBER_ALREADY_IN_USE"})
        EXPECT_NE(explain(code), explain("NOT_A_CODE")) << code;
    EXPECT_EQ(sqlstate_for("WARN_TIMECLOCK_ALREADY_PAUSED"), "01000");
    EXPECT_EQ(sqlstate_for("RESULT_ERR_TIMETRACKING_FEATURE_NOT_ACT"), "HY000");
    EXPECT_EQ(sqlstate_for("NOT_A_CODE"), "HY000");
}

TEST(WriteResponse, InvalidParameterTokensNameTheParameter) {
    EXPECT_NE(explain("RESULT_ERR_GROUP_2_HOLIDAY_SET_ID_INVALID").find("group_2_holiday_set_id"), std::string::npos);
    EXPECT_EQ(sqlstate_for("RESULT_ERR_LOCALE_INVALID"), "22018");
    EXPECT_EQ(sqlstate_for("RESULT_ERR_USERID_INVALID"), "23000");  // a listed token keeps its own state
    EXPECT_EQ(sqlstate_for("RESULT_ERR__INVALID"), "HY000");
    EXPECT_EQ(explain("RESULT_ERR_INVALID"), explain("NOT_A_CODE"));
}

namespace {
tb::catalog::WriteField text_field(int max = 0) {
    tb::catalog::WriteField f;
    f.column = "name";
    f.field = "name";
    f.max_length = max;
    return f;
}
} // namespace

TEST(WriteValues, TextRulesForCsv) {
    std::vector<Problem> problems;
    Literal v = std::string("a;b");
    EXPECT_FALSE(field_text(text_field(), &v, true, 3, problems));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].row, 3);
    // Form fields may carry ';'.
    EXPECT_EQ(field_text(text_field(), &v, false, 3, problems).value_or(""), "a;b");
    Literal umlauts = std::string("\xC3\xA4\xC3\xB6\xC3\xBC");  // 3 characters, 6 bytes
    EXPECT_TRUE(field_text(text_field(3), &umlauts, true, 1, problems));
    EXPECT_FALSE(field_text(text_field(2), &umlauts, true, 1, problems));
}

TEST(WriteValues, RequiredMapsAndNumbers) {
    std::vector<Problem> problems;
    tb::catalog::WriteField state;
    state.column = "state";
    state.value_map = {{"Active", "true"}, {"Inactive", "false"}};
    Literal a = std::string("inactive");
    EXPECT_EQ(field_text(state, &a, true, 1, problems).value_or(""), "false");
    tb::catalog::WriteField budget;
    budget.column = "budget_hours";
    budget.format = tb::catalog::WriteFormat::Integer;
    budget.non_negative = true;
    Literal b = std::string(" 12 ");
    EXPECT_EQ(field_text(budget, &b, true, 1, problems).value_or(""), "12");
    Literal neg = std::int64_t(-1);
    EXPECT_FALSE(field_text(budget, &neg, true, 1, problems));
    Literal frac = 1.5;
    EXPECT_FALSE(field_text(budget, &frac, true, 1, problems));
    tb::catalog::WriteField required = text_field();
    required.required = true;
    Literal null;
    EXPECT_FALSE(field_text(required, &null, true, 7, problems));
    EXPECT_EQ(problems.back().sqlstate, "23000");
    EXPECT_EQ(problems.back().row, 7);
}

TEST(WriteValues, EventTimesAtMinutePrecision) {
    EXPECT_TRUE(event_minutes("2026-06-01 08:00:00"));
    EXPECT_TRUE(event_minutes("2026-06-01T08:00"));
    EXPECT_FALSE(event_minutes("2026-06-01 08:00:30"));
    EXPECT_FALSE(event_minutes("2026-02-30 08:00"));
    EXPECT_EQ(*event_minutes("2026-06-02 00:00") - *event_minutes("2026-06-01 23:59"), 1);
    std::vector<Problem> problems;
    tb::catalog::WriteField f;
    f.column = "event_time";
    f.format = tb::catalog::WriteFormat::EventTime;
    Literal t = std::string("2026-06-01 08:05:00");
    EXPECT_EQ(field_text(f, &t, true, 1, problems).value_or(""), "2026-06-01T08:05");
}
