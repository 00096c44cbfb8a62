// catalog-docs PATH: writes docs/tables.md from the catalog. The file is only
// rewritten when its content changes, so an unchanged build stays unchanged.
#include "catalog/catalog.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
    const std::string md = tb::catalog::tables_markdown();
    if (argc < 2 || std::string(argv[1]) == "-") {
        std::cout << md;
        return 0;
    }
    const std::string path = argv[1];
    {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream current;
        current << in.rdbuf();
        if (in && current.str() == md) return 0;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << md;
    out.close();
    if (!out) {
        std::fprintf(stderr, "catalog-docs: cannot write %s\n", path.c_str());
        return 1;
    }
    std::printf("catalog-docs: wrote %s\n", path.c_str());
    return 0;
}
