// Subscribe-message templates per organisation (订阅消息模板), as data: which WeChat template
// each reminder kind uses, how the template's fields map from the reminder's values, the
// page the message opens, and the quiet hours. Validated on load (startup and PUT) with a
// clear error naming the JSON path, so a bad document never reaches the scheduler.
//
// {"version":1,
//  "quiet_hours":{"from":"21:30","to":"08:00"},            clinic-local; optional
//  "templates":[{"kind":"appointment_reminder","template_id":"AbC-12_x",
//                "page":"pages/appointments/appointments",  may use {variables}
//                "fields":{"thing1":"doctor_name","time2":"starts_at"}}]}
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clinic::server {

// Reminder kinds and the values each row carries (every kind also has clinic_name and note).
struct MessageKind {
  const char* kind;
  std::vector<const char*> variables;
};
const std::vector<MessageKind>& message_kinds();

struct MessageTemplate {
  std::string kind;
  std::string template_id;
  std::string page;
  std::map<std::string, std::string> fields;  // template key (thing1) → variable (doctor_name)
};

struct TemplateConfig {
  std::vector<MessageTemplate> templates;
  int quiet_from_min = 21 * 60 + 30;  // minutes after local midnight
  int quiet_to_min = 8 * 60;
  const MessageTemplate* for_kind(const std::string& kind) const;
  const MessageTemplate* by_template_id(const std::string& template_id) const;
};

// Throws ApiError("invalid_rules", …, "$.templates[1].fields.thing1") on anything wrong.
TemplateConfig parse_template_config(const std::string& document);
// The demo organisation's document (seeded with --demo).
const char* demo_template_document();

// True when `local_min` (minutes after local midnight) falls in the quiet hours.
bool in_quiet_hours(const TemplateConfig& c, int local_min);
// subscribe/send's "data": {"thing1":{"value":"王医生"}, …}, values cut to WeChat's limits
// (thing 20 characters, others 32).
boost::json::object render_fields(const MessageTemplate& t, const boost::json::object& values);
// The page with {variables} filled in.
std::string render_page(const MessageTemplate& t, const boost::json::object& values);

}  // namespace clinic::server
