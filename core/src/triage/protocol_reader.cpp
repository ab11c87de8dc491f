#include "clinic/triage/protocol_reader.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>

namespace clinic::triage {
namespace {

constexpr size_t kMaxTextLen = 2000;
constexpr size_t kMaxIdLen = 64;
constexpr size_t kMaxQuestions = 40;
constexpr size_t kMaxOutcomes = 24;
constexpr size_t kMaxRules = 60;
constexpr size_t kMaxConditionDepth = 12;

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string read_id(const JsonReader& r) {
  std::string id = r.as_string(kMaxIdLen);
  if (r.ok() && !valid_id(id))
    r.fail("标识只能包含小写字母、数字和下划线", "ids use lower-case letters, digits and _ only");
  return id;
}

std::string read_nonempty(const JsonReader& r) {
  std::string s = r.as_string(kMaxTextLen);
  if (r.ok() && s.empty()) r.fail("文本不能为空", "text must not be empty");
  return s;
}

// {"zh":…,"en":…} or ["zh","en"].
Text read_text(const JsonReader& r) {
  Text t;
  if (!r.ok()) return t;
  if (r.present() && r.raw()->is_array()) {
    if (r.array_size(2) != 2) {
      if (r.ok()) r.fail("文本对应为 [中文, English]", "a text pair is [zh, en]");
      return t;
    }
    t.zh = read_nonempty(r.item(0));
    t.en = read_nonempty(r.item(1));
    return t;
  }
  if (!r.expect_object({"zh", "en"})) return t;
  t.zh = read_nonempty(r.field("zh"));
  t.en = read_nonempty(r.field("en"));
  return t;
}

// A text with per-audience variants: the plain pair (or {"zh","en"}) for everyone, or
// {"self": pair, "parent": pair, "relative": pair} with at least one of them.
Says read_says(const JsonReader& r) {
  Says s;
  if (!r.ok()) return s;
  if (r.present() && r.raw()->is_object() && !r.raw()->as_object().contains("zh")) {
    if (!r.expect_object({"self", "parent", "relative"})) return s;
    for (int a = 0; a < kAnswererCount; ++a) {
      JsonReader v = r.field(answerer_name(static_cast<Answerer>(a)));
      if (v.present()) s.variant[a] = read_text(v);
    }
    if (r.ok() && !s.variant[0] && !s.variant[1] && !s.variant[2])
      r.fail("至少给出 self、parent 或 relative 之一", "give at least one of self, parent, relative");
    return s;
  }
  s.variant[0] = read_text(r);
  s.plain = true;
  return s;
}

bool read_number(const JsonReader& r, double& out) {
  if (!r.ok()) return false;
  if (!r.present()) {
    r.fail(ErrorCode::missing_field, "缺少必填数字", "required number is missing");
    return false;
  }
  const boost::json::value& v = *r.raw();
  if (const int64_t* i = v.if_int64()) {
    out = static_cast<double>(*i);
  } else if (const double* d = v.if_double()) {
    out = *d;
  } else {
    r.fail("应为数字", "expected a number");
    return false;
  }
  if (!std::isfinite(out) || out < -1e6 || out > 1e6) {
    r.fail("数字超出范围", "number out of range");
    return false;
  }
  return true;
}

// Versions oldest..version are read (a newer reader keeps reading older documents).
void require_header(const JsonReader& doc, std::string_view schema, int version, int oldest) {
  std::string s = doc.req_string("schema", 64);
  if (doc.ok() && s != schema)
    doc.field("schema").fail("应为 " + std::string(schema), "expected " + std::string(schema));
  doc.field("schema_version").as_int(oldest, version);
}

class ProtocolReader {
 public:
  ProtocolReader(const JsonReader& doc, const Common& common) : doc_(doc), common_(common) {}

