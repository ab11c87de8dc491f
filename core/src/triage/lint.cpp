#include "clinic/triage/lint.h"

#include <algorithm>
#include <functional>
#include <set>

#include "clinic/triage/engine.h"

namespace clinic::triage {
namespace {

// A protocol with more paths than this per patient is too bushy to review (and to walk).
constexpr size_t kMaxPathsPerPatient = 200000;

void collect(const Condition& c, const std::function<void(const Condition&)>& f) {
  f(c);
  for (const Condition& ch : c.children) collect(ch, f);
}

void for_each_condition(const Protocol& p, const std::function<void(const Condition&)>& f) {
  for (const Question& q : p.questions) {
    if (q.ask_if) collect(*q.ask_if, f);
    for (const Option& o : q.options) {
      if (o.show_if) collect(*o.show_if, f);
    }
  }
  for (const Rule& r : p.rules) collect(r.when, f);
}

bool has_cjk(const std::string& s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0xe3 && b <= 0xe9) return true;  // U+3000..U+9FFF lead bytes
  }
  return false;
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool contains_word(const std::string& text, const std::string& word) {
  std::string t = lower(text);
  std::string w = lower(word);
  for (size_t pos = t.find(w); pos != std::string::npos; pos = t.find(w, pos + 1)) {
    bool left = pos == 0 || !word_char(t[pos - 1]);
    size_t end = pos + w.size();
    bool right = end >= t.size() || !word_char(t[end]);
    if (left && right) return true;
  }
  return false;
}

class Linter {
 public:
  Linter(const Protocol& p, const Common& common) : p_(p), common_(common) {}

  LintReport run() {
    check_order();
    check_texts();
    walk_all();
    return std::move(report_);
  }

 private:
  void issue(std::string path, std::string message) {
    report_.issues.push_back(LintIssue{p_.id, std::move(path), std::move(message)});
  }
  std::string qpath(size_t i) const { return "$.questions[" + std::to_string(i) + "]"; }
  std::string opath(size_t i) const { return "$.outcomes." + p_.outcomes[i].id; }

  void check_order() {
    bool seen_plain = false;
    int mildest_red = -1;
    int prev_red_level = kLevelCount;
    bool any_red = false;
    for (size_t i = 0; i < p_.questions.size(); ++i) {
      const Question& q = p_.questions[i];
      if (q.red_flag < 0) {
        seen_plain = true;
        continue;
      }
      any_red = true;
      int level = static_cast<int>(p_.outcomes[q.red_flag].level);
      if (seen_plain) issue(qpath(i), "red flag asked after an ordinary question (red flags come first)");
      if (level > prev_red_level) issue(qpath(i), "red flag more urgent than an earlier red flag (most urgent first)");
      if (level < static_cast<int>(Level::emergency)) issue(qpath(i), "a red flag must lead to an emergency level");
      prev_red_level = level;
      mildest_red = mildest_red < 0 ? level : std::min(mildest_red, level);
    }
    if (!any_red) issue("$.questions", "no red-flag question (every protocol screens for emergencies first)");
    if (mildest_red < 0) return;
    for (size_t i = 0; i < p_.rules.size(); ++i) {
      if (static_cast<int>(p_.outcomes[p_.rules[i].outcome].level) > mildest_red) {
        issue("$.rules[" + std::to_string(i) + "]",
              "rule more urgent than the mildest red flag (a yes could lower urgency)");
      }
    }
  }

  void check_text(const Text& t, const std::string& path) {
    if (!has_cjk(t.zh)) issue(path + ".zh", "Chinese text has no Chinese characters");
    if (has_cjk(t.en)) issue(path + ".en", "English text contains Chinese characters");
  }

  void check_text(const Says& t, const std::string& path) {
    for (int a = 0; a < kAnswererCount; ++a) {
      if (t.variant[a])
        check_text(*t.variant[a], t.plain ? path : path + "." + std::string(answerer_name(static_cast<Answerer>(a))));
    }
  }

  void check_diagnosis(const Says& t, const std::string& path) {
    for (int a = 0; a < kAnswererCount; ++a) {
      if (t.variant[a]) check_diagnosis(*t.variant[a], path);
    }
  }

  bool admits_children() const {
    return (p_.bands & ((1u << static_cast<int>(Band::infant)) | (1u << static_cast<int>(Band::child)))) != 0;
  }
  bool children_only() const {
    return (p_.bands & ((1u << static_cast<int>(Band::adult)) | (1u << static_cast<int>(Band::older_adult)))) == 0;
  }

