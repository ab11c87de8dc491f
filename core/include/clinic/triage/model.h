// The triage protocol model: plain structs that a protocol document (versioned JSON,
// core/protocols/triage/*.json) is validated into. Engines read these, never JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clinic::triage {

// Urgency, least to most urgent; the numeric order is the urgency order.
enum class Level { self_care = 0, consultation = 1, consultation_24 = 2, emergency = 3, emergency_ambulance = 4 };
inline constexpr int kLevelCount = 5;
std::string_view level_name(Level level);
std::optional<Level> parse_level(std::string_view name);
// Levels that send the patient to an emergency department.
inline bool is_emergency(Level level) {
  return level >= Level::emergency;
}

// Age bands: infant < 3 months, child < 16 years, adult, older adult >= 65 years.
enum class Band { infant = 0, child = 1, adult = 2, older_adult = 3 };
std::string_view band_name(Band band);
std::optional<Band> parse_band(std::string_view name);
using BandMask = uint8_t;  // bit (1 << Band)
inline constexpr BandMask kAllBands = 0x0f;

struct Text {
  std::string zh;
  std::string en;
  const std::string& in(bool english) const { return english ? en : zh; }
};

// Who answers the questions: the patient, a parent (about a child), or a relative of an
// adult who cannot answer. Question, option and advice texts are chosen per audience.
enum class Answerer { self = 0, parent = 1, relative = 2 };
inline constexpr int kAnswererCount = 3;
std::string_view answerer_name(Answerer a);
std::optional<Answerer> parse_answerer(std::string_view name);

// A text with optional per-audience variants. The plain pair form ["zh","en"] fills the
// `self` slot and is marked `plain` (it speaks to whoever answers). A missing variant falls
// back: parent -> self, relative -> self -> parent, self -> parent -> relative.
struct Says {
  std::optional<Text> variant[kAnswererCount];
  bool plain = false;
  // The relative's variant was derived from the self text by the catalogue's third-person
  // rewrite (Common::relative_words) rather than written out (lint checks it says no "you").
  bool relative_derived = false;
  const Text& to(Answerer a) const;
  const std::string& in(Answerer a, bool english) const { return to(a).in(english); }
  bool has(Answerer a) const { return variant[static_cast<int>(a)].has_value(); }
};

enum class Kind { yes_no, single, multi, number };
std::string_view kind_name(Kind kind);

// At most this many options per choice question (multi answers are a bit mask).
inline constexpr size_t kMaxOptions = 16;
// A path may ask at most this many questions (lint and the walk test enforce it). Was 10;
// splitting bundled red flags into one finding per question (issue 14) adds quick yes/no
// screens, and a "yes" to any of them ends the test at once.
inline constexpr size_t kMaxPathQuestions = 18;

// A condition over the patient and earlier answers. Unanswered (skipped) questions
// satisfy no answer test, so "yes" and "no" are both false for a skipped question.
struct Condition {
  enum class Op {
    all,
    any,
    not_,  // children
    yes,
    no,  // yes/no question answered yes / no
    is,
    in,
    has,  // single choice is / is one of; multi choice includes any of `options`
    gte,
    gt,
    lte,
    lt,    // number answer compared with `number`
    band,  // patient band in `bands`
    female,
    pregnant,  // patient facts
    age_gte,
    age_lt,     // whole years
    months_lt,  // total age in months
    answerer,   // who answers, in `bands` as a bit mask of Answerer
  };
  Op op = Op::all;
  std::vector<Condition> children;
  int question = -1;
  uint32_t options = 0;  // bit mask of option indexes
  double number = 0;
  BandMask bands = 0;
};

struct Option {
  std::string id;
  Says text;
  // Shown only to patients this holds for (patient facts only: band, sex, pregnancy, age,
  // answerer); a hidden option is not offered and not accepted.
  std::optional<Condition> show_if;
};

// One answer; which member is meaningful depends on the question's kind. A "not sure"
// answer carries the effective value of its question's `treat_as` and `not_sure` = true.
struct Answer {
  bool yes = false;
  int option = -1;      // single
  uint32_t chosen = 0;  // multi: bit mask
  double number = 0;
  bool not_sure = false;
};