  std::optional<Protocol> read() {
    if (!doc_.expect_object({"schema", "schema_version", "id", "group", "revision", "name", "synonyms", "bands", "sex",
                             "guidance", "outcomes", "questions", "rules", "default"})) {
      return std::nullopt;
    }
    require_header(doc_, "triage.protocol", kProtocolSchemaVersion, 1);
    p_.id = read_id(doc_.field("id"));
    p_.group = doc_.field("group").present() ? read_id(doc_.field("group")) : p_.id;
    p_.version = static_cast<int>(doc_.req_int("revision", 1, 1000000));
    p_.name = read_text(doc_.field("name"));
    read_synonyms(doc_.field("synonyms"));
    read_bands(doc_.field("bands"));
    if (doc_.field("sex").present()) {
      size_t sex = doc_.field("sex").as_enum({"female", "male"});
      p_.female_only = doc_.ok() && sex == 0;
      p_.male_only = doc_.ok() && sex == 1;
    }
    doc_.field("guidance").for_each(8, [&](const JsonReader& g, size_t) { p_.guidance.push_back(read_nonempty(g)); });
    if (doc_.ok() && p_.guidance.empty())
      doc_.field("guidance").fail("至少注明一个依据", "name at least one guidance source");
    read_outcomes(doc_.field("outcomes"));
    doc_.field("questions").for_each(kMaxQuestions, [&](const JsonReader& q, size_t) { read_question(q); });
    if (doc_.ok() && p_.questions.empty())
      doc_.field("questions").fail("至少需要一个问题", "at least one question is needed");
    doc_.field("rules").for_each(kMaxRules, [&](const JsonReader& r, size_t) { read_rule(r); });
    p_.default_outcome = outcome_ref(doc_.field("default"));
    if (!doc_.ok()) return std::nullopt;
    return std::move(p_);
  }

 private:
  void read_synonyms(const JsonReader& r) {
    if (!r.expect_object({"zh", "en", "exclude_zh", "exclude_en", "parts_zh", "parts_en"})) return;
    r.field("zh").for_each(120, [&](const JsonReader& s, size_t) { p_.synonyms_zh.push_back(read_nonempty(s)); });
    r.field("en").for_each(120, [&](const JsonReader& s, size_t) { p_.synonyms_en.push_back(read_nonempty(s)); });
    if (r.field("exclude_zh").present())
      r.field("exclude_zh").for_each(60, [&](const JsonReader& s, size_t) {
        p_.exclude_zh.push_back(read_nonempty(s));
      });
    if (r.field("exclude_en").present())
      r.field("exclude_en").for_each(60, [&](const JsonReader& s, size_t) {
        p_.exclude_en.push_back(read_nonempty(s));
      });
  }

  void read_bands(const JsonReader& r) {
    p_.bands = 0;
    r.for_each(4, [&](const JsonReader& b, size_t) {
      p_.bands |= static_cast<BandMask>(1u << b.as_enum({"infant", "child", "adult", "older_adult"}));
    });
    if (r.ok() && p_.bands == 0) r.fail("至少一个年龄段", "at least one age band");
  }

  void read_outcomes(const JsonReader& r) {
    std::vector<std::string> ids = r.keys(kMaxOutcomes);
    for (const std::string& id : ids) {
      JsonReader o = r.field(id);
      if (!valid_id(id)) {
        o.fail("标识只能包含小写字母、数字和下划线", "ids use lower-case letters, digits and _ only");
        return;
      }
      if (!o.expect_object({"level", "dept", "advice", "sooner"})) return;
      Outcome out;
      out.id = id;
      std::string level = o.req_string("level", 32);
      if (auto l = parse_level(level)) {
        out.level = *l;
      } else if (o.ok()) {
        o.field("level").fail(
            "级别无效",
            "invalid level: expected emergency_ambulance, emergency, consultation_24, consultation or self_care");
      }
      o.field("dept").for_each(4, [&](const JsonReader& d, size_t) {
        std::string dep = d.as_string(kMaxIdLen);
        if (d.ok() && !common_.department(dep)) d.fail("未知科室：" + dep, "unknown department: " + dep);
        out.departments.push_back(dep);
      });
      if (o.ok() && out.departments.empty()) o.field("dept").fail("至少一个科室", "at least one department");
      out.advice = read_says(o.field("advice"));
      o.field("sooner").for_each(8, [&](const JsonReader& s, size_t) { out.sooner.push_back(read_says(s)); });
      if (o.ok() && out.sooner.empty()) o.field("sooner").fail("至少一条“尽快就医”提示", "at least one go-sooner sign");
      p_.outcomes.push_back(std::move(out));
    }
    if (r.ok() && p_.outcomes.empty()) r.fail("至少需要一个结果", "at least one outcome is needed");
  }

