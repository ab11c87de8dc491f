// libFuzzer target: arbitrary bytes as a points_rules document, straight into the core's
// rules reader (points::codec::read_rules), no command envelope in between. Beyond "no
// crash, no sanitizer report": a refused document names an error with a JSON path under
// "$", and a read is deterministic (reading the same bytes twice agrees).
#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "clinic/json_reader.h"
#include "points/codec.h"

namespace {

struct Outcome {
  bool ok = false;
  std::string version, clinic_id, error_path;
  size_t earning = 0, catalogue = 0, tiers = 0;
};

Outcome read_once(const boost::json::value& doc) {
  clinic::ReadContext ctx;
  clinic::JsonReader field(&doc, "$", ctx);
  auto rules = clinic::points::codec::read_rules(field);
  Outcome out;
  if (rules) {
    out.ok = true;
    out.version = rules->version;
    out.clinic_id = rules->clinic_id;
    out.earning = rules->earning.size();
    out.catalogue = rules->catalogue.size();
    out.tiers = rules->tiers.levels.size();
  } else {
    out.error_path = rules.error().path;
    if (out.error_path.rfind("$", 0) != 0) std::abort();  // every refusal names where
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  boost::json::parse_options opts;
  opts.max_depth = 64;
  boost::json::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec, {}, opts);
  if (ec) {
    // The reader also accepts the document as JSON text: feed the raw bytes that way.
    doc = boost::json::string(text);
  }
  Outcome a = read_once(doc);
  Outcome b = read_once(doc);
  if (a.ok != b.ok || a.version != b.version || a.clinic_id != b.clinic_id || a.error_path != b.error_path ||
      a.earning != b.earning || a.catalogue != b.catalogue || a.tiers != b.tiers) {
    std::abort();
  }
  return 0;
}
