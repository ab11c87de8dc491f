// Static checks on a protocol (triage.lint): every path reaches an outcome within
// kMaxPathQuestions; no unreachable question or unused outcome; red flags come first,
// most urgent first, and no ordinary rule is more urgent than the mildest red flag
// (so a "yes" to a red flag can never lower urgency); both languages present; no
// outcome text names a diagnosis; a protocol admitting children has parent texts for
// its questions; red flags name their source; number questions offer "not sure" and a
// red flag's "not sure" counts as present; every option is shown to someone asked. The walk is exhaustive over
// representative patients and every answer (number questions at each threshold the rules use).
#pragma once

#include <string>
#include <vector>

#include "clinic/triage/model.h"

namespace clinic::triage {

struct LintIssue {
  std::string protocol;
  std::string path;  // JSON path inside the protocol document
  std::string message;
};

struct LintReport {
  std::vector<LintIssue> issues;
  size_t paths_walked = 0;
  size_t longest_path = 0;
};

LintReport lint_protocol(const Protocol& protocol, const Common& common);

// Representative patients for a band mask: ages at every band edge, both sexes,
// pregnancy for women of child-bearing age.
std::vector<Patient> representative_patients(BandMask bands);
// The same for one protocol (its bands; women only where the protocol says so).
std::vector<Patient> representative_patients(const Protocol& protocol);

// Candidate answers for a question (number questions: min, max and each threshold
// the protocol compares it with, plus one step below).
std::vector<Answer> candidate_answers(const Protocol& protocol, int question);
// The same, limited to the options shown to `patient`.
std::vector<Answer> candidate_answers(const Protocol& protocol, int question, const Patient& patient);

}  // namespace clinic::triage
