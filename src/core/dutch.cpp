#include "core/dutch.hpp"

#include <libstemmer.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/utf8.hpp"

namespace wk::dutch {

namespace {

// Base letters of U+00C0–U+017F; '*' marks the few that become two letters.
constexpr std::string_view kLatin1 =  // U+00C0–U+00FF
    "aaaaaa*ceeeeiiiidnooooo ouuuuyt*aaaaaa*ceeeeiiiidnooooo ouuuuyty";
constexpr std::string_view kExtendedA =  // U+0100–U+017F
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**"
    "rrrrrrssssssssttttttuuuuuuuuuuuu"
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
  if (cp < 0xC0) return false;                     // Latin-1 punctuation, NBSP, « »
  if (cp == 0xD7 || cp == 0xF7) return false;      // × ÷
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
  // A letter of the tables: its base letter, or two letters where the table says '*'.
  const auto fold = [&](char base, const char* two_letters) {
    out += base != '*' ? std::string(1, base) : two_letters;
  };
  if (cp >= 0xC0 && cp <= 0xFF)
    fold(kLatin1[cp - 0xC0], cp == 0xDF ? "ss" : "ae");  // ß, Æ/æ
  else if (cp >= 0x100 && cp <= 0x17F)
    fold(kExtendedA[cp - 0x100], (cp == 0x132 || cp == 0x133) ? "ij" : "oe");  // Ĳ/ĳ, Œ/œ
  else
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
    "aan",   "al",   "alles",   "als",  "altijd", "andere", "ben",    "bij",    "daar", "dan",    "dat",   "de",
    "der",   "deze", "die",     "dit",  "doch",   "doen",   "door",   "dus",    "een",  "eens",   "en",    "er",
    "ge",    "geen", "geweest", "haar", "had",    "heb",    "hebben", "heeft",  "hem",  "het",    "hier",  "hij",
    "hoe",   "hun",  "iemand",  "iets", "ik",     "in",     "is",     "ja",     "je",   "kan",    "kon",   "kunnen",
    "maar",  "me",   "meer",    "men",  "met",    "mij",    "mijn",   "moet",   "na",   "naar",   "niet",  "niets",
    "nog",   "nu",   "of",      "om",   "omdat",  "onder",  "ons",    "ook",    "op",   "over",   "reeds", "te",
    "tegen", "toch", "toen",    "tot",  "u",      "uit",    "uw",     "van",    "veel", "voor",   "want",  "waren",
    "was",   "wat",  "we",      "wel",  "werd",   "wezen",  "wie",    "wij",    "wil",  "worden", "wordt", "zal",
    "ze",    "zei",  "zelf",    "zich", "zij",    "zijn",   "zo",     "zonder", "zou"};

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
    Word w{stem(folded), folded, begin, end, {}};
    for (const auto& part : compound_parts(folded))
      for (auto term : {stem(part), part})
        if (term != w.term && term != w.folded && std::find(w.parts.begin(), w.parts.end(), term) == w.parts.end())
          w.parts.push_back(std::move(term));
    out.push_back(std::move(w));
    return true;
  });
  return out;
}

// ---- Compound words (docs/decisions/0009) ----

namespace {

// The word list folded, one open-addressing table of offsets into one buffer: about 13 MB
// for wdutch's 413,000 words, where a set of strings took three times as much.
class Lexicon {
 public:
  static constexpr std::uint8_t kWord = 1, kName = 2;  // a lower-case entry; a capitalised one