  int outcome_ref(const JsonReader& r) {
    std::string id = r.as_string(kMaxIdLen);
    if (!r.ok()) return -1;
    int idx = p_.outcome_index(id);
    if (idx < 0) r.fail(ErrorCode::not_found, "未知结果：" + id, "unknown outcome: " + id);
    return idx;
  }

  // A relative answers for an adult: a question that speaks to the patient gets its
  // third-person variant from the catalogue's rewrite unless one is written out.
  void derive_relative(Says& s) const {
    constexpr BandMask kAdults = (1u << static_cast<int>(Band::adult)) | (1u << static_cast<int>(Band::older_adult));
    if ((p_.bands & kAdults) == 0 || s.has(Answerer::relative) || !s.has(Answerer::self)) return;
    const Text& self = *s.variant[static_cast<int>(Answerer::self)];
    Text t{rewrite_words(self.zh, common_.relative_words_zh), rewrite_words(self.en, common_.relative_words_en)};
    if (t.zh == self.zh && t.en == self.en) return;
    s.variant[static_cast<int>(Answerer::relative)] = std::move(t);
    s.relative_derived = true;
  }

  void read_question(const JsonReader& r) {
    if (!r.expect_object({"id", "kind", "text", "help", "options", "unit", "min", "max", "step", "ask_if", "red_flag",
                          "reassuring", "not_sure", "source"})) {
      return;
    }
    Question q;
    q.id = read_id(r.field("id"));
    if (r.ok() && p_.question_index(q.id) >= 0)
      r.field("id").fail("问题标识重复：" + q.id, "duplicate question id: " + q.id);
    q.kind = static_cast<Kind>(r.field("kind").as_enum({"yes_no", "single", "multi", "number"}));
    q.text = read_says(r.field("text"));
    derive_relative(q.text);
    if (r.field("help").present()) {
      q.help = read_says(r.field("help"));
      derive_relative(*q.help);
    }
    bool choice = q.kind == Kind::single || q.kind == Kind::multi;
    if (choice) {
      r.field("options").for_each(kMaxOptions, [&](const JsonReader& o, size_t) {
        if (!o.expect_object({"id", "text", "show_if"})) return;
        Option opt;
        opt.id = read_id(o.field("id"));
        // "not_sure" is the answer keyword of the not-sure answer kind; an option so named could not be chosen.
        if (o.ok() && opt.id == "not_sure")
          o.field("id").fail("选项标识不能是 not_sure（“不确定”答案的保留字）",
                             "option id not_sure is reserved for the not-sure answer");
        for (const Option& prev : q.options) {
          if (o.ok() && prev.id == opt.id) o.field("id").fail("选项标识重复", "duplicate option id");
        }
        opt.text = read_says(o.field("text"));
        derive_relative(opt.text);
        // Patient facts only (no earlier answers): whether an option is offered is known at the start.
        if (o.field("show_if").present()) opt.show_if = read_condition(o.field("show_if"), 0, 0);
        q.options.push_back(std::move(opt));
      });
      if (r.ok() && q.options.size() < 2) r.field("options").fail("至少两个选项", "at least two options");
    } else if (r.ok() && r.field("options").present()) {
      r.field("options").fail("只有选择题有选项", "only choice questions have options");
    }
    if (q.kind == Kind::number) {
      q.unit = read_text(r.field("unit"));
      read_number(r.field("min"), q.min);
      read_number(r.field("max"), q.max);
      if (r.field("step").present()) read_number(r.field("step"), q.step);
      if (r.ok() && !(q.min < q.max)) r.field("max").fail("max 应大于 min", "max must be greater than min");
      if (r.ok() && !(q.step > 0)) r.field("step").fail("step 应大于 0", "step must be positive");
    } else if (r.ok()) {
      for (std::string_view k : {"unit", "min", "max", "step"}) {
        if (r.field(k).present()) r.field(k).fail("只有数字题有此字段", "only number questions have this field");
      }
    }
    if (r.field("ask_if").present()) q.ask_if = read_condition(r.field("ask_if"), p_.questions.size(), 0);
    if (r.field("red_flag").present()) {
      if (r.ok() && q.kind != Kind::yes_no)
        r.field("red_flag").fail("红旗问题必须是是/否题", "a red flag must be a yes/no question");
      q.red_flag = outcome_ref(r.field("red_flag"));
    }
    if (r.field("source").present()) q.source = read_nonempty(r.field("source"));
    if (r.field("not_sure").present()) q.not_sure = read_not_sure(r.field("not_sure"), q);
    q.reassuring = r.opt_bool("reassuring", false);
    if (r.ok() && q.reassuring && (q.kind != Kind::yes_no || q.red_flag >= 0)) {
      r.field("reassuring").fail("只有普通是/否题可标为安心题", "only an ordinary yes/no question can be reassuring");
    }
    if (r.ok()) p_.questions.push_back(std::move(q));
  }

