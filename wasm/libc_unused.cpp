// libc functions the core never calls, replaced so their real versions stay out of
// core.wasm (budget: core.wasm.br <= 150,000 bytes).
//
// Boost.System's error categories (referenced by every boost::system::error_code, which
// Boost.JSON's parser reports through) carry virtual message() functions that format
// text with vsnprintf and strerror. The core never asks a category for a message: it
// describes JSON errors in its own words (core/src/command.cpp). Linking the real ones
// cost ~8 KB of code plus libc's error-text table (~5 KB brotli in all). Reaching one
// of these is a bug, so it stops the module rather than returning a wrong text.
// Built only into core.wasm; the native build uses the real libc.
#include <cstdarg>
#include <cstddef>
#include <cstdlib>

extern "C" {
int vsnprintf(char*, size_t, const char*, va_list) {
  std::abort();
}
char* strerror(int) {
  std::abort();
}
}
