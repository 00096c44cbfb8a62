// SCHEMA.md's naming rule for run-time columns, clash handling and the
// "did you mean" suggestions.
#include "catalog/catalog.hpp"

#include <gtest/gtest.h>

using namespace tb::catalog;

TEST(SnakeCase, SchemaExamples) {
    EXPECT_EQ(snake_case("Home address | Street"), "home_address_street");
    EXPECT_EQ(snake_case("Home address | ZIP Code"), "home_address_zip_code");
    EXPECT_EQ(snake_case("Personal data | Place of birth"), "personal_data_place_of_birth");
    EXPECT_EQ(snake_case("Medical certificate (sick leave only)"), "medical_certificate_sick_leave_only");
    EXPECT_EQ(snake_case("Zielort"), "zielort");
}

TEST(SnakeCase, Umlauts) {
    EXPECT_EQ(snake_case("Gr\xC3\xB6\xC3\x9F" "e"), "groesse");                   // Größe
    EXPECT_EQ(snake_case("Kursgeb\xC3\xBChr"), "kursgebuehr");                    // Kursgebühr
    EXPECT_EQ(snake_case("\xC3\x84nderung \xC3\x96l \xC3\x9C" "bung"), "aenderung_oel_uebung");
    EXPECT_EQ(snake_case("Entfernung in km"), "entfernung_in_km");
    EXPECT_EQ(snake_case("Stra\xC3\x9F" "e"), "strasse");
    EXPECT_EQ(snake_case("GRO\xE1\xBA\x9E"), "gross");                              // capital sharp s
    // Decomposed umlaut (u + U+0308) reads the same as the composed one.
    EXPECT_EQ(snake_case("Geb\x75\xCC\x88hr"), "gebuehr");
}

TEST(SnakeCase, SeparatorsAndEdges) {
    EXPECT_EQ(snake_case("  Leading and trailing  "), "leading_and_trailing");
    EXPECT_EQ(snake_case("a--b__c..d"), "a_b_c_d");
    EXPECT_EQ(snake_case("_x_"), "x");
    EXPECT_EQ(snake_case("Caf\xC3\xA9 Ol\xC3\xA9"), "caf_ol");  // other letters are separators
    EXPECT_EQ(snake_case("Kosten (\xE2\x82\xAC)"), "kosten");
    EXPECT_EQ(snake_case("ABC123def"), "abc123def");
    EXPECT_EQ(snake_case("---"), "column");
    EXPECT_EQ(snake_case(""), "column");
}

TEST(SnakeCase, LeadingDigitGetsPrefix) {
    EXPECT_EQ(snake_case("1. Wohnort"), "c_1_wohnort");
    EXPECT_EQ(snake_case("2024"), "c_2024");
    EXPECT_EQ(snake_case(" 3 Tage"), "c_3_tage");
}

TEST(UniqueNames, ClashesGetNumbers) {
    EXPECT_EQ(unique_names({"a", "b", "a", "a"}), (std::vector<std::string>{"a", "b", "a_2", "a_3"}));
    // A later original name keeps its name; the generated one skips it.
    EXPECT_EQ(unique_names({"x", "x", "x_2"}), (std::vector<std::string>{"x", "x_3", "x_2"}));
    EXPECT_EQ(unique_names({"x", "x_2", "x"}), (std::vector<std::string>{"x", "x_2", "x_3"}));
    // Case-insensitive, since SQL names are.
    EXPECT_EQ(unique_names({"comments", "Comments"}), (std::vector<std::string>{"comments", "Comments_2"}));
    EXPECT_TRUE(unique_names({}).empty());
}

TEST(UniqueNames, DeclaredColumnsKeepTheirNames) {
    // An absence field "Comments" would clash with the declared column.
    const Table* t = find_table("absences");
    ASSERT_NE(t, nullptr);
    std::vector<std::string> names;
    for (const Column& c : t->columns) names.push_back(c.name);
    names.push_back(snake_case("Comments"));
    names.push_back(snake_case("Comments"));
    auto out = unique_names(names);
    EXPECT_EQ(out[out.size() - 3], "substitute_user_id");
    EXPECT_EQ(out[out.size() - 2], "comments_2");
    EXPECT_EQ(out.back(), "comments_3");
}

