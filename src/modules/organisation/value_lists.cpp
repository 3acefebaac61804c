#include "modules/organisation/value_lists.hpp"

namespace wk::organisation {

std::string code_from_label(std::string_view label) {
  std::string out;
  bool pending_separator = false;
  for (std::size_t i = 0; i < label.size(); ++i) {
    const auto c = static_cast<unsigned char>(label[i]);
    char mapped = 0;
    if (c >= 'A' && c <= 'Z')
      mapped = static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      mapped = static_cast<char>(c);
    else if (c == 0xC3 && i + 1 < label.size()) {
      // Latin-1 supplement letters in UTF-8: fold the accented vowels Dutch uses.
      const auto d = static_cast<unsigned char>(label[++i]);
      if ((d >= 0xA0 && d <= 0xA5) || (d >= 0x80 && d <= 0x85))
        mapped = 'a';
      else if ((d >= 0xA8 && d <= 0xAB) || (d >= 0x88 && d <= 0x8B))
        mapped = 'e';
      else if ((d >= 0xAC && d <= 0xAF) || (d >= 0x8C && d <= 0x8F))
        mapped = 'i';
      else if ((d >= 0xB2 && d <= 0xB6) || (d >= 0x92 && d <= 0x96))
        mapped = 'o';
      else if ((d >= 0xB9 && d <= 0xBC) || (d >= 0x99 && d <= 0x9C))
        mapped = 'u';
    }
    if (mapped) {
      if (pending_separator && !out.empty()) out += '_';
      pending_separator = false;
      out += mapped;
    } else {
      pending_separator = true;
    }
  }
  return out.substr(0, 60);
}

}  // namespace wk::organisation
