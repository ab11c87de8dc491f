// The ONE place the server calls the core, in-process with JSON values (clinic::call_value /
// call_with_rules: no request text serialized and parsed again). Runs the op, returns the "ok" object, or throws
// ApiError with the core's code, its message in the request's language and its JSON path as the error's field.
// Thread-safe (the core is pure). Every engine call in the server goes through here.
#pragma once

#include <boost/json.hpp>

#include <string_view>

namespace clinic::server {

// `args` are the op's fields besides the envelope; `lang` is "zh-CN" or "en".
boost::json::object core_call(std::string_view op, boost::json::object args, std::string_view lang);

// A points op with a stored rule version, in-process without request text: the document is
// parsed and validated once per version (cached by id; stored versions never change) and
// the arguments go to clinic::call_with_rules as a JSON value. A "rules" field in `args`
// is dropped. Same answers and errors as core_call with the document.
// The basis (offset, tier policy) an account computed under these rules carries.
std::string account_basis(const struct RuleVersion& rules);

boost::json::object core_call_rules(std::string_view op, const struct RuleVersion& rules, boost::json::object args,
                                    std::string_view lang);

}  // namespace clinic::server
