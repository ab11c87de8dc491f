// Boost.JSON compiled from source into the core on every target, so native and
// wasm run the very same parser and serializer (no prebuilt library to differ).
#include <boost/json/src.hpp>