// "Not sure" for an answer a lay person may not know (not measured, not remembered): the
// walk treats it as `treat_as` (the safe side for a red flag is "present"), and the
// outcome's reason says so with `note`.
struct NotSure {
  Answer treat_as;
  Text note;
};

struct Question {
  std::string id;
  Kind kind = Kind::yes_no;
  Says text;
  std::optional<Says> help;
  std::vector<Option> options;
  // number questions
  Text unit;
  double min = 0;
  double max = 0;
  double step = 1;
  std::optional<Condition> ask_if;
  std::optional<NotSure> not_sure;
  std::string source;  // public guidance behind a red flag (lint requires it for red flags)
  int red_flag = -1;   // outcome index: a "yes" ends the test there
  // A yes/no question whose "yes" is reassuring (e.g. "does pressing the spot make it
  // worse?"); every other yes/no question is a warning sign: "yes" never lowers urgency.
  bool reassuring = false;
};

struct Outcome {
  std::string id;
  Level level = Level::self_care;
  std::vector<std::string> departments;
  Says advice;
  std::vector<Says> sooner;  // "go sooner if…" warning signs
};

struct Rule {
  Condition when;
  int outcome = -1;
};

struct Protocol {
  std::string id;
  std::string group;  // variants of one complaint share a group (fever: infant/child/adult)
  int version = 1;
  Text name;
  std::vector<std::string> synonyms_zh;
  std::vector<std::string> synonyms_en;
  // Phrases masked out of the text before this protocol's terms are matched: a shared
  // word in another sense ("burning when I pee" is not a burn, "yellow phlegm" not jaundice).
  std::vector<std::string> exclude_zh;
  std::vector<std::string> exclude_en;
  // Body-part words ("elbow", "眼睛") that point to this complaint when no symptom word
  // matches anything (they score below every synonym).
  std::vector<std::string> parts_zh;
  std::vector<std::string> parts_en;
  BandMask bands = kAllBands;
  bool female_only = false;  // vaginal symptoms, pregnancy
  bool male_only = false;    // testicle and scrotum
  std::vector<std::string> guidance;
  std::vector<Question> questions;
  std::vector<Outcome> outcomes;
  std::vector<Rule> rules;
  int default_outcome = -1;

  int question_index(std::string_view qid) const;
  int outcome_index(std::string_view oid) const;
};

struct Department {
  std::string id;
  Text name;
};

// Shared texts: departments, level titles, the disclaimer.
struct Common {
  std::vector<Department> departments;
  Text level_title[kLevelCount];
  Text disclaimer;
  std::vector<std::string> banned_words_zh;  // diagnosis names an outcome must never use
  std::vector<std::string> banned_words_en;
  // Children (infant/child bands) see the paired department instead (general practice ->
  // paediatrics) where the clinic has one.
  std::vector<std::pair<std::string, std::string>> child_departments;
  // A relative answers for an adult who cannot: question texts that speak to the patient
  // ("您是否…", "Do you…") are rewritten for the relative by these whole-word replacements,
  // tried in order at each word start ("您" -> "病人", "wakes you" -> "wakes them",
  // "you" -> "they"). A text written out for `relative` is used as written.
  std::vector<std::pair<std::string, std::string>> relative_words_zh;
  std::vector<std::pair<std::string, std::string>> relative_words_en;
  const Department* department(std::string_view id) const;
};

// `text` with `words` replaced (Common::relative_words_*): at each word start (not after an
// ASCII letter) the first pair whose `first` matches and ends at a word end is replaced.
std::string rewrite_words(const std::string& text, const std::vector<std::pair<std::string, std::string>>& words);

struct Catalogue {
  Common common;
  std::vector<Protocol> protocols;  // sorted by id
  const Protocol* find(std::string_view id) const;
};

struct Patient {
  int age_years = 30;
  int age_months = 0;  // 0..11, on top of years (infants)
  bool female = false;
  bool pregnant = false;
  Answerer answerer = Answerer::self;  // read_patient defaults it by age (< 14 years: parent)
  int total_months() const { return age_years * 12 + age_months; }
  Band band() const;
};

}  // namespace clinic::triage