  // A parent answers for a child: a question that speaks to the answerer ("您", "you")
  // needs words for the parent. In a children-only protocol the plain text is the
  // parent's text; a plain text that addresses nobody ("哪里最痛？") suits everyone.
  static bool addresses_answerer(const Text& t) {
    return t.zh.find("您") != std::string::npos || t.zh.find("你") != std::string::npos || contains_word(t.en, "you") ||
           contains_word(t.en, "your") || contains_word(t.en, "yourself");
  }
  void check_audience(const Says& t, const std::string& path) {
    if (!admits_children() || t.has(Answerer::parent)) return;
    if (children_only() && t.plain) return;
    if (t.plain && !addresses_answerer(t.to(Answerer::self))) return;
    issue(path, "the protocol admits children but this text has no parent variant (it speaks to \"you\")");
  }

  // A relative answers for an adult who cannot (issue 14): a question that speaks to the
  // patient needs third-person words, written out as `relative` or derived by the
  // catalogue's rewrite (_common.json relative_words); a derived text must not still say
  // "you"/"您" (the rewrite missed a form: add it there or write the variant out).
  bool admits_adults() const { return !children_only(); }
  void check_relative(const Says& t, const std::string& path) {
    if (!admits_adults()) return;
    if (t.has(Answerer::relative)) {
      if (t.relative_derived && addresses_answerer(t.to(Answerer::relative)))
        issue(path, "the third-person rewrite for a relative still says \"you\": \"" + t.to(Answerer::relative).en +
                        "\" / \"" + t.to(Answerer::relative).zh + "\"");
      return;
    }
    if (t.has(Answerer::self) && addresses_answerer(t.to(Answerer::self)))
      issue(path, "the protocol admits adults but this text has no relative variant (it speaks to \"you\")");
  }

  void check_red_flag_and_not_sure(const Question& q, size_t i) {
    if (q.red_flag >= 0 && q.source.empty()) issue(qpath(i) + ".source", "a red-flag question names its public source");
    if (q.kind == Kind::number && !q.not_sure)
      issue(qpath(i) + ".not_sure", "a number question offers \"not sure\" (a lay person may not have measured)");
    if (q.red_flag >= 0 && q.not_sure && !q.not_sure->treat_as.yes)
      issue(qpath(i) + ".not_sure.treat_as", "a red flag answered \"not sure\" is treated as present (the safe side)");
  }

  void check_diagnosis(const Text& t, const std::string& path) {
    for (const std::string& w : common_.banned_words_zh) {
      if (t.zh.find(w) != std::string::npos) issue(path + ".zh", "outcome text names a diagnosis: " + w);
    }
    for (const std::string& w : common_.banned_words_en) {
      if (contains_word(t.en, w)) issue(path + ".en", "outcome text names a diagnosis: " + w);
    }
  }

  void check_texts() {
    check_text(p_.name, "$.name");
    for (size_t i = 0; i < p_.questions.size(); ++i) {
      const Question& q = p_.questions[i];
      check_text(q.text, qpath(i) + ".text");
      if (q.help) check_text(*q.help, qpath(i) + ".help");
      if (q.not_sure && !q.not_sure->note.zh.empty()) check_text(q.not_sure->note, qpath(i) + ".not_sure.note");
      check_audience(q.text, qpath(i) + ".text");
      if (q.help) check_audience(*q.help, qpath(i) + ".help");
      check_relative(q.text, qpath(i) + ".text");
      if (q.help) check_relative(*q.help, qpath(i) + ".help");
      check_red_flag_and_not_sure(q, i);
      for (size_t k = 0; k < q.options.size(); ++k) {
        check_text(q.options[k].text, qpath(i) + ".options[" + std::to_string(k) + "].text");
        check_relative(q.options[k].text, qpath(i) + ".options[" + std::to_string(k) + "].text");
      }
    }
    for (size_t i = 0; i < p_.outcomes.size(); ++i) {
      const Outcome& o = p_.outcomes[i];
      check_text(o.advice, opath(i) + ".advice");
      check_diagnosis(o.advice, opath(i) + ".advice");
      for (size_t k = 0; k < o.sooner.size(); ++k) {
        std::string path = opath(i) + ".sooner[" + std::to_string(k) + "]";
        check_text(o.sooner[k], path);
        check_diagnosis(o.sooner[k], path);
      }
      if (is_emergency(o.level) && o.departments.front() != "emergency") {
        issue(opath(i) + ".dept", "an emergency outcome names the emergency department first");
      }
      if (!is_emergency(o.level) &&
          std::find(o.departments.begin(), o.departments.end(), "emergency") != o.departments.end()) {
        issue(opath(i) + ".dept", "a non-emergency outcome must not send to the emergency department");
      }
    }
  }

