#include "triage/triage_ops.h"

#include <boost/json.hpp>

#include "clinic/triage/engine.h"
#include "clinic/triage/lint.h"
#include "clinic/triage/matcher.h"
#include "clinic/triage/protocol_reader.h"
#include "triage/triage_json.h"

namespace clinic::triage::ops {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// The protocol an op works on: a built-in one, or the request's own document.
struct ProtocolChoice {
  const Catalogue* catalogue = nullptr;
  std::optional<Protocol> external;
  value storage;
  const Protocol* protocol = nullptr;
};

// Reads the request's optional "protocol" document (validated, errors as invalid_rules
// with the JSON path inside the request).
bool read_external(const OpRequest& req, ProtocolChoice& choice) {
  JsonReader field = req.body.field("protocol");
  if (!field.present()) return true;
  const value* doc = embedded_document(field, choice.storage);
  if (!doc) return false;
  // A context of its own, so the error can be re-coded before the request records it.
  ReadContext doc_ctx;
  JsonReader reader(doc, field.path(), doc_ctx);
  choice.external = read_protocol(reader, choice.catalogue->common);
  if (!choice.external) {
    Error e = doc_ctx.take_error();
    if (e.code == ErrorCode::invalid_field || e.code == ErrorCode::missing_field || e.code == ErrorCode::not_found) {
      e.code = ErrorCode::invalid_rules;
    }
    req.body.context().fail(e);
    return false;
  }
  return true;
}

bool covers(const Protocol& p, const Patient& patient) {
  return (p.bands & (1u << static_cast<int>(patient.band()))) != 0 && (!p.female_only || patient.female) &&
         (!p.male_only || !patient.female);
}

std::string bands_text(const Protocol& p, bool zh) {
  static const char* const kZh[] = {"婴儿（<3 个月）", "儿童", "成人", "老年人"};
  static const char* const kEn[] = {"infants (< 3 months)", "children", "adults", "older adults"};
  std::string out;
  for (int b = 0; b < 4; ++b) {
    if (!(p.bands & (1u << b))) continue;
    if (!out.empty()) out += zh ? "、" : ", ";
    out += zh ? kZh[b] : kEn[b];
  }
  return out;
}

// Resolves "complaint" (a protocol id, or a group id such as "fever") for this patient:
// a variant of the same group that covers the patient's age band wins.
bool choose(const OpRequest& req, ProtocolChoice& choice, const Patient& patient, const JsonReader& complaint_field) {
  std::string complaint = complaint_field.present() ? complaint_field.as_string(64) : std::string();
  if (!req.body.ok()) return false;
  if (choice.external) {
    if (!complaint.empty() && complaint != choice.external->id && complaint != choice.external->group) {
      complaint_field.fail(ErrorCode::conflict, "与所附协议不符", "does not match the attached protocol");
      return false;
    }
    choice.protocol = &*choice.external;
  } else {
    if (complaint.empty()) {
      complaint_field.fail(ErrorCode::missing_field, "缺少主诉（complaint）", "complaint is missing");
      return false;
    }
    const Protocol* exact = choice.catalogue->find(complaint);
    std::string group = exact ? exact->group : complaint;
    if (exact && covers(*exact, patient)) {
      choice.protocol = exact;
    } else {
      for (const Protocol& p : choice.catalogue->protocols) {
        if (p.group == group && covers(p, patient)) {
          choice.protocol = &p;
          break;
        }
      }
    }
    if (!choice.protocol) {
      if (!exact) {
        complaint_field.fail(ErrorCode::not_found, "未知主诉：" + complaint, "unknown complaint: " + complaint);
      } else if (exact->female_only && !patient.female) {
        complaint_field.fail("该主诉仅适用于女性", "this complaint is for female patients only");
      } else if (exact->male_only && patient.female) {
        complaint_field.fail("该主诉仅适用于男性", "this complaint is for male patients only");
      } else {
        complaint_field.fail("该主诉仅适用于" + bands_text(*exact, true),
                             "this complaint is for " + bands_text(*exact, false) + " only");
      }
      return false;
    }
  }
  if (choice.protocol->female_only && !patient.female) {
    complaint_field.fail("该主诉仅适用于女性", "this complaint is for female patients only");
    return false;
  }
  if (choice.protocol->male_only && patient.female) {
    complaint_field.fail("该主诉仅适用于男性", "this complaint is for male patients only");
    return false;
  }
  if (!covers(*choice.protocol, patient)) {
    complaint_field.fail("该主诉仅适用于" + bands_text(*choice.protocol, true),
                         "this complaint is for " + bands_text(*choice.protocol, false) + " only");
    return false;
  }
  return true;
}

Result<const Catalogue*> catalogue_or_error() {
  return builtin_catalogue();
}

// The outcome with the reason for its level (the deciding answers).
value finished_outcome(const ProtocolChoice& c, const Patient& patient, const WalkResult& w, bool english) {
  value o = outcome_json(*c.protocol, c.catalogue->common, w.outcome, english, patient);
  o.as_object()["reason"] = reason_json(*c.protocol, patient, w, english);
  return o;
}

value step_response(const ProtocolChoice& c, const Patient& patient, const WalkResult& w, bool english) {
  object o;
  o["status"] = w.finished ? "done" : "question";
  o["protocol"] =
      object{{"id", c.protocol->id}, {"name", c.protocol->name.in(english)}, {"revision", c.protocol->version}};
  o["state"] = state_json(*c.protocol, patient, w);
  o["asked"] = w.path.size();
  if (w.finished) {
    o["outcome"] = finished_outcome(c, patient, w, english);
    o["path"] = path_json(*c.protocol, w);
  } else {
    o["question"] = question_json(c.protocol->questions[w.next_question], patient, english);
  }
  return o;
}

value complaint_json(const Protocol& p, bool english) {
  object o;
  o["id"] = p.id;
  o["group"] = p.group;
  o["name"] = p.name.in(english);
  array syn;
  for (const std::string& s : english ? p.synonyms_en : p.synonyms_zh) syn.emplace_back(s);
  o["synonyms"] = std::move(syn);
  array bands;
  for (int b = 0; b < 4; ++b) {
    if (p.bands & (1u << b)) bands.emplace_back(band_name(static_cast<Band>(b)));
  }
  o["bands"] = std::move(bands);
  if (p.female_only) o["sex"] = "female";
  if (p.male_only) o["sex"] = "male";
  array guidance;
  for (const std::string& g : p.guidance) guidance.emplace_back(g);
  o["guidance"] = std::move(guidance);
  o["revision"] = p.version;
  return o;
}

}  // namespace