  explicit Lexicon(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return;
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the file
    for (const unsigned char c : file) h = (h ^ c) * 1099511628211ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    info_.fingerprint = std::to_string(file.size()) + "-" + hex;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> entries;  // offset, length | flag << 24
    entries.reserve(file.size() / 8);
    text_.reserve(file.size());
    std::size_t at = 0;
    while (at < file.size()) {
      std::size_t nl = file.find('\n', at);
      if (nl == std::string::npos) nl = file.size();
      const std::string_view line(file.data() + at, nl - at);
      at = nl + 1;
      if (line.empty()) continue;
      // Only single words of letters: not auto's, e-mail, Den Haag, a.s., 3D.
      const bool name = line[0] >= 'A' && line[0] <= 'Z';
      const auto before = text_.size();
      bool letters = true;
      for (std::size_t i = 0; i < line.size() && letters;) {
        const char32_t cp = decode(line, i);
        letters = is_word_char(cp) && !(cp >= '0' && cp <= '9');
        if (letters) fold_into(cp, text_);
      }
      if (!letters || text_.size() - before > 255) {
        text_.resize(before);
        continue;
      }
      entries.emplace_back(static_cast<std::uint32_t>(before),
                           static_cast<std::uint32_t>(text_.size() - before) | (name ? kName : kWord) << 24);
    }
    std::size_t size = 1024;
    while (size < entries.size() * 2) size *= 2;
    slots_.assign(size, Slot{});
    for (const auto& [offset, packed] : entries) {
      const std::string_view w(text_.data() + offset, packed & 0xFFFFFF);
      Slot& s = find(w);
      if (!s.flags) {
        s.offset = offset;
        s.length = static_cast<std::uint8_t>(w.size());
        ++info_.words;
      }
      s.flags |= static_cast<std::uint8_t>(packed >> 24);
    }
    text_.shrink_to_fit();
    info_.bytes = text_.capacity() + slots_.capacity() * sizeof(Slot);
  }

  std::uint8_t flags(std::string_view w) const {
    if (slots_.empty() || w.size() > 255) return 0;
    return const_cast<Lexicon*>(this)->find(w).flags;
  }
  const WordList& info() const { return info_; }
  bool loaded() const { return !slots_.empty(); }

 private:
  struct Slot {
    std::uint32_t offset = 0;
    std::uint8_t length = 0, flags = 0;
  };
  Slot& find(std::string_view w) {
    std::uint64_t h = 1469598103934665603ULL;
    for (const unsigned char c : w) h = (h ^ c) * 1099511628211ULL;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.flags || (s.length == w.size() && std::string_view(text_.data() + s.offset, s.length) == w)) return s;
    }
  }
  std::string text_;
  std::vector<Slot> slots_;
  WordList info_;
};

std::string default_word_list() {
  const char* env = std::getenv("WIJKKADER_DUTCH_WORDS");
  return env ? std::string(env) : std::string("/usr/share/dict/dutch");
}

std::atomic<const Lexicon*> g_lexicon{nullptr};
std::atomic<unsigned> g_generation{0};
std::mutex g_lexicon_mutex;

void install(const std::string& path) {
  // Replaced lists are kept (tests only replace one): a reader may still hold it.
  static std::vector<std::unique_ptr<Lexicon>> kept;
  kept.push_back(std::make_unique<Lexicon>(path));
  const Lexicon* lexicon = kept.back().get();
  if (!lexicon->loaded())
    spdlog::warn("dutch: no word list at '{}' (Debian package wdutch): compound words are not split in search", path);
  g_lexicon.store(lexicon);
  g_generation.fetch_add(1);
}

const Lexicon& lexicon() {
  if (const auto* l = g_lexicon.load()) return *l;
  std::lock_guard lock(g_lexicon_mutex);
  if (!g_lexicon.load()) install(default_word_list());
  return *g_lexicon.load();
}

constexpr std::size_t kLongestCompound = 40, kShortestCompound = 8, kShortestHead = 4, kShortestTail = 4;

// Verb particles and prepositions that begin derived words rather than compounds:
// overleg, onderwijs, doorverwijzing, voorlichting, samenwerking, terugval.
constexpr std::string_view kNotHeads[] = {"over",  "onder",  "door",  "voor", "samen", "terug",
                                          "tegen", "achter", "voort", "mede", "neer",  "weder"};
// Suffixes that are also words of the list (schap: a shelf; heden: today).
constexpr std::string_view kNotTails[] = {"heid",   "heden",   "schap", "schappen", "lijk", "lijke", "lijker",
                                          "lijken", "baar",    "bare",  "loos",     "loze", "zaam",  "zame",
                                          "achtig", "achtige", "isme",  "ismen",    "ster", "sters", "tjes"};
constexpr std::string_view kLinks[] = {"", "s", "e", "en", "er"};

struct Split {
  std::string_view head, tail;
  int in_list = 0;          // how many of the two are words of the list themselves
  std::size_t shorter = 0;  // the shorter part's length
  bool linked = false;
  bool better_than(const Split& o) const {
    if (in_list != o.in_list) return in_list > o.in_list;
    if (shorter != o.shorter) return shorter > o.shorter;
    return !linked && o.linked;
  }
};

