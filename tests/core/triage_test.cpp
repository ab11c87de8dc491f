// Triage engine: catalogue loading, lint, the exhaustive walk, the safety
// properties (red flags, monotonicity over generated answer sets), step-by-step vs
// all-at-once parity, matching and protocol validation errors.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <random>
#include <string>
#include <vector>

#include "clinic/command.h"
#include "clinic/triage/engine.h"
#include "clinic/triage/lint.h"
#include "clinic/triage/matcher.h"
#include "clinic/triage/protocol_reader.h"
#include "triage/triage_json.h"

using namespace clinic::triage;

namespace {

const Catalogue& catalogue() {
  auto c = builtin_catalogue();
  REQUIRE_MESSAGE(c.ok(), (c.ok() ? std::string() : c.error().message_en + " at " + c.error().path));
  return **c;
}

Level level_of(const Protocol& p, const WalkResult& w) {
  return p.outcomes[w.outcome].level;
}

// A complete random answer set: every question answered (the walk ignores the ones
// it does not ask), choosing only options shown to the patient.
Answers random_answers(const Protocol& p, std::mt19937& rng, const Patient& patient) {
  Answers a(p.questions.size());
  for (size_t i = 0; i < p.questions.size(); ++i) {
    std::vector<Answer> cands = candidate_answers(p, static_cast<int>(i), patient);
    a[i] = cands[rng() % cands.size()];
  }
  return a;
}

boost::json::value parse(const std::string& s) {
  return boost::json::parse(s);
}

}  // namespace

TEST_CASE("triage: built-in catalogue loads with at least 30 protocols, each naming its guidance") {
  const Catalogue& c = catalogue();
  CHECK(c.protocols.size() >= 30);
  for (const Protocol& p : c.protocols) {
    CAPTURE(p.id);
    CHECK_FALSE(p.guidance.empty());
    CHECK_FALSE(p.synonyms_zh.empty());
    CHECK_FALSE(p.synonyms_en.empty());
    CHECK(p.questions.front().red_flag >= 0);  // red flags first
  }
  // The complaints the brief lists must be present.
  for (const char* id : {"fever_adult",   "fever_child",        "fever_infant",    "cough_cold",     "flu_check",
                         "sore_throat",   "ear_pain",           "sinus_nasal",     "eye_problem",    "headache",
                         "chest_pain",    "breathing",          "palpitations",    "abdominal_pain", "vomiting",
                         "diarrhoea",     "constipation",       "urinary",         "vaginal",        "pregnancy",
                         "back_pain",     "limb_pain_swelling", "joint_pain",      "rash",           "itching",
                         "bites_stings",  "wound_injury",       "burns",           "dizziness",      "fainting",
                         "confusion",     "weakness_numbness",  "mouth_teeth",     "jaundice",       "poisoning",
                         "mental_health", "feeling_unwell",     "testicle_scrotum"}) {
    CHECK_MESSAGE(c.find(id) != nullptr, id);
  }
  // The quick flu test asks at most 3 questions on any path.
  LintReport flu = lint_protocol(*c.find("flu_check"), c.common);
  CHECK(flu.longest_path <= 3);
}

TEST_CASE("triage: lint is clean on every protocol (exhaustive walk within the question limit)") {
  const Catalogue& c = catalogue();
  size_t paths = 0;
  for (const Protocol& p : c.protocols) {
    LintReport r = lint_protocol(p, c.common);
    paths += r.paths_walked;
    CAPTURE(p.id);
    for (const LintIssue& i : r.issues) FAIL_CHECK(i.path << ": " << i.message);
    CHECK(r.paths_walked > 0);
    CHECK(r.longest_path <= kMaxPathQuestions);
  }
  MESSAGE("walked " << paths << " complete paths over " << c.protocols.size() << " protocols");
}

