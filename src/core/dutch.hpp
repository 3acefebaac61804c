// Dutch words for full-text search (SPEC §4.4): split UTF-8 text into words with their
// byte offsets, fold case and diacritics (ideeën = ideeen, ĳ = ij), drop the commonest
// words ("de", "het", "een": they say nothing and would make a search touch every
// document), and stem with Snowball's Dutch algorithm (woningen → woning, begeleiding
// and begeleiden → begeleid). The same function runs when an item is indexed and when a
// query is read, so both sides agree. The SQLite store registers it as the FTS5
// tokenizer `dutch`.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace wk::dutch {

// Lower-case ASCII with diacritics removed; ß → ss, æ → ae, œ → oe, ĳ → ij. Characters
// outside Latin-1 and Latin Extended-A are kept as they are.
std::string fold(std::string_view word);

// Lower case with the diacritics kept (ÉÉN → één, Ĳ → ĳ), for tags and names; Latin-1
// and Latin Extended-A, other characters unchanged.
std::string lower(std::string_view text);

bool is_stop_word(std::string_view folded);

// Snowball Dutch, plus one rule it lacks: a plural in -es that it leaves alone
// (procedures) is stemmed as its singular (procedure → procedur).
std::string stem(std::string_view folded);

// Compound words (docs/decisions/0009): the parts of a folded word found in Debian's
// Dutch word list (wdutch, /usr/share/dict/dutch, or the file WIJKKADER_DUTCH_WORDS
// names), with the linking letters -s-, -e-, -en- and -er- between them and parts that
// are compounds themselves: woningcorporatie → woning, corporatie; schuldhulpverlening →
// schuld, hulpverlening, hulp, verlening. Words shorter than 8 letters, names, words
// beginning with a verb particle (overleg, onderwijs, voorlichting) and parts that are
// suffixes (-heid, -schap, -lijk) are not split. The best split is the one whose parts
// are words of the list, then the most even one (wijkteam + overleg rather than wijk +
// teamoverleg). Folded parts, outer ones first; empty when the word is no compound or
// when the list is missing (logged once).
std::vector<std::string> compound_parts(std::string_view folded);

// The word list as loaded: how many words, the bytes it holds, and a fingerprint of the
// file (empty when there is none), which the search indexes record to know when to
// rebuild (docs/decisions/0009).
struct WordList {
  std::size_t words = 0, bytes = 0;
  std::string fingerprint;
};
const WordList& word_list();
// Replaces the word list (for tests): the file at `path`; "" for none.
void load_word_list(const std::string& path);

// The tokenizer's version for a search index: changes when the tokenizer's rules or the
// word list change, so an index made by another one is rebuilt.
std::string tokenizer_version();

// Parts of compounds are indexed as their term with this mark in front on SQLite (on
// PostgreSQL in the weights C and D), so that a search can rank a part below the word
// itself; terms are letters and digits, so the mark never meets a word.
inline constexpr char kPartMark = '~';

struct Word {
  std::string term;                // folded and stemmed: what is indexed and searched
  std::string folded;              // folded only: indexed beside the stem, for prefixes as you type
  std::size_t begin = 0, end = 0;  // byte offsets of the word in the text
  // A compound's parts, stemmed and as written (folded), without the mark, each once and
  // none equal to term or folded.
  std::vector<std::string> parts;
};

// Every word of the text that is not a stop word, in order. Words are runs of letters
// and digits (letters with diacritics included); everything else separates them. Single
// letters are left out; single digits are kept.
std::vector<Word> words(std::string_view text);
// The same words one at a time, folded but not stemmed, until f returns false: for a
// reader that stems only the words it must, or stops early (a search hit's snippet).
using FoldedWord = std::function<bool(const std::string& folded, std::size_t begin, std::size_t end)>;
void each_folded(std::string_view text, const FoldedWord& f);

// A search as typed. Finished words are searched by their stem; stop words are left
// out (a query of stop words alone has no terms, and finds nothing, at once). The last
// word, while it is being typed (no space after it) and has 3 letters or more, matches
// either by its stem (woningen → woning) or as a prefix of words as written (folded, not
// stemmed: "begeleidi" is on its way to "begeleiding", whose stem is shorter).
struct Query {
  std::vector<std::string> terms;  // stems, the last one included
  bool last_is_prefix = false;
  std::string prefix;  // when last_is_prefix: the last word as typed, folded
};
Query parse_query(std::string_view typed);

}  // namespace wk::dutch
