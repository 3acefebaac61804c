// Shared by the libFuzzer harnesses in tests/fuzz/: a check that stays on in every
// build type (assert() is gone under NDEBUG) and ends the run as a crash, which
// libFuzzer reports with the input that broke it.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define WK_FUZZ_CHECK(cond, what)                                                                           \
  do {                                                                                                      \
    if (!(cond)) {                                                                                          \
      std::fprintf(stderr, "fuzz: invariant broken: %s\n  (%s, %s:%d)\n", what, #cond, __FILE__, __LINE__); \
      std::abort();                                                                                         \
    }                                                                                                       \
  } while (0)

namespace wk::fuzz {

// Well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates, nothing
// above U+10FFFF). Written out here rather than borrowed from the code under test.
inline bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    const auto second = static_cast<unsigned char>(s[i + 1]);
    if (second < lo || second > hi) return false;
    for (std::size_t k = 2; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

}  // namespace wk::fuzz
