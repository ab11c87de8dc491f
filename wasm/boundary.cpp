// The ONE boundary between the core and JavaScript. Three exports besides memory:
//   alloc(n)        -> pointer to n writable bytes (owned by the caller; free it)
//   free(p)         -> releases a pointer from alloc() or call()
//   call(p, n)      -> runs the request held in [p, p+n) (still owned by the caller)
//                      and returns a new buffer: 4-byte little-endian length, then
//                      that many UTF-8 bytes of the response. The caller frees it.
// The core never includes Emscripten headers; this file is built only by Emscripten.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>

#include <boost/throw_exception.hpp>

#include "clinic/command.h"

extern "C" {

__attribute__((export_name("alloc"))) uint8_t* clinic_alloc(uint32_t size) {
  return static_cast<uint8_t*>(std::malloc(size == 0 ? 1 : size));
}

__attribute__((export_name("free"))) void clinic_free(uint8_t* ptr) {
  std::free(ptr);
}

__attribute__((export_name("call"))) uint8_t* clinic_call(const uint8_t* request, uint32_t size) {
  std::string response = clinic::call(std::string_view(reinterpret_cast<const char*>(request), size));
  auto length = static_cast<uint32_t>(response.size());
  auto* out = static_cast<uint8_t*>(std::malloc(4 + response.size()));
  if (out == nullptr) return nullptr;
  for (int i = 0; i < 4; ++i) out[i] = static_cast<uint8_t>(length >> (8 * i));
  std::memcpy(out + 4, response.data(), response.size());
  return out;
}

}  // extern "C"

// Built with BOOST_NO_EXCEPTIONS: Boost calls these instead of throwing. The codec
// only uses error_code APIs, so reaching one is a bug; stop rather than continue.
namespace boost {
void throw_exception(const std::exception&) {
  std::abort();
}
void throw_exception(const std::exception&, const boost::source_location&) {
  std::abort();
}
}  // namespace boost