Result<value> catalog(const OpRequest& req) {
  if (!req.allow_fields({"patient"})) return req.body.context().take_error();
  auto cat = catalogue_or_error();
  if (!cat.ok()) return cat.take_error();
  std::optional<Patient> patient;
  if (req.body.field("patient").present()) {
    patient = read_patient(req.body.field("patient"));
    if (!patient) return req.body.context().take_error();
  }
  bool en = req.english();
  const Catalogue& c = **cat;
  array complaints;
  for (const Protocol& p : c.protocols) {
    if (patient && !covers(p, *patient)) continue;
    complaints.push_back(complaint_json(p, en));
  }
  array deps;
  for (const Department& d : c.common.departments) deps.push_back(object{{"id", d.id}, {"name", d.name.in(en)}});
  array levels;
  for (int i = kLevelCount - 1; i >= 0; --i) {
    levels.push_back(object{
        {"level", level_name(static_cast<Level>(i))}, {"urgency", i}, {"title", c.common.level_title[i].in(en)}});
  }
  object o;
  o["complaints"] = std::move(complaints);
  o["departments"] = std::move(deps);
  o["levels"] = std::move(levels);
  o["disclaimer"] = c.common.disclaimer.in(en);
  return value(std::move(o));
}

Result<value> match(const OpRequest& req) {
  if (!req.allow_fields({"text", "patient", "limit"})) return req.body.context().take_error();
  auto cat = catalogue_or_error();
  if (!cat.ok()) return cat.take_error();
  std::string text = req.body.req_string("text", 1000);
  int limit = static_cast<int>(req.body.opt_int("limit", 5, 1, 40));
  int band = -1;
  int sex = -1;  // 0 male, 1 female
  if (req.body.field("patient").present()) {
    auto patient = read_patient(req.body.field("patient"));
    if (patient) {
      band = static_cast<int>(patient->band());
      sex = patient->female ? 1 : 0;
    }
  }
  if (!req.body.ok()) return req.body.context().take_error();
  auto index = builtin_match_index();
  if (!index.ok()) return index.take_error();
  bool en = req.english();
  array out;
  for (const Match& m : (*index)->match(text, band, static_cast<size_t>(limit), sex)) {
    out.push_back(object{{"complaint", m.protocol->id},
                         {"group", m.protocol->group},
                         {"name", m.protocol->name.in(en)},
                         {"score", m.score},
                         {"matched", m.matched}});
  }
  return value(object{{"matches", std::move(out)}});
}