TEST_CASE("triage: every walked path ends in an outcome; a yes to a red flag ends with its outcome") {
  const Catalogue& c = catalogue();
  std::mt19937 rng(20261122);
  for (const Protocol& p : c.protocols) {
    CAPTURE(p.id);
    for (const Patient& patient : representative_patients(p)) {
      for (int n = 0; n < 40; ++n) {
        Answers a = random_answers(p, rng, patient);
        WalkResult w = walk(p, patient, a);
        REQUIRE(w.finished);
        REQUIRE(w.outcome >= 0);
        CHECK(w.path.size() <= kMaxPathQuestions);
        // Outcome never less urgent than any red flag answered yes on the path.
        for (const PathStep& s : w.path) {
          const Question& q = p.questions[s.question];
          if (q.red_flag >= 0 && s.answer.yes) CHECK(level_of(p, w) >= p.outcomes[q.red_flag].level);
        }
      }
    }
  }
}

TEST_CASE("triage: answering yes to more warning signs never lowers urgency (seeded property test)") {
  const Catalogue& c = catalogue();
  std::mt19937 rng(7);
  size_t checks = 0;
  for (const Protocol& p : c.protocols) {
    CAPTURE(p.id);
    std::vector<Patient> patients = representative_patients(p);
    for (int n = 0; n < 300; ++n) {
      const Patient& patient = patients[rng() % patients.size()];
      Answers a = random_answers(p, rng, patient);
      Level before = level_of(p, walk(p, patient, a));
      for (size_t i = 0; i < p.questions.size(); ++i) {
        const Question& q = p.questions[i];
        if (q.kind != Kind::yes_no || q.reassuring || a[i]->yes) continue;
        Answers more = a;
        more[i]->yes = true;
        Level after = level_of(p, walk(p, patient, more));
        CAPTURE(q.id);
        CAPTURE(patient.age_years);
        CHECK(after >= before);
        ++checks;
      }
    }
  }
  MESSAGE("monotonicity: " << checks << " flips checked");
}

TEST_CASE("triage: no outcome text names a diagnosis; every outcome carries advice, warning signs, departments") {
  const Catalogue& c = catalogue();
  for (const Protocol& p : c.protocols) {
    for (size_t i = 0; i < p.outcomes.size(); ++i) {
      Patient child;
      child.age_years = 6;
      child.answerer = Answerer::parent;
      boost::json::value zh = outcome_json(p, c.common, static_cast<int>(i), false, child);
      boost::json::value en = outcome_json(p, c.common, static_cast<int>(i), true, Patient{});
      std::string zh_text = boost::json::serialize(zh);
      std::string en_text = boost::json::serialize(en);
      CAPTURE(p.id + "." + p.outcomes[i].id);
      for (const std::string& w : c.common.banned_words_zh) CHECK(zh_text.find(w) == std::string::npos);
      CHECK(en.as_object().at("disclaimer").as_string().find("not a diagnosis") != std::string::npos);
      CHECK_FALSE(en.as_object().at("go_sooner_if").as_array().empty());
      CHECK_FALSE(en.as_object().at("departments").as_array().empty());
    }
  }
}