TEST(RuntimeColumn, IsSnakeCasedText) {
    Column c = runtime_column("Home address | City");
    EXPECT_EQ(c.name, "home_address_city");
    EXPECT_EQ(c.header, "Home address | City");
    EXPECT_EQ(c.type, SqlType::WVarchar);
    EXPECT_EQ(c.size, kRuntimeColumnSize);
    EXPECT_EQ(c.parser, ValueParser::Text);
    EXPECT_TRUE(c.nullable);
}

TEST(AbsenceTypeMarker, EnglishAndGerman) {
    EXPECT_EQ(absence_type_marker("Additional entry fields for 'Business trip'"), "Business trip");
    EXPECT_EQ(absence_type_marker("additional entry fields for \"Training\""), "Training");
    EXPECT_EQ(absence_type_marker("Zusatzfelder f\xC3\xBCr \"Dienstreise\""), "Dienstreise");
    EXPECT_EQ(absence_type_marker("Zusatzfelder f\xC3\xBCr \xE2\x80\x9E" "Dienstreise\xE2\x80\x9C"), "Dienstreise");
    EXPECT_EQ(absence_type_marker("Zielort"), std::nullopt);
    EXPECT_EQ(absence_type_marker("Additional entry fields for ''"), std::nullopt);
    // The engine's name for a field after the marker.
    EXPECT_EQ(snake_case(*absence_type_marker("Zusatzfelder f\xC3\xBCr \"Dienstreise\"") + " " + "Zielort"),
              "dienstreise_zielort");
}

TEST(EditDistance, Basics) {
    EXPECT_EQ(edit_distance("users", "users"), 0);
    EXPECT_EQ(edit_distance("USERS", "users"), 0);
    EXPECT_EQ(edit_distance("user", "users"), 1);
    EXPECT_EQ(edit_distance("suers", "users"), 1);  // transposition
    EXPECT_EQ(edit_distance("", "abc"), 3);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
}

TEST(Suggest, TablesAndColumns) {
    EXPECT_EQ(suggest_table("user"), "users");
    EXPECT_EQ(suggest_table("absense"), "absences");
    EXPECT_EQ(suggest_table("worktme"), "worktime");
    EXPECT_EQ(suggest_table("Projekts"), "projects");
    EXPECT_EQ(suggest_table("holiday"), "holidays");
    EXPECT_EQ(suggest_table("employees"), "");
    EXPECT_EQ(suggest_table("x"), "");
    const Table* wt = find_table("worktime");
    ASSERT_NE(wt, nullptr);
    EXPECT_EQ(suggest_column(*wt, "userid"), "user_id");
    EXPECT_EQ(suggest_column(*wt, "working_time_seconds"), "");  // DESIGN.md's old name is too far
    EXPECT_EQ(suggest_column(*wt, "working_second"), "working_seconds");
    EXPECT_EQ(suggest_column(*wt, "colour"), "");
}

TEST(FindTable, CaseInsensitiveByNameOnly) {
    ASSERT_NE(find_table("users"), nullptr);
    EXPECT_EQ(find_table("USERS"), find_table("users"));
    EXPECT_EQ(find_table("WorkTime")->name, "worktime");
    EXPECT_EQ(find_table("timebutler.users"), nullptr);  // the caller strips the schema
    EXPECT_EQ(find_table("nope"), nullptr);
    EXPECT_EQ(find_table(""), nullptr);
}

TEST(FindColumn, CaseInsensitive) {
    const Table* t = find_table("absences");
    ASSERT_NE(t, nullptr);
    ASSERT_NE(t->find_column("DATE_FROM"), nullptr);
    EXPECT_EQ(t->find_column("date_from")->header, "From");
    EXPECT_EQ(t->find_column("nope"), nullptr);
    ASSERT_NE(t->find_key("YEAR"), nullptr);
    EXPECT_EQ(t->find_key("absence_id"), nullptr);
}
