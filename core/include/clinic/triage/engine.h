// The triage walk: one pure function from (protocol, patient, answers) to either the
// next question or the outcome. triage.start, triage.answer and triage.evaluate all
// call it, so a step-by-step session and an all-at-once evaluation cannot disagree.
#pragma once

#include <optional>
#include <vector>

#include "clinic/triage/model.h"

namespace clinic::triage {

// Answers indexed like protocol.questions; nullopt = not answered.
using Answers = std::vector<std::optional<Answer>>;

struct PathStep {
  int question = -1;
  Answer answer;
  bool assumed = false;  // filled in by assume_no, not given
};

struct WalkResult {
  bool finished = false;
  int next_question = -1;  // when !finished
  std::vector<PathStep> path;
  int outcome = -1;            // when finished
  int red_flag_question = -1;  // the red flag that ended the walk, if any
  int rule = -1;               // the rule that decided the outcome, if any
  // The answered questions that decided the level: the red flag, or the deciding rule's
  // conditions that matched (in `any`, the first child that held). Empty: the default.
  std::vector<int> deciding;
};

// Asks questions in protocol order, skipping those whose ask_if is false; a "yes"
// to a red flag ends the walk with its outcome; otherwise the most urgent matching
// rule decides (ties: the earlier rule), else the default outcome. Only answers to
// questions actually asked are seen by conditions. With `assume_no`, unanswered
// yes/no questions count as "no" and multi-choice as "none of these".
WalkResult walk(const Protocol& protocol, const Patient& patient, const Answers& answers, bool assume_no = false);

// Evaluates a condition against the patient and the answers asked so far.
bool holds(const Condition& cond, const Patient& patient, const Answers& asked);

// Whether an option is offered to this patient (its show_if).
bool shown(const Option& option, const Patient& patient);

}  // namespace clinic::triage
