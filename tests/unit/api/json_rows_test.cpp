// JSON answers of REST sources: an array of flat objects read as rows of
// text fields aligned with the names of every element; anything else is a
// JsonShapeError naming element and field. Login answers and JWT claims.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/bearer_login.hpp"
#include "api/json_rows.hpp"

using namespace tb::api;

namespace {

std::vector<std::vector<std::string>> rows_of(const std::string& body, std::vector<std::string>& keys) {
    keys = json_array_keys(body);
    std::vector<std::vector<std::string>> rows;
    decode_json_rows(body, keys, [&](std::span<const std::string_view> fields, std::size_t) {
        rows.emplace_back(fields.begin(), fields.end());
    });
    return rows;
}

JsonShapeError shape_error(const std::string& body) {
    try {
        std::vector<std::string> keys = json_array_keys(body);
        decode_json_rows(body, keys, [](std::span<const std::string_view>, std::size_t) {});
    } catch (const JsonShapeError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for " << body;
    return JsonShapeError("", 0, "");
}

} // namespace

TEST(JsonRows, FieldsAlignWithEveryElementsNames) {
    std::vector<std::string> keys;
    auto rows = rows_of(R"([{"id":1080,"starttime":"2025-03-04T09:16:00","locked":true,"comment":"C:\\Daten \"x\""},
                           {"id":9007199254740993,"comment":null,"duration":285,"locked":false}])",
                        keys);
    ASSERT_EQ(keys, (std::vector<std::string>{"id", "starttime", "locked", "comment", "duration"}));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"1080", "2025-03-04T09:16:00", "true", "C:\\Daten \"x\"", ""}));
    // Numbers stay as written (beyond 2^53 too); null and absent read "".
    EXPECT_EQ(rows[1], (std::vector<std::string>{"9007199254740993", "", "false", "", "285"}));
}

TEST(JsonRows, EmptyArrayHasNoNamesAndNoRows) {
    std::vector<std::string> keys;
    EXPECT_TRUE(rows_of(" [ ] ", keys).empty());
    EXPECT_TRUE(keys.empty());
}

TEST(JsonRows, MembersInAnotherOrderStillAlign) {
    std::vector<std::string> keys;
    auto rows = rows_of(R"([{"a":"1","b":"2"},{"b":"3","a":"4"}])", keys);
    EXPECT_EQ(rows[1], (std::vector<std::string>{"4", "3"}));
}

TEST(JsonRows, ShapeErrorsNameElementAndField) {
    auto nested = shape_error(R"([{"id":1},{"id":2,"tags":["x"]}])");
    EXPECT_EQ(nested.element(), 2u);
    EXPECT_EQ(nested.field(), "tags");
    auto twice = shape_error(R"([{"id":1,"id":2}])");
    EXPECT_EQ(twice.element(), 1u);
    EXPECT_EQ(twice.field(), "id");
    EXPECT_EQ(shape_error(R"([{"id":1},7])").element(), 2u);
    EXPECT_NE(std::string(shape_error(R"({"id":1})").what()).find("not an array"), std::string::npos);
    EXPECT_NE(std::string(shape_error(R"([{"id":1},)").what()).find("not valid JSON"), std::string::npos);
    EXPECT_NE(std::string(shape_error("<html>").what()).find("not valid JSON"), std::string::npos);
    EXPECT_NE(std::string(shape_error(R"([{"id":1}] x)").what()).find("not valid JSON"), std::string::npos);
}

TEST(JsonRows, QuoteEscapesWhatJsonNeeds) {
    EXPECT_EQ(json_quote("a\"b\\c\n\x01"), R"("a\"b\\c\n\u0001")");
    EXPECT_EQ(json_quote("Müller"), "\"Müller\"");
}

TEST(JsonRows, CreatedIdFromObjectArrayOrValue) {
    EXPECT_EQ(json_created_id(R"([{"id":500001}])", "id"), "500001");
    EXPECT_EQ(json_created_id(R"({"id":"42"})", "id"), "42");
    EXPECT_EQ(json_created_id("17", "id"), "17");
    EXPECT_EQ(json_created_id("[]", "id"), std::nullopt);
    EXPECT_EQ(json_created_id("", "id"), std::nullopt);
}

TEST(LoginAnswer, RawBodyJsonStringOrTokenMember) {
    const std::string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.c2ln";
    EXPECT_EQ(token_from_login_answer(jwt + "\r\n"), jwt);
    EXPECT_EQ(token_from_login_answer("\"" + jwt + "\""), jwt);
    EXPECT_EQ(token_from_login_answer("{\"token\":\"" + jwt + "\"}"), jwt);
    EXPECT_EQ(token_from_login_answer("{\"jwt\":\"" + jwt + "\"}"), std::nullopt);
    EXPECT_EQ(token_from_login_answer(""), std::nullopt);
    EXPECT_EQ(token_from_login_answer("<html><body>Login</body></html>"), std::nullopt);
}

TEST(LoginAnswer, ExpiryFromTheExpClaim) {
    // {"sub":"a@b.c","exp":1700000000} base64url, without padding.
    EXPECT_EQ(jwt_expiry("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhQGIuYyIsImV4cCI6MTcwMDAwMDAwMH0.c2ln"), 1700000000);
    EXPECT_EQ(jwt_expiry("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhQGIuYyJ9.c2ln"), std::nullopt);  // no exp
    EXPECT_EQ(jwt_expiry("opaque-token"), std::nullopt);
}

TEST(LoginAnswer, BodyCarriesBothFieldsEscaped) {
    EXPECT_EQ(login_body("anna+zeit@example.com", "p\"w"),
              R"({"loginemail":"anna+zeit@example.com","apipassword":"p\"w"})");
}
