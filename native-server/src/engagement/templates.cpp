#include "engagement/templates.h"

#include <algorithm>
#include <cctype>

#include "errors.h"

namespace clinic::server {
namespace {

using boost::json::object;

[[noreturn]] void bad(const std::string& path, const std::string& zh, const std::string& en) {
  throw ApiError("invalid_rules", Text("消息模板配置有误：" + path + " " + zh, "message templates: " + path + " " + en),
                 path);
}

bool known_variable(const MessageKind& k, const std::string& v) {
  if (v == "clinic_name" || v == "note") return true;
  return std::any_of(k.variables.begin(), k.variables.end(), [&](const char* x) { return v == x; });
}

int parse_hhmm(const boost::json::value* v, const std::string& path) {
  if (!v || !v->is_string() || v->get_string().size() != 5 || v->get_string()[2] != ':')
    bad(path, "应为 \"HH:MM\"", "must be \"HH:MM\"");
  std::string s(v->get_string());
  if (!std::isdigit(s[0]) || !std::isdigit(s[1]) || !std::isdigit(s[3]) || !std::isdigit(s[4]))
    bad(path, "应为 \"HH:MM\"", "must be \"HH:MM\"");
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) bad(path, "不是有效时间", "is not a valid time");
  return h * 60 + m;
}

// Cuts to `n` Unicode characters (UTF-8 aware).
std::string cut_chars(const std::string& s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == n) return s.substr(0, i);
      ++chars;
    }
  }
  return s;
}

std::string value_text(const object& values, const std::string& name) {
  const auto* v = values.if_contains(name);
  if (!v) return "";
  if (v->is_string()) return std::string(v->get_string());
  return boost::json::serialize(*v);
}

}  // namespace

const std::vector<MessageKind>& message_kinds() {
  static const std::vector<MessageKind> kinds = {
      {"appointment_reminder", {"starts_at", "doctor_name", "department_name", "booking_id"}},
      {"points_expiring", {"points", "expires_on"}},
      {"coupon_expiring", {"coupon_name", "expires_on", "coupon_code"}},
      {"points_released", {"points"}},
      {"referral_reward", {"points", "reward"}},
      {"visit_followup", {"visit_date", "visit_id"}},
  };
  return kinds;
}

const MessageTemplate* TemplateConfig::for_kind(const std::string& kind) const {
  for (const MessageTemplate& t : templates)
    if (t.kind == kind) return &t;
  return nullptr;
}

const MessageTemplate* TemplateConfig::by_template_id(const std::string& template_id) const {
  for (const MessageTemplate& t : templates)
    if (t.template_id == template_id) return &t;
  return nullptr;
}