  // {"treat_as": <answer>, "note": [zh, en]}: yes/no "present" | "absent"; single an option
  // id; multi an array of option ids; number a number in range.
  NotSure read_not_sure(const JsonReader& r, const Question& q) {
    NotSure ns;
    if (!r.expect_object({"treat_as", "note"})) return ns;
    JsonReader t = r.field("treat_as");
    switch (q.kind) {
      case Kind::yes_no:
        ns.treat_as.yes = t.as_enum({"absent", "present"}) == 1;
        break;
      case Kind::single:
      case Kind::multi: {
        auto pick = [&](const JsonReader& o) {
          std::string id = o.as_string(kMaxIdLen);
          if (!o.ok()) return;
          for (size_t i = 0; i < q.options.size(); ++i) {
            if (q.options[i].id != id) continue;
            ns.treat_as.option = static_cast<int>(i);
            ns.treat_as.chosen |= 1u << i;
            return;
          }
          o.fail(ErrorCode::not_found, "未知选项：" + id, "unknown option: " + id);
        };
        if (q.kind == Kind::single) {
          pick(t);
        } else {
          t.for_each(kMaxOptions, [&](const JsonReader& o, size_t) { pick(o); });
        }
        break;
      }
      case Kind::number:
        if (read_number(t, ns.treat_as.number) && (ns.treat_as.number < q.min || ns.treat_as.number > q.max))
          t.fail("应在 min 与 max 之间", "must lie between min and max");
        break;
    }
    ns.treat_as.not_sure = true;
    if (r.field("note").present()) ns.note = read_text(r.field("note"));
    return ns;
  }

  void read_rule(const JsonReader& r) {
    if (!r.expect_object({"if", "then"})) return;
    Rule rule;
    rule.when = read_condition(r.field("if"), p_.questions.size(), 0);
    rule.outcome = outcome_ref(r.field("then"));
    if (r.ok()) p_.rules.push_back(std::move(rule));
  }

  // `visible`: questions with index < visible may be referenced (ask_if sees only earlier ones).
  int question_ref(const JsonReader& r, size_t visible) {
    std::string id = r.as_string(kMaxIdLen);
    if (!r.ok()) return -1;
    int idx = p_.question_index(id);
    if (idx < 0 || static_cast<size_t>(idx) >= visible) {
      r.fail(ErrorCode::not_found, "未知或尚未提问的问题：" + id, "unknown or not yet asked question: " + id);
      return -1;
    }
    return idx;
  }

  uint32_t option_refs(const JsonReader& r, int question) {
    uint32_t mask = 0;
    auto one = [&](const JsonReader& o) {
      std::string id = o.as_string(kMaxIdLen);
      if (!o.ok() || question < 0) return;
      const Question& q = p_.questions[question];
      for (size_t i = 0; i < q.options.size(); ++i) {
        if (q.options[i].id == id) {
          mask |= 1u << i;
          return;
        }
      }
      o.fail(ErrorCode::not_found, "未知选项：" + id, "unknown option: " + id);
    };
    if (r.present() && r.raw()->is_array()) {
      r.for_each(kMaxOptions, [&](const JsonReader& o, size_t) { one(o); });
    } else {
      one(r);
    }
    return mask;
  }

