// JSON shapes of the triage ops: reading patients, answers and session state, and
// writing questions, outcomes and paths. One place, so start/answer/evaluate emit
// byte-identical outcomes.
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

#include "clinic/json_reader.h"
#include "clinic/triage/engine.h"
#include "clinic/triage/model.h"

namespace clinic::triage {

std::optional<Patient> read_patient(const JsonReader& r);
boost::json::value patient_json(const Patient& p);

// One answer to `q` (yes/no: true/false; single: option id; multi: array of ids;
// number: within the question's range; "not_sure" where the question allows it). Options
// not shown to this patient are not accepted.
std::optional<Answer> read_answer(const JsonReader& r, const Question& q, const Patient& patient);
boost::json::value answer_json(const Question& q, const Answer& a);

// {"qid": answer, ...} -> Answers indexed like the protocol's questions.
std::optional<Answers> read_answers(const JsonReader& r, const Protocol& p, const Patient& patient);

// Texts for the patient's answerer; options not shown to the patient are left out.
boost::json::value question_json(const Question& q, const Patient& patient, bool english);
// Departments follow the patient: paediatrics is left out for adults; children get the
// common child_departments instead (general practice -> paediatrics).
std::vector<std::string> outcome_departments(const Outcome& oc, const Common& common, Band band);
boost::json::value outcome_json(const Protocol& p, const Common& common, int outcome, bool english,
                                const Patient& patient);
// An answer as the patient reads it ("是", an option text, "38.5 °C", "不确定（按“是”处理）").
std::string answer_text(const Question& q, const Answer& a, const Patient& patient, bool english);
// {"summary": "因为您回答了：…", "answers": [{"question", "text", "answer"}]}: the deciding answers.
boost::json::value reason_json(const Protocol& p, const Patient& patient, const WalkResult& w, bool english);
boost::json::value path_json(const Protocol& p, const WalkResult& w);
// The client-carried session: protocol id + revision, patient, answers on the path.
boost::json::value state_json(const Protocol& p, const Patient& patient, const WalkResult& w);

}  // namespace clinic::triage
