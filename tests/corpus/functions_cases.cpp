// Every ODBC scalar function the printer renders, evaluated by SQLite and
// compared with the value ODBC defines; also the capabilities table.
#include "tests/corpus/cases.hpp"

namespace tb::sql::test {

const std::vector<Case>& function_cases() {
    static const std::vector<Case> cases = {
        // string functions
        {"SELECT {fn UCASE('abc')}, {fn LCASE('ABC')}", "rows:ABC|abc"},
        {"SELECT {fn LEFT('abcdef', 3)}, {fn RIGHT('abcdef', 2)}, {fn RIGHT('abc', 5)}, {fn RIGHT('abc', 0)}",
         "rows:abc|ef|abc|"},
        {"SELECT {fn LENGTH('abc  ')}, {fn CHAR_LENGTH('abc  ')}, {fn CHARACTER_LENGTH('äb')}", "rows:3|5|2"},
        {"SELECT {fn LOCATE('c', 'abcabc')}, {fn LOCATE('c', 'abcabc', 4)}, {fn LOCATE('x', 'abc')}, {fn LOCATE('a', 'abc', 2)}",
         "rows:3|6|0|0"},
        {"SELECT {fn SUBSTRING('abcdef', 2, 3)}, {fn SUBSTRING('abcdef', 4)}, SUBSTRING('abcdef' FROM 2 FOR 3)",
         "rows:bcd|def|bcd"},
        {"SELECT {fn CONCAT('a', 'b')}, {fn CONCAT({fn CONCAT('a', 'b')}, 'c')}", "rows:ab|abc"},
        {"SELECT {fn INSERT('abcdef', 2, 3, 'XY')}", "rows:aXYef"},
        {"SELECT {fn REPEAT('ab', 3)}, {fn REPEAT('x', 0)}", "rows:ababab|"},
        {"SELECT '[' || {fn SPACE(3)} || ']'", "rows:[   ]"},
        {"SELECT {fn REPLACE('aXbX', 'X', 'Y')}", "rows:aYbY"},
        {"SELECT {fn LTRIM('  a ')} || '|' || {fn RTRIM(' a  ')}", "rows:a | a"},
        {"SELECT TRIM('  a  '), TRIM(BOTH 'x' FROM 'xxaxx'), TRIM(LEADING 'x' FROM 'xxa'), TRIM(TRAILING FROM 'a  ')",
         "rows:a|a|a|a"},
        {"SELECT {fn ASCII('A')}, {fn CHAR(66)}", "rows:65|B"},
        {"SELECT {fn BIT_LENGTH('ab')}, {fn OCTET_LENGTH('äb')}", "rows:16|3"},
        {"SELECT POSITION('b' IN 'abc'), {fn POSITION('c' IN 'abc')}", "rows:2|3"},
        {"SELECT {fn SOUNDEX('Robert')}, {fn DIFFERENCE('Robert', 'Rupert')}", "rows:R163|4"},
        {"SELECT LOWER('AbC'), UPPER('aBc'), SUBSTR('abc', 2)", "rows:abc|ABC|bc"},
        // numeric functions
        {"SELECT {fn ABS(-3)}, {fn CEILING(2.1)}, {fn FLOOR(2.9)}, {fn SIGN(-2)}, {fn MOD(7, 3)}", "rows:3|3|2|-1|1"},
        {"SELECT {fn ROUND(2.567, 2)}, {fn ROUND(1234.5, -2)}, {fn ROUND(2.5, 0)}", "rows:2.57|1200|3"},
        {"SELECT {fn TRUNCATE(2.567, 1)}, {fn TRUNCATE(2024, 0)}, {fn TRUNCATE(-2.5, 0)}", "rows:2.5|2024|-2"},
        {"SELECT {fn POWER(2, 10)}, {fn SQRT(16)}, {fn EXP(0)}, {fn LOG(1)}, {fn LOG10(1000)}", "rows:1024|4|1|0|3"},
        {"SELECT {fn PI()}, {fn DEGREES({fn PI()})}, {fn RADIANS(180)}", "rows:3.14159|180|3.14159"},
        {"SELECT {fn SIN(0)}, {fn COS(0)}, {fn TAN(0)}, {fn COT(1)}", "rows:0|1|0|0.642093"},
        {"SELECT {fn ASIN(1)}, {fn ACOS(1)}, {fn ATAN(0)}, {fn ATAN2(1, 1)}", "rows:1.5708|0|0|0.785398"},
        {"SELECT {fn RAND()} >= 0 AND {fn RAND(5)} < 1", "rows:1"},
        // time and date functions
        {"SELECT {fn YEAR({d '2024-03-15'})}, {fn MONTH({d '2024-03-15'})}, {fn DAYOFMONTH({d '2024-03-15'})}",
         "rows:2024|3|15"},
        {"SELECT {fn DAYOFWEEK({d '2024-03-17'})}, {fn DAYOFWEEK({d '2024-03-16'})}, {fn DAYOFYEAR({d '2024-03-15'})}",
         "rows:1|7|75"},
        {"SELECT {fn QUARTER({d '2024-03-31'})}, {fn QUARTER({d '2024-04-01'})}, {fn QUARTER({d '2024-12-31'})}",
         "rows:1|2|4"},
        {"SELECT {fn WEEK({d '2024-01-01'})}, {fn WEEK({d '2024-01-06'})}, {fn WEEK({d '2024-01-07'})}, {fn WEEK({d '2024-12-31'})}",
         "rows:1|1|2|53"},
        {"SELECT {fn DAYNAME({d '2024-03-17'})}, {fn MONTHNAME({d '2024-03-17'})}", "rows:Sunday|March"},
        {"SELECT {fn HOUR({t '10:20:30'})}, {fn MINUTE({t '10:20:30'})}, {fn SECOND({t '10:20:30'})}, "
         "{fn HOUR({ts '2024-01-01 23:05:00'})}",
         "rows:10|20|30|23"},
        {"SELECT {fn CURDATE()} = CURRENT_DATE, {fn CURRENT_DATE()} = {fn CURDATE()}, "
         "length({fn NOW()}), length({fn CURTIME()}), length({fn CURRENT_TIMESTAMP()}), length(CURRENT_TIME)",
         "rows:1|1|19|8|19|8"},
        {"SELECT {fn TIMESTAMPADD(SQL_TSI_DAY, 1, {d '2024-02-28'})}, {fn TIMESTAMPADD(SQL_TSI_WEEK, 2, {d '2024-01-01'})}",
         "rows:2024-02-29|2024-01-15"},
        {"SELECT {fn TIMESTAMPADD(SQL_TSI_MONTH, 1, {d '2024-01-31'})}, {fn TIMESTAMPADD(SQL_TSI_YEAR, 1, {d '2024-02-29'})}, "
         "{fn TIMESTAMPADD(SQL_TSI_QUARTER, -1, {d '2024-05-31'})}, {fn TIMESTAMPADD(SQL_TSI_MONTH, -13, {d '2024-03-15'})}",
         "rows:2024-02-29|2025-02-28|2024-02-29|2023-02-15"},
        {"SELECT {fn TIMESTAMPADD(SQL_TSI_HOUR, 5, {ts '2024-01-01 22:00:00'})}, "
         "{fn TIMESTAMPADD(SQL_TSI_MINUTE, 90, {ts '2024-01-01 22:00:00'})}, "
         "{fn TIMESTAMPADD(SQL_TSI_SECOND, -30, {ts '2024-01-01 00:00:00'})}",
         "rows:2024-01-02 03:00:00|2024-01-01 23:30:00|2023-12-31 23:59:30"},
        {"SELECT {fn TIMESTAMPADD(SQL_TSI_MONTH, 1, {ts '2024-01-31 10:00:00'})}, "
         "{fn TIMESTAMPADD(SQL_TSI_DAY, -1, {ts '2024-03-01 10:00:00'})}, {fn TIMESTAMPADD(SQL_TSI_FRAC_SECOND, 0, {ts '2024-03-01 10:00:00'})}",
         "rows:2024-02-29 10:00:00|2024-02-29 10:00:00|2024-03-01 10:00:00"},
        {"SELECT {fn TIMESTAMPDIFF(SQL_TSI_DAY, {d '2024-01-01'}, {d '2024-03-01'})}, "
         "{fn TIMESTAMPDIFF(SQL_TSI_MONTH, {d '2024-01-31'}, {d '2024-02-01'})}, "
         "{fn TIMESTAMPDIFF(SQL_TSI_YEAR, {d '2024-12-31'}, {d '2025-01-01'})}, "
         "{fn TIMESTAMPDIFF(SQL_TSI_QUARTER, {d '2024-03-31'}, {d '2024-04-01'})}",
         "rows:60|1|1|1"},
        {"SELECT {fn TIMESTAMPDIFF(SQL_TSI_HOUR, {ts '2024-01-01 10:59:00'}, {ts '2024-01-01 11:01:00'})}, "
         "{fn TIMESTAMPDIFF(SQL_TSI_MINUTE, {ts '2024-01-01 10:59:00'}, {ts '2024-01-01 11:01:00'})}, "
         "{fn TIMESTAMPDIFF(SQL_TSI_SECOND, {ts '2024-01-01 10:59:00'}, {ts '2024-01-01 11:01:00'})}, "
         "{fn TIMESTAMPDIFF(SQL_TSI_WEEK, {d '2024-01-06'}, {d '2024-01-07'})}, "
         "{fn TIMESTAMPDIFF(SQL_TSI_FRAC_SECOND, {ts '2024-01-01 00:00:00'}, {ts '2024-01-01 00:00:01'})}",
         "rows:1|2|120|1|1000000000"},
        {"SELECT {fn TIMESTAMPDIFF(SQL_TSI_DAY, date_from, date_to)} FROM absences WHERE absence_id = 103", "rows:11"},
        // system functions and conversions
        {"SELECT {fn DATABASE()}, {fn USER()}, {fn IFNULL(NULL, 3)}, {fn IFNULL(2, 3)}", "rows:timebutler||3|2"},
        {"SELECT {fn CONVERT('12', SQL_INTEGER)} + 1, {fn CONVERT(12, SQL_VARCHAR)} || 'x', {fn CONVERT('2.5', SQL_DOUBLE)}",
         "rows:13|12x|2.5"},
        {"SELECT {fn CONVERT('2024-01-05 10:00:00', SQL_DATE)}, {fn CONVERT({d '2024-01-05'}, SQL_TIMESTAMP)}, "
         "{fn CONVERT('2024-01-05 10:00:00', SQL_TYPE_TIME)}",
         "rows:2024-01-05|2024-01-05 00:00:00|10:00:00"},
        {"SELECT {fn CONVERT(5, SQL_BIT)}, {fn CONVERT(0, SQL_BIT)}, {fn CONVERT(42, SQL_WVARCHAR)}, "
         "{fn CONVERT(2.7, SQL_BIGINT)}, {fn CONVERT('3', SQL_DECIMAL)}",
         "rows:1|0|42|2|3"},
        {"SELECT CONVERT(12, SQL_CHAR), {fn CONVERT(1, SQL_SMALLINT)}, {fn CONVERT(1, SQL_TINYINT)}, {fn CONVERT(1.5, SQL_REAL)}, "
         "{fn CONVERT(1.5, SQL_FLOAT)}, {fn CONVERT(1.5, SQL_NUMERIC)}, {fn CONVERT('x', SQL_LONGVARCHAR)}, "
         "{fn CONVERT('y', SQL_WLONGVARCHAR)}, {fn CONVERT('z', SQL_WCHAR)}, {fn CONVERT('10:00:00', SQL_TIME)}",
         "rows:12|1|1|1.5|1.5|1.5|x|y|z|10:00:00"},
        // nesting and whitespace
        {"SELECT {fn UCASE({fn LEFT({fn CONCAT('ab', 'cd')}, 3)})}", "rows:ABC"},
        {"SELECT { fn  ucase (  'x'  ) }, {fn\tlcase('Y')}, {FN Ucase('z')}", "rows:X|y|Z"},
        {"SELECT CAST({fn TRUNCATE(EXTRACT(YEAR FROM {d '2024-05-01'}), 0)} AS INTEGER)", "rows:2024"},
        {"SELECT {fn CONVERT({fn TIMESTAMPADD(SQL_TSI_DAY, CAST((-1 * ({fn DAYOFWEEK({d '2024-03-20'})} - 1)) AS INTEGER), "
         "CAST({d '2024-03-20'} AS DATE))}, SQL_DATE)}",
         "rows:2024-03-17"},
        {"SELECT {fn IFNULL({fn LOCATE('x', {fn LCASE('AXB')})}, 0)}", "rows:2"},
    };
    return cases;
}

} // namespace tb::sql::test
