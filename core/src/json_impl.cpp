// Boost.JSON compiled from source into the core on every target, so native and
// wasm run the very same parser and serializer (no prebuilt library to differ).
//
// Two size choices for the wasm (core.wasm.br budget: 150,000 bytes), both without any
// effect on what the core answers:
// - BOOST_JSON_RYU_OPTIMIZE_SIZE (set for clinic_core in core/CMakeLists.txt, on every
//   target): Ryu computes its powers of five from a 26-entry table instead of carrying
//   ~10 KB of precomputed 128-bit tables. Ryu is exact either way: same digits.
// - Built without exceptions (the wasm), Boost.JSON's throw helpers stop the module
//   instead of building a system_error first: that constructor formats the error text
//   with snprintf and strerror, which dragged printf and libc's error table into the
//   wasm. The core only uses the error_code APIs, so reaching one of these is a bug.
#ifdef BOOST_NO_EXCEPTIONS
#define BOOST_JSON_DETAIL_IMPL_EXCEPT_IPP  // src.hpp then skips the throwing versions
#endif

#include <boost/json/src.hpp>

#ifdef BOOST_NO_EXCEPTIONS
#include <cstdlib>

namespace boost::json::detail {
void throw_bad_alloc(source_location const&) {
  std::abort();
}
void throw_invalid_argument(char const*, source_location const&) {
  std::abort();
}
void throw_length_error(char const*, source_location const&) {
  std::abort();
}
void throw_out_of_range(source_location const&) {
  std::abort();
}
void throw_system_error(error_code const&, source_location const&) {
  std::abort();
}
}  // namespace boost::json::detail
#endif