class Splitter {
 public:
  explicit Splitter(const Lexicon& l) : lexicon_(l) {}

  std::optional<Split> best(std::string_view w) {
    if (w.size() < kShortestCompound) return std::nullopt;
    if (const auto it = memo_.find(w); it != memo_.end()) return it->second;
    memo_[w] = std::nullopt;  // no part is the word itself
    std::optional<Split> found;
    for (std::size_t h = kShortestHead; h + kShortestTail <= w.size(); ++h) {
      const auto head = w.substr(0, h);
      if (std::find(std::begin(kNotHeads), std::end(kNotHeads), head) != std::end(kNotHeads)) continue;
      const int head_word = part(head);
      if (!head_word) continue;
      for (const auto link : kLinks) {
        if (h + link.size() + kShortestTail > w.size() || w.substr(h, link.size()) != link) continue;
        if (!link.empty() && (head.back() == link[0] || head.back() == 'e')) continue;  // huis-s, gemeente-e
        // Nor a particle through a linking letter: acht·er·stand is achterstand.
        if (!link.empty() &&
            std::find(std::begin(kNotHeads), std::end(kNotHeads), w.substr(0, h + link.size())) != std::end(kNotHeads))
          continue;
        const auto tail = w.substr(h + link.size());
        if (std::find(std::begin(kNotTails), std::end(kNotTails), tail) != std::end(kNotTails)) continue;
        const int tail_word = part(tail);
        if (!tail_word) continue;
        const Split s{head, tail, (head_word == 2) + (tail_word == 2), std::min(head.size(), tail.size()),
                      !link.empty()};
        if (!found || s.better_than(*found)) found = s;
      }
    }
    memo_[w] = found;
    return found;
  }

 private:
  // 2: a word of the list; 1: a compound of such words; 0: neither.
  int part(std::string_view p) {
    if (lexicon_.flags(p) & Lexicon::kWord) return 2;
    return best(p) ? 1 : 0;
  }
  const Lexicon& lexicon_;
  std::unordered_map<std::string_view, std::optional<Split>> memo_;
};

void collect(Splitter& splitter, std::string_view w, std::vector<std::string>& out, int depth) {
  const auto s = splitter.best(w);
  if (!s || depth > 4) return;
  for (const auto p : {s->head, s->tail})
    if (std::find(out.begin(), out.end(), p) == out.end()) out.emplace_back(p);
  collect(splitter, s->head, out, depth + 1);
  collect(splitter, s->tail, out, depth + 1);
}

}  // namespace

std::vector<std::string> compound_parts(std::string_view folded) {
  if (folded.size() < kShortestCompound || folded.size() > kLongestCompound) return {};
  const Lexicon& l = lexicon();
  if (!l.loaded()) return {};
  // Words recur (Zipf): each thread remembers the splits it made.
  struct Cache {
    unsigned generation = 0;
    std::unordered_map<std::string, std::vector<std::string>> parts;
  };
  thread_local Cache cache;
  if (cache.generation != g_generation.load() || cache.parts.size() > 20000) {
    cache.parts.clear();
    cache.generation = g_generation.load();
  }
  const std::string key(folded);
  if (const auto it = cache.parts.find(key); it != cache.parts.end()) return it->second;
  std::vector<std::string> out;
  const auto flags = l.flags(folded);
  const bool name_only = (flags & Lexicon::kName) && !(flags & Lexicon::kWord);
  if (!name_only && std::none_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    Splitter splitter(l);
    collect(splitter, folded, out, 0);
  }
  cache.parts.emplace(key, out);
  return out;
}

const WordList& word_list() {
  return lexicon().info();
}

void load_word_list(const std::string& path) {
  std::lock_guard lock(g_lexicon_mutex);
  install(path);
}

std::string tokenizer_version() {
  // 2: compound parts (0009). Before it, version 1 had no record. Raise the number with
  // every change of the rules above that changes what a text is indexed as.
  const auto& fp = word_list().fingerprint;
  return "dutch-2 words:" + (fp.empty() ? std::string("none") : fp);
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