  void require_kind(const JsonReader& r, int question, std::initializer_list<Kind> kinds) {
    if (!r.ok() || question < 0) return;
    Kind k = p_.questions[question].kind;
    for (Kind want : kinds) {
      if (k == want) return;
    }
    r.fail("该运算不适用于此类问题（" + std::string(kind_name(k)) + "）",
           "operator does not apply to a " + std::string(kind_name(k)) + " question");
  }

  Condition read_condition(const JsonReader& r, size_t visible, size_t depth) {
    Condition c;
    std::vector<std::string> keys = r.keys(1);
    if (!r.ok()) return c;
    if (keys.size() != 1) {
      r.fail("条件应只有一个运算符", "a condition has exactly one operator");
      return c;
    }
    if (depth > kMaxConditionDepth) {
      r.fail(ErrorCode::too_large, "条件嵌套过深", "condition nests too deep");
      return c;
    }
    const std::string& op = keys[0];
    JsonReader a = r.field(op);
    if (op == "all" || op == "any") {
      c.op = op == "all" ? Condition::Op::all : Condition::Op::any;
      a.for_each(40,
                 [&](const JsonReader& ch, size_t) { c.children.push_back(read_condition(ch, visible, depth + 1)); });
      if (a.ok() && c.children.empty()) a.fail("至少一个子条件", "at least one condition");
    } else if (op == "not") {
      c.op = Condition::Op::not_;
      c.children.push_back(read_condition(a, visible, depth + 1));
    } else if (op == "yes" && a.present() && a.raw()->is_array()) {
      // {"yes":["a","b"]}: any of them answered yes.
      c.op = Condition::Op::any;
      a.for_each(20, [&](const JsonReader& q, size_t) {
        Condition y;
        y.op = Condition::Op::yes;
        y.question = question_ref(q, visible);
        require_kind(q, y.question, {Kind::yes_no});
        c.children.push_back(y);
      });
      if (a.ok() && c.children.empty()) a.fail("至少一个问题", "at least one question");
    } else if (op == "yes" || op == "no") {
      c.op = op == "yes" ? Condition::Op::yes : Condition::Op::no;
      c.question = question_ref(a, visible);
      require_kind(a, c.question, {Kind::yes_no});
    } else if (op == "is" || op == "in" || op == "has") {
      c.op = op == "is" ? Condition::Op::is : op == "in" ? Condition::Op::in : Condition::Op::has;
      if (a.array_size(2) != 2 && a.ok()) a.fail("应为 [问题, 选项]", "expected [question, option(s)]");
      c.question = question_ref(a.item(0), visible);
      require_kind(a.item(0), c.question, {c.op == Condition::Op::has ? Kind::multi : Kind::single});
      c.options = option_refs(a.item(1), c.question);
    } else if (op == "gte" || op == "gt" || op == "lte" || op == "lt") {
      c.op = op == "gte"   ? Condition::Op::gte
             : op == "gt"  ? Condition::Op::gt
             : op == "lte" ? Condition::Op::lte
                           : Condition::Op::lt;
      if (a.array_size(2) != 2 && a.ok()) a.fail("应为 [问题, 数值]", "expected [question, number]");
      c.question = question_ref(a.item(0), visible);
      require_kind(a.item(0), c.question, {Kind::number});
      read_number(a.item(1), c.number);
    } else if (op == "band") {
      c.op = Condition::Op::band;
      auto one = [&](const JsonReader& b) {
        c.bands |= static_cast<BandMask>(1u << b.as_enum({"infant", "child", "adult", "older_adult"}));
      };
      if (a.present() && a.raw()->is_array()) {
        a.for_each(4, [&](const JsonReader& b, size_t) { one(b); });
      } else {
        one(a);
      }
    } else if (op == "female" || op == "pregnant") {
      c.op = op == "female" ? Condition::Op::female : Condition::Op::pregnant;
      if (!a.as_bool() && a.ok()) {
        // {"female":false} reads as not(female).
        Condition inner = c;
        c = Condition{};
        c.op = Condition::Op::not_;
        c.children.push_back(inner);
      }
    } else if (op == "answerer") {
      c.op = Condition::Op::answerer;
      auto one = [&](const JsonReader& b) {
        c.bands |= static_cast<BandMask>(1u << b.as_enum({"self", "parent", "relative"}));
      };
      if (a.present() && a.raw()->is_array()) {
        a.for_each(3, [&](const JsonReader& b, size_t) { one(b); });
      } else {
        one(a);
      }
    } else if (op == "age_gte" || op == "age_lt" || op == "months_lt") {
      c.op = op == "age_gte"  ? Condition::Op::age_gte
             : op == "age_lt" ? Condition::Op::age_lt
                              : Condition::Op::months_lt;
      c.number = static_cast<double>(a.as_int(0, 1500));
    } else {
      r.field(op).fail(ErrorCode::invalid_field, "未知条件运算符：" + op, "unknown condition operator: " + op);
    }
    return c;
  }

