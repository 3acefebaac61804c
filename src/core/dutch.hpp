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

struct Word {
  std::string term;    // folded and stemmed: what is indexed and searched
  std::string folded;  // folded only: indexed beside the stem, for prefixes as you type
  std::size_t begin = 0, end = 0;  // byte offsets of the word in the text
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
