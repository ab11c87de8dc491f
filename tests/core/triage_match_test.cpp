// The matcher's phrase bank (tests/triage-match/phrases.json): each phrase as a patient
// or parent types it -> the complaint group the top suggestion must belong to, and the
// groups it must not suggest at all. Phrases for complaints not in the catalogue are
// counted as pending, never as passing. Also prints the matcher's cost per call (a
// figure for the README, not an assertion: timing is not a test condition).
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "clinic/command.h"
#include "clinic/triage/matcher.h"
#include "clinic/triage/protocol_reader.h"

namespace {

boost::json::value read_bank() {
  std::ifstream in(std::string(CLINIC_SOURCE_DIR) + "/tests/triage-match/phrases.json", std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return boost::json::parse(ss.str());
}

}  // namespace

TEST_CASE("triage match: phrase bank (native)") {
  auto cat = clinic::triage::builtin_catalogue();
  REQUIRE(cat.ok());
  std::set<std::string> groups;
  for (const auto& p : (*cat)->protocols) groups.insert(p.group);
  boost::json::value bank = read_bank();
  int passed = 0;
  int pending = 0;
  int total = 0;
  for (const auto& row : bank.at("phrases").as_array()) {
    std::string text(row.at("text").as_string());
    std::string expect(row.at("expect").as_string());
    if (!groups.count(expect)) {
      ++pending;
      continue;
    }
    ++total;
    boost::json::object req{{"op", "triage.match"}, {"v", 1}, {"text", text}, {"limit", 5}};
    if (row.as_object().contains("patient")) req["patient"] = row.at("patient");
    boost::json::value r = boost::json::parse(clinic::call(boost::json::serialize(req)));
    const auto& matches = r.at("ok").at("matches").as_array();
    bool ok = !matches.empty() && matches[0].at("group").as_string() == expect;
    std::string got = matches.empty() ? "nothing" : std::string(matches[0].at("group").as_string());
    if (const auto* no = row.as_object().if_contains("not")) {
      for (const auto& m : matches) {
        for (const auto& g : no->as_array()) {
          if (m.at("group") == g) {
            ok = false;
            got += " (also suggests " + std::string(g.as_string()) + ")";
          }
        }
      }
    }
    CHECK_MESSAGE(ok, text << " -> " << got << ", expected " << expect);
    passed += ok;
  }
  MESSAGE("phrase bank (native): " << passed << "/" << total << " passed, " << pending
                                   << " pending (complaint not in the catalogue)");
  CHECK(total >= 200);
}

TEST_CASE("triage match: cost per call (printed, not asserted)") {
  auto index = clinic::triage::builtin_match_index();
  REQUIRE(index.ok());
  const char* texts[] = {"孩子肚子突然疼得厉害",          "尿尿的时候疼，老想上厕所",          "burning when I pee",
                         "my eye is painful and swollen", "chest pain going into my left arm", "头疼发烧三天了"};
  size_t found = 0;
  auto start = std::chrono::steady_clock::now();
  const int kCalls = 600;
  for (int i = 0; i < kCalls; ++i) found += (*index)->match(texts[i % 6], -1, 5).size();
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("matcher: " << us / kCalls << " us per call over " << kCalls << " calls (this build's optimisation level)");
  CHECK(found > 0);
}