Result<value> start(const OpRequest& req) {
  if (!req.allow_fields({"complaint", "patient", "protocol"})) return req.body.context().take_error();
  auto cat = catalogue_or_error();
  if (!cat.ok()) return cat.take_error();
  ProtocolChoice c;
  c.catalogue = *cat;
  auto patient = read_patient(req.body.field("patient"));
  if (!patient || !read_external(req, c) || !choose(req, c, *patient, req.body.field("complaint"))) {
    return req.body.context().take_error();
  }
  WalkResult w = walk(*c.protocol, *patient, Answers(c.protocol->questions.size()));
  return step_response(c, *patient, w, req.english());
}

Result<value> answer(const OpRequest& req) {
  if (!req.allow_fields({"state", "answer", "question", "protocol"})) return req.body.context().take_error();
  auto cat = catalogue_or_error();
  if (!cat.ok()) return cat.take_error();
  ProtocolChoice c;
  c.catalogue = *cat;
  JsonReader state = req.body.field("state");
  if (!state.expect_object({"protocol", "revision", "patient", "answers"}) || !read_external(req, c)) {
    return req.body.context().take_error();
  }
  auto patient = read_patient(state.field("patient"));
  if (!patient) return req.body.context().take_error();
  JsonReader pid = state.field("protocol");
  std::string id = pid.as_string(64);
  if (!req.body.ok()) return req.body.context().take_error();
  // The state names an exact protocol: no group redirection mid-session.
  if (!c.external && !c.catalogue->find(id)) {
    return make_error(ErrorCode::not_found, "未知协议：" + id, "unknown protocol: " + id, pid.path());
  }
  if (!choose(req, c, *patient, pid)) return req.body.context().take_error();
  if (c.protocol->id != id) return make_error(ErrorCode::conflict, "协议不符", "protocol does not match", pid.path());
  int64_t revision = state.req_int("revision", 1, 1000000);
  if (req.body.ok() && revision != c.protocol->version) {
    return make_error(ErrorCode::conflict, "协议已更新，请重新开始自测",
                      "the protocol was revised: start the test again", state.field_path("revision"));
  }
  auto answers = read_answers(state.field("answers"), *c.protocol, *patient);
  if (!answers) return req.body.context().take_error();
  WalkResult before = walk(*c.protocol, *patient, *answers);
  if (before.finished) {
    return make_error(ErrorCode::conflict, "自测已完成", "the test is already finished", "$.state");
  }
  const Question& q = c.protocol->questions[before.next_question];
  JsonReader qf = req.body.field("question");
  if (qf.present()) {
    std::string qid = qf.as_string(64);
    if (req.body.ok() && qid != q.id) {
      return make_error(ErrorCode::conflict, "当前问题是 " + q.id, "the current question is " + q.id, qf.path());
    }
  }
  auto a = read_answer(req.body.field("answer"), q, *patient);
  if (!a) return req.body.context().take_error();
  (*answers)[before.next_question] = *a;
  WalkResult after = walk(*c.protocol, *patient, *answers);
  return step_response(c, *patient, after, req.english());
}

