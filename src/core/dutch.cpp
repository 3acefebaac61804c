#include "core/dutch.hpp"

#include <libstemmer.h>

#include <algorithm>

#include "core/utf8.hpp"

namespace wk::dutch {

namespace {

// Base letters of U+00C0–U+017F; '*' marks the few that become two letters.
constexpr std::string_view kLatin1 =  // U+00C0–U+00FF
    "aaaaaa*ceeeeiiiidnooooo ouuuuyt*aaaaaa*ceeeeiiiidnooooo ouuuuyty";
constexpr std::string_view kExtendedA =  // U+0100–U+017F
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuu"
    "wwyyyzzzzzzs";
static_assert(kLatin1.size() == 0x40);
static_assert(kExtendedA.size() == 0x80);

// Decodes one UTF-8 code point at `i`; malformed bytes count as one separator each.
char32_t decode(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int n = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
  if (n < 0 || i + static_cast<std::size_t>(n) >= s.size() + (n == 0 ? 1 : 0)) {
    ++i;
    return n == 0 ? b : U' ';
  }
  char32_t cp = n == 0 ? b : n == 1 ? (b & 0x1F) : n == 2 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k <= n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((c >> 6) != 0x2) {
      ++i;
      return U' ';
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  i += static_cast<std::size_t>(n) + 1;
  return cp;
}


bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp < 0xC0) return false;                  // Latin-1 punctuation, NBSP, « »
  if (cp == 0xD7 || cp == 0xF7) return false;   // × ÷
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation: ’ “ ” – —
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp == 0xFEFF) return false;                  // BOM
  return true;
}

void fold_into(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
    return;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    const char base = kLatin1[cp - 0xC0];
    if (base != '*') {
      out += base;
      return;
    }
    out += cp == 0xDF ? "ss" : "ae";  // ß, Æ/æ
    return;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    const char base = kExtendedA[cp - 0x100];
    if (base != '*') {
      out += base;
      return;
    }
    out += (cp == 0x132 || cp == 0x133) ? "ij" : "oe";  // Ĳ/ĳ, Œ/œ
    return;
  }
  utf8::append(out, cp);
}

// One Snowball stemmer per thread: the library's stemmers are not thread-safe.
struct Stemmer {
  sb_stemmer* s = sb_stemmer_new("dutch", "UTF_8");
  ~Stemmer() { sb_stemmer_delete(s); }
  std::string operator()(std::string_view w) const {
    if (!s) return std::string(w);
    const sb_symbol* r = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(w.data()), static_cast<int>(w.size()));
    return r ? std::string(reinterpret_cast<const char*>(r), static_cast<std::size_t>(sb_stemmer_length(s)))
             : std::string(w);
  }
};

const Stemmer& stemmer() {
  thread_local Stemmer s;
  return s;
}

// Words that carry no meaning of their own in a search (articles, pronouns,
// prepositions, conjunctions, auxiliary verbs); folded.
constexpr std::string_view kStopWords[] = {
    "aan",   "al",     "alles", "als",   "altijd", "andere", "ben",   "bij",    "daar",  "dan",    "dat",
    "de",    "der",    "deze",  "die",   "dit",    "doch",   "doen",  "door",   "dus",   "een",    "eens",
    "en",    "er",     "ge",    "geen",  "geweest", "haar",  "had",   "heb",    "hebben", "heeft", "hem",
    "het",   "hier",   "hij",   "hoe",   "hun",    "iemand", "iets",  "ik",     "in",    "is",     "ja",
    "je",    "kan",    "kon",   "kunnen", "maar",  "me",     "meer",  "men",    "met",   "mij",    "mijn",
    "moet",  "na",     "naar",  "niet",  "niets",  "nog",    "nu",    "of",     "om",    "omdat",  "onder",
    "ons",   "ook",    "op",    "over",  "reeds",  "te",     "tegen", "toch",   "toen",  "tot",    "u",
    "uit",   "uw",     "van",   "veel",  "voor",   "want",   "waren", "was",    "wat",   "we",     "wel",
    "werd",  "wezen",  "wie",   "wij",   "wil",    "worden", "wordt", "zal",    "ze",    "zei",    "zelf",
    "zich",  "zij",    "zijn",  "zo",    "zonder", "zou"};

}  // namespace

