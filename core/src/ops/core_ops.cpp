#include "ops/core_ops.h"

#include <boost/json.hpp>

#include "clinic/civil_time.h"
#include "clinic/money.h"
#include "clinic/version.h"
#include "clinic_build_id.h"

namespace clinic {
std::string_view build_id() {
  return CLINIC_BUILD_ID;
}
}  // namespace clinic

namespace clinic::ops {

Result<boost::json::value> core_version(const OpRequest& req) {
  if (!req.allow_fields({})) return req.body.context().take_error();
  boost::json::object out;
  out["version"] = kCoreVersion;
  out["build"] = build_id();
  boost::json::object schemas;
  for (const SchemaVersion& s : kSchemaVersions) schemas[s.document] = s.version;
  out["schemas"] = std::move(schemas);
  boost::json::array ops;
  for (const OpInfo& op : op_table()) {
    ops.push_back(boost::json::object{{"op", op.name}, {"v", op.max_version}, {"summary", op.summary}});
  }
  out["ops"] = std::move(ops);
  return boost::json::value(std::move(out));
}

Result<boost::json::value> calendar_local(const OpRequest& req) {
  if (!req.allow_fields({"at_ms", "utc_offset_min"})) return req.body.context().take_error();
  int64_t at = req.body.req_epoch_ms("at_ms");
  int32_t offset = req.body.opt_utc_offset("utc_offset_min");
  if (!req.body.ok()) return req.body.context().take_error();
  int64_t day = civil::local_day(at, offset);
  civil::Date date = civil::civil_from_days(day);
  boost::json::object out;
  out["date"] = civil::format_date(date);
  out["day"] = day;
  out["weekday"] = civil::weekday(day);
  out["month_index"] = civil::month_index(date);
  out["day_start_ms"] = civil::local_day_start_ms(day, offset);
  out["next_day_start_ms"] = civil::local_day_start_ms(day + 1, offset);
  out["month_end"] = civil::format_date(civil::end_of_month_after(date, 0));
  return boost::json::value(std::move(out));
}

Result<boost::json::value> money_allocate(const OpRequest& req) {
  if (!req.allow_fields({"total_fen", "weights"})) return req.body.context().take_error();
  int64_t total = req.body.req_fen("total_fen");
  std::vector<int64_t> weights;
  req.body.field("weights").for_each(
      1000, [&](const JsonReader& w, size_t) { weights.push_back(w.as_int(0, money::kMaxFen)); });
  if (!req.body.ok()) return req.body.context().take_error();
  if (weights.empty() && total > 0) {
    return make_error(ErrorCode::invalid_field, "权重不能为空", "weights must not be empty", "$.weights");
  }
  auto shares = money::allocate(total, weights);
  if (!shares) {
    return make_error(ErrorCode::invalid_field, "权重之和必须大于 0", "weights must sum to more than 0", "$.weights");
  }
  boost::json::array out;
  for (int64_t s : *shares) out.push_back(s);
  return boost::json::value(boost::json::object{{"shares_fen", std::move(out)}});
}

}  // namespace clinic::ops