Result<value> evaluate(const OpRequest& req) {
  if (!req.allow_fields({"complaint", "patient", "answers", "state", "assume_no", "protocol"})) {
    return req.body.context().take_error();
  }
  auto cat = catalogue_or_error();
  if (!cat.ok()) return cat.take_error();
  ProtocolChoice c;
  c.catalogue = *cat;
  if (!read_external(req, c)) return req.body.context().take_error();
  // Either a finished session's state, or complaint + patient + answers.
  JsonReader state = req.body.field("state");
  bool from_state = state.present();
  JsonReader patient_field = from_state ? state.field("patient") : req.body.field("patient");
  JsonReader complaint_field = from_state ? state.field("protocol") : req.body.field("complaint");
  JsonReader answers_field = from_state ? state.field("answers") : req.body.field("answers");
  if (from_state) {
    if (!state.expect_object({"protocol", "revision", "patient", "answers"})) return req.body.context().take_error();
    for (std::string_view k : {"complaint", "patient", "answers"}) {
      if (req.body.field(k).present()) {
        return make_error(ErrorCode::invalid_field, "与 state 不能同时出现", "not allowed together with state",
                          req.body.field_path(k));
      }
    }
  }
  bool assume_no = req.body.opt_bool("assume_no", false);
  auto patient = read_patient(patient_field);
  if (!patient || !choose(req, c, *patient, complaint_field)) return req.body.context().take_error();
  if (from_state) {
    int64_t revision = state.req_int("revision", 1, 1000000);
    if (req.body.ok() && revision != c.protocol->version) {
      return make_error(ErrorCode::conflict, "协议已更新", "the protocol was revised", state.field_path("revision"));
    }
  }
  auto answers = read_answers(answers_field, *c.protocol, *patient);
  if (!answers) return req.body.context().take_error();
  WalkResult w = walk(*c.protocol, *patient, *answers, assume_no);
  if (!w.finished) {
    const Question& q = c.protocol->questions[w.next_question];
    return make_error(ErrorCode::missing_field, "缺少问题 " + q.id + " 的回答", "no answer to question " + q.id,
                      answers_field.field_path(q.id));
  }
  bool en = req.english();
  object o;
  o["protocol"] = object{{"id", c.protocol->id}, {"name", c.protocol->name.in(en)}, {"revision", c.protocol->version}};
  o["outcome"] = finished_outcome(c, *patient, w, en);
  o["path"] = path_json(*c.protocol, w);
  array ignored;
  std::vector<bool> on_path(c.protocol->questions.size(), false);
  for (const PathStep& s : w.path) on_path[s.question] = true;
  for (size_t i = 0; i < answers->size(); ++i) {
    if ((*answers)[i] && !on_path[i]) ignored.emplace_back(c.protocol->questions[i].id);
  }
  o["ignored"] = std::move(ignored);
  return value(std::move(o));
}

Result<value> lint(const OpRequest& req) {
  if (!req.allow_fields({"protocol"})) return req.body.context().take_error();
  auto cat = catalogue_or_error();
  if (!cat.ok()) return cat.take_error();
  ProtocolChoice c;
  c.catalogue = *cat;
  if (!read_external(req, c)) return req.body.context().take_error();
  std::vector<const Protocol*> targets;
  if (c.external) {
    targets.push_back(&*c.external);
  } else {
    for (const Protocol& p : c.catalogue->protocols) targets.push_back(&p);
  }
  array issues;
  size_t paths = 0;
  size_t longest = 0;
  for (const Protocol* p : targets) {
    LintReport r = lint_protocol(*p, c.catalogue->common);
    paths += r.paths_walked;
    longest = std::max(longest, r.longest_path);
    for (const LintIssue& i : r.issues) {
      issues.push_back(object{{"protocol", i.protocol}, {"path", i.path}, {"message", i.message}});
    }
  }
  object o;
  o["clean"] = issues.empty();
  o["protocols"] = targets.size();
  o["paths_walked"] = paths;
  o["longest_path"] = longest;
  o["issues"] = std::move(issues);
  return value(std::move(o));
}

}  // namespace clinic::triage::ops