  void walk_all() {
    std::vector<bool> asked(p_.questions.size(), false);
    std::vector<bool> used(p_.outcomes.size(), false);
    // Per question, the options some patient it is asked of can see.
    std::vector<uint32_t> seen_options(p_.questions.size(), 0);
    for (const Patient& patient : representative_patients_for(p_)) {
      std::vector<bool> asked_here(p_.questions.size(), false);
      Answers answers(p_.questions.size());
      size_t paths = 0;
      bool too_long = false;
      std::function<void()> dfs = [&]() {
        if (paths > kMaxPathsPerPatient) return;
        WalkResult r = walk(p_, patient, answers);
        for (const PathStep& s : r.path) asked[s.question] = true;
        if (r.finished) {
          ++paths;
          used[r.outcome] = true;
          report_.longest_path = std::max(report_.longest_path, r.path.size());
          if (r.path.size() > kMaxPathQuestions) too_long = true;
          return;
        }
        if (r.path.size() >= kMaxPathQuestions) too_long = true;
        asked[r.next_question] = true;
        asked_here[r.next_question] = true;
        for (const Answer& a : candidate_answers(p_, r.next_question, patient)) {
          answers[r.next_question] = a;
          dfs();
        }
        answers[r.next_question].reset();
      };
      dfs();
      for (size_t qi = 0; qi < p_.questions.size(); ++qi) {
        if (!asked_here[qi]) continue;
        const Question& q = p_.questions[qi];
        size_t offered = 0;
        for (size_t k = 0; k < q.options.size(); ++k) {
          if (shown(q.options[k], patient)) {
            seen_options[qi] |= 1u << k;
            ++offered;
          }
        }
        if (!q.options.empty() && offered < 2) {
          issue(qpath(qi) + ".options", "fewer than two options are shown to a patient it is asked of");
        }
      }
      report_.paths_walked += paths;
      std::string who = std::to_string(patient.age_years) + "y" + std::to_string(patient.age_months) + "m " +
                        (patient.female ? (patient.pregnant ? "pregnant female" : "female") : "male");
      if (paths > kMaxPathsPerPatient) issue("$.questions", "more than 200000 paths for a patient aged " + who);
      if (too_long) {
        issue("$.questions", "a path asks more than " + std::to_string(kMaxPathQuestions) + " questions (" + who + ")");
      }
    }
    for (size_t i = 0; i < asked.size(); ++i) {
      if (!asked[i]) {
        issue(qpath(i), "question is never asked (unreachable)");
        continue;
      }
      for (size_t k = 0; k < p_.questions[i].options.size(); ++k) {
        if (!(seen_options[i] & (1u << k)))
          issue(qpath(i) + ".options[" + std::to_string(k) + "]",
                "option is shown to no patient the question is asked of (its show_if excludes them all)");
      }
    }
    for (size_t i = 0; i < used.size(); ++i) {
      if (!used[i]) issue(opath(i), "outcome is never reached");
    }
  }

  std::vector<Patient> representative_patients_for(const Protocol& p) {
    std::vector<Patient> base = representative_patients(p.bands);
    std::set<int> months;
    bool uses_female = false;
    bool uses_pregnant = false;
    bool uses_answerer = false;
    for_each_condition(p, [&](const Condition& c) {
      if (c.op == Condition::Op::age_gte || c.op == Condition::Op::age_lt) {
        months.insert(static_cast<int>(c.number) * 12);
        months.insert(static_cast<int>(c.number) * 12 - 1);
      }
      if (c.op == Condition::Op::months_lt) {
        months.insert(static_cast<int>(c.number));
        months.insert(static_cast<int>(c.number) - 1);
      }
      uses_female = uses_female || c.op == Condition::Op::female;
      uses_pregnant = uses_pregnant || c.op == Condition::Op::pregnant;
      uses_answerer = uses_answerer || c.op == Condition::Op::answerer;
    });
    for (int m : months) {
      if (m < 0) continue;
      Patient x;
      x.age_years = m / 12;
      x.age_months = m % 12;
      x.answerer = x.age_years < 14 ? Answerer::parent : Answerer::self;
      if ((p.bands & (1u << static_cast<int>(x.band()))) == 0) continue;
      base.push_back(x);
      x.female = true;
      base.push_back(x);
    }
    std::vector<Patient> out;
    for (const Patient& b : base) {
      if ((p.female_only && !b.female) || (p.male_only && b.female)) continue;
      if (!uses_female && !uses_pregnant && !p.female_only && b.female) continue;
      bool dup = false;
      for (const Patient& o : out) {
        dup = dup || (o.total_months() == b.total_months() && o.female == b.female && o.pregnant == b.pregnant);
      }
      if (!dup) out.push_back(b);
    }
    if (out.empty() && !base.empty()) out.push_back(base.front());
    if (!uses_female && !uses_pregnant && !p.female_only && !p.male_only) {
      // keep a female patient too: the walk must not depend on sex in a way lint misses
      std::vector<Patient> extra;
      for (Patient x : out) {
        x.female = true;
        extra.push_back(x);
      }
      out.insert(out.end(), extra.begin(), extra.end());
    }
    if (uses_answerer) {
      // every answerer for every patient: the walk may depend on who answers
      std::vector<Patient> extra;
      for (Patient x : out) {
        for (int a = 0; a < kAnswererCount; ++a) {
          if (a == static_cast<int>(x.answerer)) continue;
          Patient y = x;
          y.answerer = static_cast<Answerer>(a);
          extra.push_back(y);
        }
      }
      out.insert(out.end(), extra.begin(), extra.end());
    }
    return out;
  }