  const JsonReader& doc_;
  const Common& common_;
  Protocol p_;
};

}  // namespace

std::optional<Common> read_common(const JsonReader& doc) {
  Common c;
  if (!doc.expect_object({"schema", "schema_version", "departments", "levels", "disclaimer", "banned_words",
                          "child_departments", "relative_words"})) {
    return std::nullopt;
  }
  require_header(doc, "triage.common", kCommonSchemaVersion, 1);
  JsonReader deps = doc.field("departments");
  for (const std::string& id : deps.keys(64)) {
    if (!valid_id(id))
      deps.field(id).fail("标识只能包含小写字母、数字和下划线", "ids use lower-case letters, digits and _ only");
    c.departments.push_back(Department{id, read_text(deps.field(id))});
  }
  JsonReader levels = doc.field("levels");
  if (levels.expect_object({"self_care", "consultation", "consultation_24", "emergency", "emergency_ambulance"})) {
    for (int i = 0; i < kLevelCount; ++i) c.level_title[i] = read_text(levels.field(level_name(static_cast<Level>(i))));
  }
  c.disclaimer = read_text(doc.field("disclaimer"));
  JsonReader banned = doc.field("banned_words");
  if (banned.expect_object({"zh", "en"})) {
    banned.field("zh").for_each(400,
                                [&](const JsonReader& w, size_t) { c.banned_words_zh.push_back(read_nonempty(w)); });
    banned.field("en").for_each(400,
                                [&](const JsonReader& w, size_t) { c.banned_words_en.push_back(read_nonempty(w)); });
  }
  JsonReader child = doc.field("child_departments");
  if (child.present()) {
    for (const std::string& from : child.keys(64)) {
      std::string to = child.field(from).as_string(kMaxIdLen);
      if (!child.ok()) break;
      if (!c.department(from)) child.field(from).fail("未知科室：" + from, "unknown department: " + from);
      if (!c.department(to)) child.field(from).fail("未知科室：" + to, "unknown department: " + to);
      c.child_departments.emplace_back(from, to);
    }
  }
  JsonReader rel = doc.field("relative_words");
  if (rel.present() && rel.expect_object({"zh", "en"})) {
    auto read_words = [&](const char* lang, std::vector<std::pair<std::string, std::string>>& out) {
      rel.field(lang).for_each(200, [&](const JsonReader& w, size_t) {
        if (w.array_size(2) != 2) {
          if (w.ok()) w.fail("替换对应为 [原文, 替换]", "a replacement is [from, to]");
          return;
        }
        out.emplace_back(read_nonempty(w.item(0)), w.item(1).as_string(kMaxTextLen));
      });
    };
    read_words("zh", c.relative_words_zh);
    read_words("en", c.relative_words_en);
  }
  if (!doc.ok()) return std::nullopt;
  return c;
}

std::optional<Protocol> read_protocol(const JsonReader& doc, const Common& common) {
  return ProtocolReader(doc, common).read();
}

}  // namespace clinic::triage
