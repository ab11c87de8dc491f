// JSON shapes of the triage ops: reading patients, answers and session state, and
// writing questions, outcomes and paths. One place, so start/answer/evaluate emit
// byte-identical outcomes.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "clinic/json_reader.h"
#include "clinic/triage/engine.h"
#include "clinic/triage/model.h"

namespace clinic::triage {

std::optional<Patient> read_patient(const JsonReader& r);
boost::json::value patient_json(const Patient& p);

// One answer to `q` (yes/no: true/false; single: option id; multi: array of ids;
// number: within the question's range).
std::optional<Answer> read_answer(const JsonReader& r, const Question& q);
boost::json::value answer_json(const Question& q, const Answer& a);

// {"qid": answer, ...} -> Answers indexed like the protocol's questions.
std::optional<Answers> read_answers(const JsonReader& r, const Protocol& p);

boost::json::value question_json(const Question& q, bool english);
// Departments follow the patient: paediatrics is left out for adults.
boost::json::value outcome_json(const Protocol& p, const Common& common, int outcome, bool english, Band band);
boost::json::value path_json(const Protocol& p, const WalkResult& w);
// The client-carried session: protocol id + revision, patient, answers on the path.
boost::json::value state_json(const Protocol& p, const Patient& patient, const WalkResult& w);

}  // namespace clinic::triage