  const Protocol& p_;
  const Common& common_;
  LintReport report_;
};

}  // namespace

std::vector<Patient> representative_patients(BandMask bands) {
  // (years, months) at each band edge; pregnant women of child-bearing age.
  static const int kAges[][2] = {{0, 0},   {0, 2},  {0, 3},  {1, 0},   {4, 11}, {5, 0},
                                 {15, 11}, {16, 0}, {30, 0}, {64, 11}, {65, 0}, {90, 0}};
  std::vector<Patient> out;
  for (const auto& age : kAges) {
    for (int sex = 0; sex < 3; ++sex) {
      Patient p;
      p.age_years = age[0];
      p.age_months = age[1];
      p.female = sex > 0;
      p.pregnant = sex == 2;
      p.answerer = p.age_years < 14 ? Answerer::parent : Answerer::self;
      if ((bands & (1u << static_cast<int>(p.band()))) == 0) continue;
      if (p.pregnant && (p.age_years < 12 || p.age_years > 55)) continue;
      out.push_back(p);
    }
  }
  return out;
}

std::vector<Patient> representative_patients(const Protocol& protocol) {
  std::vector<Patient> out;
  for (const Patient& p : representative_patients(protocol.bands)) {
    if ((!protocol.female_only || p.female) && (!protocol.male_only || !p.female)) out.push_back(p);
  }
  return out;
}

std::vector<Answer> candidate_answers(const Protocol& p, int question, const Patient& patient) {
  std::vector<Answer> all = candidate_answers(p, question);
  const Question& q = p.questions[question];
  if (q.kind != Kind::single && q.kind != Kind::multi) return all;
  uint32_t offered = 0;
  for (size_t i = 0; i < q.options.size(); ++i) {
    if (shown(q.options[i], patient)) offered |= 1u << i;
  }
  std::vector<Answer> out;
  for (const Answer& a : all) {
    if (q.kind == Kind::single ? (offered & (1u << a.option)) != 0 : (a.chosen & ~offered) == 0) out.push_back(a);
  }
  return out;
}

std::vector<Answer> candidate_answers(const Protocol& p, int question) {
  const Question& q = p.questions[question];
  std::vector<Answer> out;
  switch (q.kind) {
    case Kind::yes_no: {
      Answer no, yes;
      yes.yes = true;
      out = {no, yes};
      break;
    }
    case Kind::single:
      for (size_t i = 0; i < q.options.size(); ++i) {
        Answer a;
        a.option = static_cast<int>(i);
        out.push_back(a);
      }
      break;
    case Kind::multi: {
      uint32_t n = static_cast<uint32_t>(q.options.size());
      if (n <= 5) {
        for (uint32_t m = 0; m < (1u << n); ++m) {
          Answer a;
          a.chosen = m;
          out.push_back(a);
        }
      } else {
        out.push_back(Answer{});
        for (uint32_t i = 0; i < n; ++i) {
          Answer a;
          a.chosen = 1u << i;
          out.push_back(a);
        }
        Answer all;
        all.chosen = (1u << n) - 1;
        out.push_back(all);
      }
      break;
    }
    case Kind::number: {
      std::set<double> values{q.min, q.max};
      for_each_condition(p, [&](const Condition& c) {
        bool cmp = c.op == Condition::Op::gte || c.op == Condition::Op::gt || c.op == Condition::Op::lte ||
                   c.op == Condition::Op::lt;
        if (!cmp || c.question != question) return;
        for (double v : {c.number - q.step, c.number, c.number + q.step}) {
          if (v >= q.min && v <= q.max) values.insert(v);
        }
      });
      for (double v : values) {
        Answer a;
        a.number = v;
        out.push_back(a);
      }
      break;
    }
  }
  return out;
}

LintReport lint_protocol(const Protocol& protocol, const Common& common) {
  return Linter(protocol, common).run();
}

}  // namespace clinic::triage
