#include "tests/support/sim_process.hpp"

#include <fstream>

namespace tb::test {

bool LoggedRequest::has(const std::string& key, const std::string& value) const {
    return line.find("\"" + key + "\":\"" + value + "\"") != std::string::npos;
}

std::vector<LoggedRequest> SimProcess::requests() const {
    std::vector<LoggedRequest> out;
    std::ifstream in(log_path_);
    std::string line;
    while (std::getline(in, line)) {
        LoggedRequest r;
        r.line = line;
        const std::string key = "\"action\":\"";
        auto p = line.find(key);
        if (p != std::string::npos) {
            auto e = line.find('"', p + key.size());
            r.action = line.substr(p + key.size(), e - p - key.size());
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<LoggedRequest> SimProcess::requests(const std::string& action) const {
    std::vector<LoggedRequest> out;
    for (auto& r : requests())
        if (r.action == action) out.push_back(r);
    return out;
}

void SimProcess::clear_log() const { std::ofstream(log_path_, std::ios::trunc); }

std::string SimProcess::connection_string(const std::string& extra) const {
    return "Driver=" + driver_path() + ";Server=" + server() + ";Token=" + kToken + ";PersonnelToken=" +
           kPersonnelToken + ";CAFile=" + ca_file() + ";Cache=memory;" + extra;
}

} // namespace tb::test
