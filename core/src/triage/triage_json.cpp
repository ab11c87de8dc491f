#include "triage/triage_json.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>

namespace clinic::triage {
namespace {

std::optional<double> number_of(const JsonReader& r) {
  if (!r.ok()) return std::nullopt;
  if (!r.present()) {
    r.fail(ErrorCode::missing_field, "缺少回答（数字）", "answer is missing (a number)");
    return std::nullopt;
  }
  if (const int64_t* i = r.raw()->if_int64()) return static_cast<double>(*i);
  if (const double* d = r.raw()->if_double()) {
    if (std::isfinite(*d)) return *d;
  }
  r.fail("应为数字", "expected a number");
  return std::nullopt;
}

std::string format_number(double v) {
  // Thresholds and ranges print without float noise: at most one decimal.
  long long tenths = std::llround(v * 10);
  std::string s = std::to_string(tenths / 10);
  if (tenths < 0 && tenths / 10 == 0) s = "-0";
  if (tenths % 10 != 0) s += "." + std::to_string(std::llabs(tenths % 10));
  return s;
}

boost::json::value number_json(double v) {
  if (std::trunc(v) == v && std::fabs(v) < 1e15) return boost::json::value(static_cast<int64_t>(v));
  return boost::json::value(v);
}

}  // namespace

std::optional<Patient> read_patient(const JsonReader& r) {
  if (!r.expect_object({"age_years", "age_months", "sex", "pregnant", "answerer"})) return std::nullopt;
  Patient p;
  p.age_years = static_cast<int>(r.req_int("age_years", 0, 120));
  p.age_months = static_cast<int>(r.opt_int("age_months", 0, 0, 11));
  p.female = r.field("sex").as_enum({"male", "female"}) == 1;
  p.pregnant = r.opt_bool("pregnant", false);
  // Under 14 a parent usually answers; older patients answer for themselves.
  p.answerer = p.age_years < 14 ? Answerer::parent : Answerer::self;
  if (r.field("answerer").present())
    p.answerer = static_cast<Answerer>(r.field("answerer").as_enum({"self", "parent", "relative"}));
  if (r.ok() && p.pregnant && (!p.female || p.age_years < 10 || p.age_years > 60)) {
    r.field("pregnant").fail("仅适用于 10–60 岁女性", "only for a female patient aged 10-60");
  }
  if (!r.ok()) return std::nullopt;
  return p;
}

boost::json::value patient_json(const Patient& p) {
  boost::json::object o;
  o["age_years"] = p.age_years;
  o["age_months"] = p.age_months;
  o["sex"] = p.female ? "female" : "male";
  o["pregnant"] = p.pregnant;
  o["answerer"] = answerer_name(p.answerer);
  return o;
}

std::optional<Answer> read_answer(const JsonReader& r, const Question& q, const Patient& patient) {
  Answer a;
  if (r.ok() && r.present() && r.raw()->is_string() && r.raw()->as_string() == "not_sure") {
    if (!q.not_sure) {
      r.fail("此问题没有“不确定”选项", "this question has no \"not sure\" answer");
      return std::nullopt;
    }
    return q.not_sure->treat_as;
  }
  auto offered = [&](size_t i) { return shown(q.options[i], patient); };
  switch (q.kind) {
    case Kind::yes_no:
      a.yes = r.as_bool();
      break;
    case Kind::single: {
      std::string id = r.as_string(64);
      if (!r.ok()) break;
      for (size_t i = 0; i < q.options.size(); ++i) {
        if (q.options[i].id == id && offered(i)) a.option = static_cast<int>(i);
      }
      if (a.option < 0) r.fail("未知选项：" + id, "unknown option: " + id);
      break;
    }
    case Kind::multi:
      r.for_each(kMaxOptions, [&](const JsonReader& item, size_t) {
        std::string id = item.as_string(64);
        if (!item.ok()) return;
        for (size_t i = 0; i < q.options.size(); ++i) {
          if (q.options[i].id != id || !offered(i)) continue;
          if (a.chosen & (1u << i)) item.fail("选项重复：" + id, "duplicate option: " + id);
          a.chosen |= 1u << i;
          return;
        }
        item.fail("未知选项：" + id, "unknown option: " + id);
      });
      break;
    case Kind::number: {
      auto v = number_of(r);
      if (!v) break;
      // Temperatures typed in Fahrenheit (93.2-109.4 °F) are converted: patients
      // and US-style vignettes often say "101.5". Rounded to 0.1 °C.
      if (q.unit.en == "°C" && *v > q.max && *v >= 93.2 && *v <= 109.4) *v = std::round((*v - 32) * 50 / 9) / 10;
      if (*v < q.min || *v > q.max) {
        r.fail("应在 " + format_number(q.min) + " 到 " + format_number(q.max) + " 之间",
               "expected a number from " + format_number(q.min) + " to " + format_number(q.max));
        break;
      }
      a.number = *v;
      break;
    }
  }
  if (!r.ok()) return std::nullopt;
  return a;
}

boost::json::value answer_json(const Question& q, const Answer& a) {
  if (a.not_sure) return boost::json::value("not_sure");
  switch (q.kind) {
    case Kind::yes_no:
      return boost::json::value(a.yes);
    case Kind::single:
      return boost::json::value(q.options[a.option].id);
    case Kind::multi: {
      boost::json::array arr;
      for (size_t i = 0; i < q.options.size(); ++i) {
        if (a.chosen & (1u << i)) arr.emplace_back(q.options[i].id);
      }
      return arr;
    }
    case Kind::number:
      return number_json(a.number);
  }
  return nullptr;
}

std::optional<Answers> read_answers(const JsonReader& r, const Protocol& p, const Patient& patient) {
  Answers out(p.questions.size());
  for (const std::string& qid : r.keys(p.questions.size() + 8)) {
    JsonReader a = r.field(qid);
    int idx = p.question_index(qid);
    if (idx < 0) {
      a.fail(ErrorCode::not_found, "协议中没有此问题：" + qid, "no such question in the protocol: " + qid);
      return std::nullopt;
    }
    out[idx] = read_answer(a, p.questions[idx], patient);
    if (!r.ok()) return std::nullopt;
  }
  if (!r.ok()) return std::nullopt;
  return out;
}

boost::json::value question_json(const Question& q, const Patient& patient, bool english) {
  Answerer who = patient.answerer;
  boost::json::object o;
  o["id"] = q.id;
  o["kind"] = kind_name(q.kind);
  o["text"] = q.text.in(who, english);
  if (q.help) o["help"] = q.help->in(who, english);
  if (!q.options.empty()) {
    boost::json::array opts;
    for (const Option& opt : q.options) {
      if (shown(opt, patient)) opts.push_back(boost::json::object{{"id", opt.id}, {"text", opt.text.in(who, english)}});
    }
    o["options"] = std::move(opts);
  }
  if (q.kind == Kind::number) {
    o["unit"] = q.unit.in(english);
    o["min"] = number_json(q.min);
    o["max"] = number_json(q.max);
    o["step"] = number_json(q.step);
  }
  o["red_flag"] = q.red_flag >= 0;
  if (q.reassuring) o["reassuring"] = true;    // "yes" is the reassuring answer (UI may show it last)
  if (q.not_sure) o["allow_not_sure"] = true;  // the answer "not_sure" is accepted
  return o;
}

std::vector<std::string> outcome_departments(const Outcome& oc, const Common& common, Band band) {
  std::vector<std::string> out;
  bool adult = band == Band::adult || band == Band::older_adult;
  for (const std::string& d : oc.departments) {
    if (adult && d == "pediatrics" && oc.departments.size() > 1) continue;
    std::string dep = d;
    if (!adult) {
      for (const auto& [from, to] : common.child_departments) {
        if (from == d) dep = to;
      }
    }
    if (std::find(out.begin(), out.end(), dep) == out.end()) out.push_back(dep);
  }
  // A child sees paediatrics first where the outcome offers it (after the emergency department).
  auto ped = std::find(out.begin(), out.end(), std::string("pediatrics"));
  if (!adult && ped != out.end()) {
    auto front = out.begin() + (out.front() == "emergency" ? 1 : 0);
    if (ped > front) std::rotate(front, ped, ped + 1);
  }
  return out;
}

boost::json::value outcome_json(const Protocol& p, const Common& common, int outcome, bool english,
                                const Patient& patient) {
  const Outcome& oc = p.outcomes[outcome];
  Answerer who = patient.answerer;
  boost::json::object o;
  o["id"] = oc.id;
  o["level"] = level_name(oc.level);
  o["urgency"] = static_cast<int>(oc.level);
  o["title"] = common.level_title[static_cast<int>(oc.level)].in(english);
  boost::json::array deps;
  for (const std::string& d : outcome_departments(oc, common, patient.band())) {
    const Department* dep = common.department(d);
    deps.push_back(boost::json::object{{"id", d}, {"name", dep ? dep->name.in(english) : d}});
  }
  o["departments"] = std::move(deps);
  o["advice"] = oc.advice.in(who, english);
  boost::json::array sooner;
  for (const Says& t : oc.sooner) sooner.emplace_back(t.in(who, english));
  o["go_sooner_if"] = std::move(sooner);
  o["disclaimer"] = common.disclaimer.in(english);
  return o;
}

std::string answer_text(const Question& q, const Answer& a, const Patient& patient, bool english) {
  if (a.not_sure) {
    // "不确定（没量体温，按发热处理）": the question's note says how it was counted.
    if (q.not_sure && !q.not_sure->note.zh.empty())
      return english ? "Not sure (" + q.not_sure->note.en + ")" : "不确定（" + q.not_sure->note.zh + "）";
    std::string as = answer_text(q, Answer{a.yes, a.option, a.chosen, a.number, false}, patient, english);
    return english ? "Not sure (counted as \"" + as + "\")" : "不确定（按“" + as + "”处理）";
  }
  switch (q.kind) {
    case Kind::yes_no:
      return english ? (a.yes ? "Yes" : "No") : (a.yes ? "是" : "否");
    case Kind::single:
      return a.option >= 0 ? q.options[a.option].text.in(patient.answerer, english) : std::string();
    case Kind::multi: {
      std::string s;
      for (size_t i = 0; i < q.options.size(); ++i) {
        if (!(a.chosen & (1u << i))) continue;
        if (!s.empty()) s += english ? "; " : "；";
        s += q.options[i].text.in(patient.answerer, english);
      }
      return s.empty() ? (english ? "None of these" : "都没有") : s;
    }
    case Kind::number:
      return format_number(a.number) + " " + q.unit.in(english);
  }
  return std::string();
}

boost::json::value reason_json(const Protocol& p, const Patient& patient, const WalkResult& w, bool english) {
  boost::json::object o;
  boost::json::array answers;
  std::string list;
  for (int qi : w.deciding) {
    const Question& q = p.questions[qi];
    const Answer* a = nullptr;
    for (const PathStep& s : w.path) {
      if (s.question == qi) a = &s.answer;
    }
    if (!a) continue;
    std::string qt = q.text.in(patient.answerer, english);
    std::string at = answer_text(q, *a, patient, english);
    answers.push_back(boost::json::object{{"question", q.id}, {"text", qt}, {"answer", at}});
    if (!list.empty()) list += english ? "; " : "；";
    list += english ? "\"" + qt + "\" " + at : "“" + qt + "”" + at;
  }
  static const char* const kZh[kAnswererCount] = {"因为您回答了：", "因为您说孩子的情况是：", "因为您说家人的情况是："};
  static const char* const kEn[kAnswererCount] = {"Because you answered: ", "Because you answered about your child: ",
                                                  "Because you answered about your relative: "};
  int who = static_cast<int>(patient.answerer);
  if (list.empty()) {
    o["summary"] =
        english ? "Because none of your answers called for quicker care." : "因为您的回答中没有需要更快就医的情况。";
  } else {
    o["summary"] = (english ? kEn[who] : kZh[who]) + list;
  }
  o["answers"] = std::move(answers);
  return o;
}

boost::json::value path_json(const Protocol& p, const WalkResult& w) {
  boost::json::array path;
  for (const PathStep& s : w.path) {
    const Question& q = p.questions[s.question];
    boost::json::object step{{"question", q.id}, {"answer", answer_json(q, s.answer)}};
    if (s.assumed) step["assumed"] = true;
    if (s.question == w.red_flag_question) step["red_flag"] = true;
    path.push_back(std::move(step));
  }
  return path;
}

boost::json::value state_json(const Protocol& p, const Patient& patient, const WalkResult& w) {
  boost::json::object answers;
  for (const PathStep& s : w.path) {
    if (!s.assumed) answers[p.questions[s.question].id] = answer_json(p.questions[s.question], s.answer);
  }
  boost::json::object o;
  o["protocol"] = p.id;
  o["revision"] = p.version;
  o["patient"] = patient_json(patient);
  o["answers"] = std::move(answers);
  return o;
}

}  // namespace clinic::triage