TEST_CASE("triage: start/answer sequence gives byte-identical outcomes to evaluate") {
  const Catalogue& c = catalogue();
  std::mt19937 rng(99);
  for (const Protocol& p : c.protocols) {
    CAPTURE(p.id);
    std::vector<Patient> patients = representative_patients(p);
    for (int n = 0; n < 6; ++n) {
      const Patient& patient = patients[rng() % patients.size()];
      Answers a = random_answers(p, rng, patient);
      std::string lang = n % 2 ? "en" : "zh-CN";
      boost::json::object start{
          {"op", "triage.start"}, {"v", 1}, {"lang", lang}, {"complaint", p.id}, {"patient", patient_json(patient)}};
      boost::json::value resp = parse(clinic::call(boost::json::serialize(start)));
      REQUIRE(resp.as_object().contains("ok"));
      int steps = 0;
      while (resp.at("ok").at("status") == "question") {
        std::string qid(resp.at("ok").at("question").at("id").as_string());
        int qi = p.question_index(qid);
        boost::json::object step{{"op", "triage.answer"}, {"v", 1},
                                 {"lang", lang},          {"state", resp.at("ok").at("state")},
                                 {"question", qid},       {"answer", answer_json(p.questions[qi], *a[qi])}};
        resp = parse(clinic::call(boost::json::serialize(step)));
        REQUIRE_MESSAGE(resp.as_object().contains("ok"), boost::json::serialize(resp));
        REQUIRE(++steps <= static_cast<int>(kMaxPathQuestions));
      }
      boost::json::object answers;
      for (size_t i = 0; i < p.questions.size(); ++i) answers[p.questions[i].id] = answer_json(p.questions[i], *a[i]);
      boost::json::object eval{
          {"op", "triage.evaluate"}, {"v", 1}, {"lang", lang}, {"complaint", p.id}, {"patient", patient_json(patient)},
          {"answers", answers}};
      boost::json::value ev = parse(clinic::call(boost::json::serialize(eval)));
      REQUIRE_MESSAGE(ev.as_object().contains("ok"), boost::json::serialize(ev));
      CHECK(boost::json::serialize(ev.at("ok").at("outcome")) == boost::json::serialize(resp.at("ok").at("outcome")));
      CHECK(boost::json::serialize(ev.at("ok").at("path")) == boost::json::serialize(resp.at("ok").at("path")));
      // The finished state re-evaluates to the same outcome (what the server does).
      boost::json::object verify{
          {"op", "triage.evaluate"}, {"v", 1}, {"lang", lang}, {"state", resp.at("ok").at("state")}};
      boost::json::value again = parse(clinic::call(boost::json::serialize(verify)));
      REQUIRE(again.as_object().contains("ok"));
      CHECK(boost::json::serialize(again.at("ok").at("outcome")) ==
            boost::json::serialize(resp.at("ok").at("outcome")));
    }
  }
}

TEST_CASE("triage: free text matches colloquial Chinese and English") {
  const Catalogue& c = catalogue();
  struct Case {
    const char* text;
    const char* expect;
  };
  for (const Case& k : {Case{"肚子疼", "abdominal_pain"},
                        Case{"我拉肚子三天了", "diarrhoea"},
                        Case{"嗓子疼", "sore_throat"},
                        Case{"tummy ache", "abdominal_pain"},
                        Case{"I keep throwing up", "vomiting"},
                        Case{"孩子发烧了", "fever_child"},
                        Case{"chest pains when walking", "chest_pain"},
                        Case{"my ear hurts", "ear_pain"},
                        Case{"bee sting on my arm", "bites_stings"},
                        Case{"头痛", "headache"},
                        Case{"I burned my hand on the stove", "burns"},
                        Case{"want to kill myself", "mental_health"},
                        Case{"尿痛尿频", "urinary"},
                        Case{"wheezing and short of breath", "breathing"},
                        Case{"牙疼", "mouth_teeth"},
                        Case{"cold sore on my lip", "mouth_teeth"},
                        Case{"sprained ankle", "wound_injury"},
                        Case{"I have pain and burning when I urinate", "urinary"},
                        Case{"My lips and tongue are swelling after eating peanuts", "rash"},
                        Case{"The room spins when I roll over in bed", "dizziness"},
                        Case{"My skin and eyes are yellow and I feel nauseous", "jaundice"},
                        Case{"My big toe suddenly became red, hot and painful", "joint_pain"},
                        Case{"sudden pain in my testicle", "testicle_scrotum"}}) {
    CAPTURE(k.text);
    auto m = match_complaints(c, k.text, -1, 5);
    REQUIRE_FALSE(m.empty());
    if (std::string(k.expect) == "fever_child") {
      CHECK(m.front().protocol->group == "fever");
    } else {
      CHECK(m.front().protocol->id == k.expect);
    }
  }
  CHECK(match_complaints(c, "qwertyuiop", -1, 5).empty());
  // The patient's band filters variants: a child's fever never offers the infant protocol.
  auto child = match_complaints(c, "fever", static_cast<int>(Band::child), 5);
  REQUIRE_FALSE(child.empty());
  CHECK(child.front().protocol->id == "fever_child");
  for (const Match& m : child) CHECK(m.protocol->id != "fever_infant");
}

