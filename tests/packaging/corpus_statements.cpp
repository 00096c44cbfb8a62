// Prints every statement of the SQL corpus (tests/corpus), one per line
// (line breaks inside a statement become spaces), for the connector tests
// that check each claimed capability against a statement of the corpus.
#include <iostream>
#include <string>

#include "tests/corpus/cases.hpp"

int main() {
    using namespace tb::sql::test;
    for (const auto* list : {&select_cases(), &bi_cases(), &function_cases(), &with_window_cases()})
        for (const auto& c : *list) {
            std::string line = c.odbc;
            for (char& ch : line)
                if (ch == '\n' || ch == '\r') ch = ' ';
            std::cout << line << '\n';
        }
    return 0;
}
