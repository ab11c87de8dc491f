// Validates triage documents into the model. Every problem is recorded on the
// reader's context with the JSON path of the offending field (first error wins).
//   protocol: {"schema":"triage.protocol","schema_version":1,"id":…,"revision":…,
//              "name":…,"synonyms":…,"bands":…,"guidance":…,"questions":[…],
//              "outcomes":{…},"rules":[…],"default":…}
//   common:   {"schema":"triage.common","schema_version":1,"departments":{…},
//              "levels":{…},"disclaimer":…,"banned_words":{…},"child_departments":{…}}
// Texts are {"zh":…,"en":…} or the pair ["zh","en"]; both languages are required.
// Question, option, help and advice texts may instead give per-audience variants:
// {"self":[zh,en],"parent":[zh,en],"relative":[zh,en]} (see model.h Says).
#pragma once

#include <optional>

#include "clinic/error.h"
#include "clinic/json_reader.h"
#include "clinic/triage/model.h"

namespace clinic::triage {

// 2: per-audience texts, option show_if, not_sure, red-flag source, synonym excludes.
// Version 1 documents are still read (all of 2's additions are optional).
inline constexpr int kProtocolSchemaVersion = 2;
inline constexpr int kCommonSchemaVersion = 1;

std::optional<Common> read_common(const JsonReader& doc);
// Departments named by outcomes must exist in `common`.
std::optional<Protocol> read_protocol(const JsonReader& doc, const Common& common);

// The built-in catalogue: every file under core/protocols/triage, compiled into the
// core, validated once (a function-local static; identical on native and wasm).
// An error here is a bug in the shipped protocols (tests catch it before release).
Result<const Catalogue*> builtin_catalogue();

}  // namespace clinic::triage
