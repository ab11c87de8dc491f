// The triage protocol model: plain structs that a protocol document (versioned JSON,
// core/protocols/triage/*.json) is validated into. Engines read these, never JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

enum class Kind { yes_no, single, multi, number };
std::string_view kind_name(Kind kind);

// At most this many options per choice question (multi answers are a bit mask).
inline constexpr size_t kMaxOptions = 16;
// A path may ask at most this many questions (lint and the walk test enforce it).
inline constexpr size_t kMaxPathQuestions = 10;

struct Option {
  std::string id;
  Text text;
};

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
  };
  Op op = Op::all;
  std::vector<Condition> children;
  int question = -1;
  uint32_t options = 0;  // bit mask of option indexes
  double number = 0;
  BandMask bands = 0;
};

struct Question {
  std::string id;
  Kind kind = Kind::yes_no;
  Text text;
  std::optional<Text> help;
  std::vector<Option> options;
  // number questions
  Text unit;
  double min = 0;
  double max = 0;
  double step = 1;
  std::optional<Condition> ask_if;
  int red_flag = -1;  // outcome index: a "yes" ends the test there
  // A yes/no question whose "yes" is reassuring (e.g. "does pressing the spot make it
  // worse?"); every other yes/no question is a warning sign: "yes" never lowers urgency.
  bool reassuring = false;
};

struct Outcome {
  std::string id;
  Level level = Level::self_care;
  std::vector<std::string> departments;
  Text advice;
  std::vector<Text> sooner;  // "go sooner if…" warning signs
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
  const Department* department(std::string_view id) const;
};

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
  int total_months() const { return age_years * 12 + age_months; }
  Band band() const;
};

// One answer; which member is meaningful depends on the question's kind.
struct Answer {
  bool yes = false;
  int option = -1;      // single
  uint32_t chosen = 0;  // multi: bit mask
  double number = 0;
};

}  // namespace clinic::triage
