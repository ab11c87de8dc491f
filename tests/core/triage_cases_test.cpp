// The triage case bank (tests/vectors/triage-cases.json) scored per level: the
// vector runner checks each case; this prints the table the issue asks for and the
// two safety counts (missed emergencies, self-care cases sent to an emergency
// department). tests/node/triage.test.mjs prints the same on the wasm build.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "clinic/command.h"
#include "clinic/triage/model.h"

TEST_CASE("triage case bank: score per level (native)") {
  std::ifstream in(std::string(CLINIC_VECTORS_DIR) + "/triage-cases.json", std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  boost::json::value doc = boost::json::parse(ss.str());
  std::map<std::string, std::pair<int, int>> per_level;  // level -> (passed, total)
  int missed_emergencies = 0;
  int self_care_to_ed = 0;
  int passed = 0;
  int total = 0;
  for (const auto& c : doc.at("cases").as_array()) {
    std::string expected(c.at("response_includes").at("ok").at("outcome").at("level").as_string());
    boost::json::value r = boost::json::parse(clinic::call(boost::json::serialize(c.at("request"))));
    std::string got =
        r.as_object().contains("ok") ? std::string(r.at("ok").at("outcome").at("level").as_string()) : "error";
    auto exp_level = clinic::triage::parse_level(expected);
    auto got_level = clinic::triage::parse_level(got);
    REQUIRE(exp_level);
    bool ok = got == expected;
    per_level[expected].second++;
    if (ok) per_level[expected].first++;
    if (clinic::triage::is_emergency(*exp_level) && !(got_level && clinic::triage::is_emergency(*got_level)))
      ++missed_emergencies;
    if (*exp_level == clinic::triage::Level::self_care && got_level && clinic::triage::is_emergency(*got_level))
      ++self_care_to_ed;
    passed += ok;
    ++total;
    CHECK_MESSAGE(ok, std::string(c.at("name").as_string()) << " -> " << got);
  }
  std::ostringstream table;
  table << "triage case bank (native): " << passed << "/" << total << "\n";
  for (const char* level : {"emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"}) {
    table << "  " << level << ": " << per_level[level].first << "/" << per_level[level].second << "\n";
  }
  table << "  missed emergencies: " << missed_emergencies << ", self-care sent to ED: " << self_care_to_ed;
  MESSAGE(table.str());
  CHECK(total >= 60);
  for (const auto& kv : per_level) CHECK_MESSAGE(kv.second.second > 0, kv.first);
  CHECK(per_level.size() == 5);
  CHECK(missed_emergencies == 0);
  CHECK(self_care_to_ed == 0);
}