std::string fold(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size();) fold_into(decode(word, i), out);
  return out;
}

std::string lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    char32_t cp = decode(text, i);
    if (cp == U' ' && (static_cast<unsigned char>(text[at]) & 0x80)) {  // malformed: keep the byte
      out += text[at];
      continue;
    }
    if (cp >= 'A' && cp <= 'Z')
      cp += 0x20;
    else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
      cp += 0x20;
    else if ((cp >= 0x100 && cp <= 0x137 && cp % 2 == 0) || (cp >= 0x14A && cp <= 0x177 && cp % 2 == 0))
      cp += 1;
    else if ((cp >= 0x139 && cp <= 0x148 && cp % 2 == 1) || (cp >= 0x179 && cp <= 0x17E && cp % 2 == 1))
      cp += 1;
    else if (cp == 0x178)
      cp = 0xFF;
    utf8::append(out, cp);
  }
  return out;
}

bool is_stop_word(std::string_view folded) {
  return std::find(std::begin(kStopWords), std::end(kStopWords), folded) != std::end(kStopWords);
}

namespace {
bool is_consonant(char c) {
  return c >= 'b' && c <= 'z' && c != 'e' && c != 'i' && c != 'o' && c != 'u' && c != 'y';
}
}  // namespace

std::string stem(std::string_view folded) {
  auto s = stemmer()(folded);
  // Snowball keeps a final -s after a vowel (procedures, ideeen stays); a plural in -es
  // left whole is stemmed as its singular.
  if (s == folded && folded.size() > 4 && folded.ends_with("es")) s = stemmer()(folded.substr(0, folded.size() - 1));
  // Snowball undoubles only kk, dd and tt (gezinnen → gezinn, but gezin); Dutch spelling
  // ends no word in a double consonant, so a stem never does either.
  if (s.size() > 3 && s[s.size() - 1] == s[s.size() - 2] && is_consonant(s.back())) s.pop_back();
  return s;
}

namespace {

// Calls f(folded, begin, end) for every run of word characters, until f returns false.
template <class F>
void scan(std::string_view text, F&& f) {
  std::string folded;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t begin = i;
    char32_t cp = decode(text, i);
    if (!is_word_char(cp)) continue;
    folded.clear();
    fold_into(cp, folded);
    std::size_t end = i;
    while (i < text.size()) {
      std::size_t next = i;
      cp = decode(text, next);
      if (!is_word_char(cp)) break;
      fold_into(cp, folded);
      end = i = next;
    }
    if (!f(folded, begin, end)) return;
  }
}

bool too_short(const std::string& folded) {
  return folded.size() < 2 && !(folded.size() == 1 && folded[0] >= '0' && folded[0] <= '9');
}

}  // namespace

void each_folded(std::string_view text, const FoldedWord& f) {
  scan(text, [&](const std::string& folded, std::size_t begin, std::size_t end) {
    return too_short(folded) || is_stop_word(folded) || f(folded, begin, end);
  });
}

std::vector<Word> words(std::string_view text) {
  std::vector<Word> out;
  each_folded(text, [&](const std::string& folded, std::size_t begin, std::size_t end) {
    out.push_back({stem(folded), folded, begin, end});
    return true;
  });
  return out;
}

Query parse_query(std::string_view typed) {
  struct Typed {
    std::string folded;
    std::size_t end;
  };
  std::vector<Typed> all;
  scan(typed, [&](const std::string& folded, std::size_t, std::size_t end) {
    all.push_back({folded, end});
    return true;
  });
  Query q;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const auto& w = all[i];
    if (too_short(w.folded) || is_stop_word(w.folded)) continue;
    const bool typing = i + 1 == all.size() && w.end == typed.size();
    q.terms.push_back(stem(w.folded));
    if (typing && w.folded.size() >= 3) {
      q.last_is_prefix = true;
      q.prefix = w.folded;
    }
  }
  return q;
}

}  // namespace wk::dutch
