// Runs tests/vectors/*.json natively. The Node runner (wasm/vectors.mjs) applies the
// same rules to the wasm build; both must produce the expected bytes.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "clinic/command.h"
#include "clinic/points/account_host.h"

namespace fs = std::filesystem;

namespace {

bool includes(const boost::json::value& actual, const boost::json::value& expected) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (const auto& kv : expected.get_object()) {
      const boost::json::value* a = actual.get_object().if_contains(kv.key());
      if (!a || !includes(*a, kv.value())) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.get_array().size() != expected.get_array().size()) return false;
    for (size_t i = 0; i < expected.get_array().size(); ++i) {
      if (!includes(actual.get_array()[i], expected.get_array()[i])) return false;
    }
    return true;
  }
  return actual == expected;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("test vectors (native)") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(CLINIC_VECTORS_DIR)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  size_t cases = 0;
  for (const fs::path& file : files) {
    boost::json::value doc = boost::json::parse(read_file(file));
    for (const auto& c : doc.at("cases").as_array()) {
      const auto& tc = c.as_object();
      std::string name = file.filename().string() + " :: " + std::string(tc.at("name").as_string());
      CAPTURE(name);
      std::string request = tc.contains("request_text") ? std::string(tc.at("request_text").as_string())
                                                        : boost::json::serialize(tc.at("request"));
      std::string actual = clinic::call(request);
      if (tc.contains("response")) {
        CHECK(actual == boost::json::serialize(tc.at("response")));
      } else {
        REQUIRE(tc.contains("response_includes"));
        boost::json::error_code ec;
        boost::json::value parsed = boost::json::parse(actual, ec);
        REQUIRE_FALSE(ec);
        CHECK_MESSAGE(includes(parsed, tc.at("response_includes")), actual);
      }
      ++cases;
    }
  }
  MESSAGE("ran " << cases << " vector cases from " << files.size() << " files");
}

// The host path (the server): every points/referral/account vector with a valid rule document,
// run through call_with_rules with the document parsed once, answers exactly as call() does.
TEST_CASE("call_with_rules answers every rules-carrying vector as call() does") {
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(CLINIC_VECTORS_DIR)) {
    if (entry.path().extension() != ".json") continue;
    boost::json::value doc = boost::json::parse(read_file(entry.path()));
    for (const boost::json::value& c : doc.at("cases").as_array()) {
      const boost::json::object& tc = c.as_object();
      if (!tc.contains("request")) continue;
      boost::json::object req = tc.at("request").as_object();
      const boost::json::value* rules_doc = req.if_contains("rules");
      const boost::json::value* op = req.if_contains("op");
      if (!rules_doc || !op || !op->is_string() || req.if_contains("v") == nullptr || req.at("v") != 1) continue;
      std::string op_name(op->as_string());
      if (op_name.rfind("rules.", 0) == 0) continue;  // validation ops read their own documents
      std::string text =
          rules_doc->is_string() ? std::string(rules_doc->as_string()) : boost::json::serialize(*rules_doc);
      auto parsed = clinic::points::parse_rules_document(text);
      if (!parsed.ok()) continue;  // an invalid document: call() reports it, a host never stores one
      std::string lang = req.contains("lang") && req.at("lang") == "en" ? "en" : "zh-CN";
      boost::json::value expected = boost::json::parse(clinic::call(boost::json::serialize(req)));
      req.erase("rules");
      req.erase("op");
      req.erase("v");
      req.erase("lang");
      auto got = clinic::call_with_rules(op_name, boost::json::value(req), *parsed, lang);
      INFO(entry.path().filename().string() << " :: " << tc.at("name").as_string());
      if (got.ok()) {
        CHECK(boost::json::serialize(boost::json::object{{"ok", got.value()}}) == boost::json::serialize(expected));
      } else {
        REQUIRE(expected.as_object().contains("error"));
        CHECK(clinic::error_code_name(got.error().code) == expected.at("error").at("code").as_string());
      }
      ++compared;
    }
  }
  MESSAGE("host path compared on " << compared << " vector cases");
  CHECK(compared > 100);
}