TemplateConfig parse_template_config(const std::string& document) {
  boost::json::error_code ec;
  boost::json::value root = boost::json::parse(document, ec);
  if (ec || !root.is_object()) bad("$", "应为 JSON 对象", "must be a JSON object");
  const object& o = root.get_object();
  for (const auto& kv : o) {
    if (kv.key() != "version" && kv.key() != "templates" && kv.key() != "quiet_hours")
      bad("$." + std::string(kv.key()), "是未知字段", "is not a known field");
  }
  const auto* version = o.if_contains("version");
  if (!version || !version->is_int64() || version->get_int64() != 1) bad("$.version", "应为 1", "must be 1");
  TemplateConfig c;
  if (const auto* q = o.if_contains("quiet_hours")) {
    if (!q->is_object()) bad("$.quiet_hours", "应为对象", "must be an object");
    c.quiet_from_min = parse_hhmm(q->get_object().if_contains("from"), "$.quiet_hours.from");
    c.quiet_to_min = parse_hhmm(q->get_object().if_contains("to"), "$.quiet_hours.to");
  }
  const auto* list = o.if_contains("templates");
  if (!list || !list->is_array()) bad("$.templates", "应为数组", "must be an array");
  size_t i = 0;
  for (const boost::json::value& item : list->get_array()) {
    std::string path = "$.templates[" + std::to_string(i++) + "]";
    if (!item.is_object()) bad(path, "应为对象", "must be an object");
    const object& t = item.get_object();
    for (const auto& kv : t) {
      if (kv.key() != "kind" && kv.key() != "template_id" && kv.key() != "page" && kv.key() != "fields")
        bad(path + "." + std::string(kv.key()), "是未知字段", "is not a known field");
    }
    MessageTemplate m;
    const auto* kind = t.if_contains("kind");
    const MessageKind* k = nullptr;
    if (kind && kind->is_string()) {
      for (const MessageKind& mk : message_kinds())
        if (kind->get_string() == mk.kind) k = &mk;
    }
    if (!k) {
      std::string names;
      for (const MessageKind& mk : message_kinds()) names += std::string(names.empty() ? "" : ", ") + mk.kind;
      bad(path + ".kind", "应为以下之一：" + names, "must be one of: " + names);
    }
    m.kind = k->kind;
    if (c.for_kind(m.kind)) bad(path + ".kind", "重复配置", "is configured twice");
    const auto* id = t.if_contains("template_id");
    bool id_ok = id && id->is_string() && !id->get_string().empty() && id->get_string().size() <= 64;
    if (id_ok) {
      for (char ch : id->get_string())
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') id_ok = false;
    }
    if (!id_ok) bad(path + ".template_id", "应为 1–64 位字母、数字、- 或 _", "must be 1–64 letters, digits, - or _");
    m.template_id = std::string(id->get_string());
    const auto* page = t.if_contains("page");
    if (!page || !page->is_string() || std::string_view(page->get_string()).substr(0, 6) != "pages/" ||
        page->get_string().size() > 128)
      bad(path + ".page", "应为以 pages/ 开头的小程序页面路径",
          "must be a mini-program page path starting with pages/");
    m.page = std::string(page->get_string());
    for (size_t open = m.page.find('{'); open != std::string::npos; open = m.page.find('{', open + 1)) {
      size_t close = m.page.find('}', open);
      if (close == std::string::npos || !known_variable(*k, m.page.substr(open + 1, close - open - 1)))
        bad(path + ".page", "引用了未知变量", "refers to an unknown {variable}");
    }
    const auto* fields = t.if_contains("fields");
    if (!fields || !fields->is_object() || fields->get_object().empty() || fields->get_object().size() > 10)
      bad(path + ".fields", "应为 1–10 个字段的对象", "must be an object of 1–10 fields");
    for (const auto& kv : fields->get_object()) {
      std::string key(kv.key());
      std::string fpath = path + ".fields." + key;
      size_t digits = key.find_first_of("0123456789");
      bool key_ok = digits != std::string::npos && digits > 0 && key.size() <= 32;
      for (size_t j = 0; key_ok && j < key.size(); ++j) {
        bool letter = (key[j] >= 'a' && key[j] <= 'z') || key[j] == '_';
        key_ok = j < digits ? letter : std::isdigit(static_cast<unsigned char>(key[j])) != 0;
      }
      if (!key_ok) bad(fpath, "字段名应为模板的关键词，如 thing1", "must be a template keyword such as thing1");
      if (!kv.value().is_string() || !known_variable(*k, std::string(kv.value().get_string()))) {
        std::string names = "clinic_name, note";
        for (const char* v : k->variables) names += std::string(", ") + v;
        bad(fpath, "应为以下变量之一：" + names, "must be one of the variables: " + names);
      }
      m.fields[key] = std::string(kv.value().get_string());
    }
    c.templates.push_back(std::move(m));
  }
  return c;
}

bool in_quiet_hours(const TemplateConfig& c, int local_min) {
  if (c.quiet_from_min == c.quiet_to_min) return false;
  if (c.quiet_from_min < c.quiet_to_min) return local_min >= c.quiet_from_min && local_min < c.quiet_to_min;
  return local_min >= c.quiet_from_min || local_min < c.quiet_to_min;  // spans midnight
}

boost::json::object render_fields(const MessageTemplate& t, const object& values) {
  object data;
  for (const auto& [key, variable] : t.fields) {
    size_t limit = key.rfind("thing", 0) == 0 ? 20 : 32;
    data[key] = object{{"value", cut_chars(value_text(values, variable), limit)}};
  }
  return data;
}

std::string render_page(const MessageTemplate& t, const object& values) {
  std::string out;
  for (size_t i = 0; i < t.page.size(); ++i) {
    if (t.page[i] == '{') {
      size_t close = t.page.find('}', i);
      out += value_text(values, t.page.substr(i + 1, close - i - 1));
      i = close;
    } else {
      out.push_back(t.page[i]);
    }
  }
  return out;
}

const char* demo_template_document() {
  return R"JSON({"version":1,"quiet_hours":{"from":"21:30","to":"08:00"},"templates":[
 {"kind":"appointment_reminder","template_id":"demo-appointment-reminder","page":"pages/appointments/appointments",
  "fields":{"thing1":"doctor_name","time2":"starts_at","thing3":"clinic_name","thing4":"note"}},
 {"kind":"visit_followup","template_id":"demo-visit-followup","page":"pages/review/review?visit_id={visit_id}",
  "fields":{"thing1":"clinic_name","date2":"visit_date","thing3":"note"}},
 {"kind":"coupon_expiring","template_id":"demo-coupon-expiring","page":"pages/coupons/coupons",
  "fields":{"thing1":"coupon_name","date2":"expires_on","thing3":"note"}},
 {"kind":"points_expiring","template_id":"demo-points-expiring","page":"pages/membership/membership",
  "fields":{"number1":"points","date2":"expires_on","thing3":"note"}},
 {"kind":"points_released","template_id":"demo-points-released","page":"pages/membership/membership",
  "fields":{"number1":"points","thing2":"note"}},
 {"kind":"referral_reward","template_id":"demo-referral-reward","page":"pages/invite/invite",
  "fields":{"thing1":"reward","thing2":"note"}}]})JSON";
}

}  // namespace clinic::server