TEST_CASE("triage: an attached protocol is validated with JSON paths") {
  const Catalogue& c = catalogue();
  // Round trip: a built-in file parses; a broken copy fails with the right path.
  const char* bad = R"({"op":"triage.lint","v":1,"lang":"en","protocol":{"schema":"triage.protocol","schema_version":1,
    "id":"x","revision":1,"name":["测试","Test"],"synonyms":{"zh":["测"],"en":["t"]},"bands":["adult"],
    "guidance":["none"],"outcomes":{"home":{"level":"self_care","dept":["general_practice"],"advice":["在家","home"],
    "sooner":[["加重","worse"]]}},"questions":[{"id":"q1","kind":"yes_no","text":["问","ask"],"ask_if":{"yes":"q2"}}],
    "rules":[],"default":"home"}})";
  boost::json::value r = parse(clinic::call(bad));
  REQUIRE(r.as_object().contains("error"));
  CHECK(r.at("error").at("code") == "invalid_rules");
  CHECK(r.at("error").at("path") == "$.protocol.questions[0].ask_if.yes");
  (void)c;
}

TEST_CASE("triage: a protocol that admits adults has third-person texts for a relative (lint)") {
  const Catalogue& c = catalogue();
  auto lint_of = [&](const std::string& text, const Common& common) {
    std::string doc = R"({"schema":"triage.protocol","schema_version":2,"id":"x","revision":1,"name":["测试","Test"],
      "synonyms":{"zh":["测"],"en":["t"]},"bands":["adult"],"guidance":["none"],
      "outcomes":{"ed":{"level":"emergency","dept":["emergency"],"advice":["去急诊","Go now"],"sooner":[["加重","worse"]]},
                  "home":{"level":"self_care","dept":["general_practice"],"advice":["在家","home"],"sooner":[["加重","worse"]]}},
      "questions":[{"id":"rf","kind":"yes_no","red_flag":"ed","source":"NICE","text":)" +
                      text + R"(}],"rules":[],"default":"home"})";
    boost::json::value v = parse(doc);
    clinic::ReadContext ctx;
    auto p = read_protocol(clinic::JsonReader(&v, "$", ctx), common);
    REQUIRE_MESSAGE(p.has_value(), (ctx.ok() ? std::string() : ctx.error().message_en));
    return std::make_pair(*p, lint_protocol(*p, common));
  };
  auto says = [](const LintReport& r, const std::string& what) {
    for (const LintIssue& i : r.issues) {
      if (i.message.find(what) != std::string::npos) return true;
    }
    return false;
  };
  // The catalogue's rewrite gives the relative third-person words.
  auto [p, r] = lint_of(R"(["您是否发烧？","Do you have a fever, or does pain wake you at night?"])", c.common);
  CHECK(r.issues.empty());
  CHECK(p.questions[0].text.in(Answerer::relative, false) == "病人是否发烧？");
  CHECK(p.questions[0].text.in(Answerer::relative, true) == "Do they have a fever, or does pain wake them at night?");
  CHECK(p.questions[0].text.in(Answerer::self, true) == "Do you have a fever, or does pain wake you at night?");
  // Without the rewrite (a common with no relative_words) the text lacks a relative variant.
  Common bare = c.common;
  bare.relative_words_zh.clear();
  bare.relative_words_en.clear();
  CHECK(says(lint_of(R"(["您是否发烧？","Do you have a fever?"])", bare).second, "no relative variant"));
  // A rewrite that leaves "you" fails; a written-out relative variant is used as written.
  Common partial = bare;
  partial.relative_words_zh = {{"您", "病人"}};
  CHECK(says(lint_of(R"(["您是否发烧？","Do you have a fever?"])", partial).second, "still says"));
  auto [q, r2] = lint_of(
      R"({"self":["您是否发烧？","Do you have a fever?"],"relative":["他/她是否发烧？","Does your relative have a fever?"]})",
      bare);
  CHECK(r2.issues.empty());
  CHECK(q.questions[0].text.in(Answerer::relative, true) == "Does your relative have a fever?");
  // A text that addresses nobody needs no variant.
  CHECK(lint_of(R"(["是否发烧？","Is there a fever?"])", bare).second.issues.empty());
}
