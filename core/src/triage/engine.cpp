#include "clinic/triage/engine.h"

#include <algorithm>

namespace clinic::triage {
namespace {

const Answer* answered(const Answers& asked, int question) {
  if (question < 0 || static_cast<size_t>(question) >= asked.size() || !asked[question]) return nullptr;
  return &*asked[question];
}

}  // namespace

bool holds(const Condition& c, const Patient& patient, const Answers& asked) {
  using Op = Condition::Op;
  const Answer* a = answered(asked, c.question);
  switch (c.op) {
    case Op::all:
      for (const Condition& ch : c.children) {
        if (!holds(ch, patient, asked)) return false;
      }
      return true;
    case Op::any:
      for (const Condition& ch : c.children) {
        if (holds(ch, patient, asked)) return true;
      }
      return false;
    case Op::not_:
      return !holds(c.children[0], patient, asked);
    case Op::yes:
      return a && a->yes;
    case Op::no:
      return a && !a->yes;
    case Op::is:
    case Op::in:
      return a && a->option >= 0 && (c.options & (1u << a->option)) != 0;
    case Op::has:
      return a && (a->chosen & c.options) != 0;
    case Op::gte:
      return a && a->number >= c.number;
    case Op::gt:
      return a && a->number > c.number;
    case Op::lte:
      return a && a->number <= c.number;
    case Op::lt:
      return a && a->number < c.number;
    case Op::band:
      return (c.bands & (1u << static_cast<int>(patient.band()))) != 0;
    case Op::female:
      return patient.female;
    case Op::pregnant:
      return patient.pregnant;
    case Op::age_gte:
      return patient.age_years >= c.number;
    case Op::age_lt:
      return patient.age_years < c.number;
    case Op::months_lt:
      return patient.total_months() < c.number;
    case Op::answerer:
      return (c.bands & (1u << static_cast<int>(patient.answerer))) != 0;
  }
  return false;
}

bool shown(const Option& o, const Patient& patient) {
  return !o.show_if || holds(*o.show_if, patient, Answers());
}

void deciding_questions(const Condition& c, const Patient& patient, const Answers& asked, std::vector<int>& out) {
  using Op = Condition::Op;
  auto add = [&](int q) {
    if (q >= 0 && static_cast<size_t>(q) < asked.size() && asked[q] &&
        std::find(out.begin(), out.end(), q) == out.end())
      out.push_back(q);
  };
  switch (c.op) {
    case Op::all:
      for (const Condition& ch : c.children) deciding_questions(ch, patient, asked, out);
      return;
    case Op::any:
      for (const Condition& ch : c.children) {
        if (holds(ch, patient, asked)) {
          deciding_questions(ch, patient, asked, out);
          return;
        }
      }
      return;
    case Op::not_: {
      // "not yes to X": X's answer decided it.
      std::vector<const Condition*> stack{&c.children[0]};
      while (!stack.empty()) {
        const Condition* x = stack.back();
        stack.pop_back();
        add(x->question);
        for (const Condition& ch : x->children) stack.push_back(&ch);
      }
      return;
    }
    default:
      add(c.question);
  }
}

WalkResult walk(const Protocol& protocol, const Patient& patient, const Answers& answers, bool assume_no) {
  WalkResult out;
  Answers asked(protocol.questions.size());
  for (size_t i = 0; i < protocol.questions.size(); ++i) {
    const Question& q = protocol.questions[i];
    if (q.ask_if && !holds(*q.ask_if, patient, asked)) continue;
    std::optional<Answer> a = i < answers.size() ? answers[i] : std::nullopt;
    bool assumed = false;
    if (!a && assume_no && (q.kind == Kind::yes_no || q.kind == Kind::multi)) {
      a = Answer{};
      assumed = true;
    }
    if (!a) {
      out.next_question = static_cast<int>(i);
      return out;
    }
    asked[i] = a;
    out.path.push_back(PathStep{static_cast<int>(i), *a, assumed});
    if (q.red_flag >= 0 && a->yes) {
      out.finished = true;
      out.outcome = q.red_flag;
      out.red_flag_question = static_cast<int>(i);
      out.deciding.push_back(static_cast<int>(i));
      return out;
    }
  }
  int best = -1;
  for (size_t i = 0; i < protocol.rules.size(); ++i) {
    const Rule& r = protocol.rules[i];
    if (!holds(r.when, patient, asked)) continue;
    if (best < 0 || protocol.outcomes[r.outcome].level > protocol.outcomes[best].level) {
      best = r.outcome;
      out.rule = static_cast<int>(i);
    }
  }
  out.finished = true;
  out.outcome = best >= 0 ? best : protocol.default_outcome;
  if (out.rule >= 0) deciding_questions(protocol.rules[out.rule].when, patient, asked, out.deciding);
  return out;
}

}  // namespace clinic::triage
