// The ONE place the server calls the core (clinic::call, in-process). Builds the request
// envelope, runs the op, returns the "ok" object, or throws ApiError with the core's code,
// its message in the request's language and its JSON path as the error's field.
// Thread-safe (the core is pure). Every engine call in the server goes through here.
#pragma once

#include <boost/json.hpp>

#include <string_view>

namespace clinic::server {

// `args` are the op's fields besides the envelope; `lang` is "zh-CN" or "en".
boost::json::object core_call(std::string_view op, boost::json::object args, std::string_view lang);

}  // namespace clinic::server
