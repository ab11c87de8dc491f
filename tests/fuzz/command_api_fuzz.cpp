// libFuzzer target: arbitrary bytes into the command API. Beyond "no crash, no
// sanitizer report", it checks the contract: the answer is one JSON object holding
// exactly "ok" or an "error" with string code/message/path, and calling twice gives
// the same bytes (determinism).
// triage.lint is left to its own target (triage_lint_fuzz.cpp, small protocols): here it
// would walk every shipped protocol (~0.3 s natively, seconds under ASan) on any request
// naming it, which kept this target far below a million runs.
#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "clinic/command.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view request(reinterpret_cast<const char*>(data), size);
  {
    boost::json::error_code pec;
    boost::json::value req = boost::json::parse(request, pec);
    const boost::json::object* o = pec ? nullptr : req.if_object();
    const boost::json::value* op = o ? o->if_contains("op") : nullptr;
    if (op && op->is_string() && op->get_string() == "triage.lint") return 0;
  }
  std::string response = clinic::call(request);
  boost::json::error_code ec;
  boost::json::value doc = boost::json::parse(response, ec);
  if (ec || !doc.is_object() || doc.get_object().size() != 1) std::abort();
  const boost::json::object& obj = doc.get_object();
  if (const boost::json::value* err = obj.if_contains("error")) {
    const boost::json::object* e = err->if_object();
    if (!e || !e->if_contains("code") || !e->at("code").is_string() || !e->at("message").is_string() ||
        !e->at("path").is_string()) {
      std::abort();
    }
  } else if (!obj.if_contains("ok")) {
    std::abort();
  }
  if (clinic::call(request) != response) std::abort();
  return 0;
}
