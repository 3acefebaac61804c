// Dutch words for search: stemming pairs that must meet, diacritics folded, stop words
// left out, offsets into the original text, and the query as typed (prefix).
#include "core/dutch.hpp"
#include <algorithm>

#include <gtest/gtest.h>

namespace wk::dutch {
namespace {

std::string term(std::string_view word) {
  const auto w = words(word);
  return w.empty() ? "" : w.front().term;
}

TEST(DutchStem, InflectionsMeet) {
  const std::pair<const char*, const char*> pairs[] = {
      {"woningen", "woning"},
      {"begeleiding", "begeleiden"},
      {"schulden", "schuld"},
      {"huisbezoeken", "huisbezoek"},
      {"procedures", "procedure"},
      {"methodieken", "methodiek"},
      {"richtlijnen", "richtlijn"},
      {"gezinnen", "gezin"},
      {"wijkteams", "wijkteam"},
      {"bussen", "bus"},
      {"ballen", "bal"},
  };
  for (const auto& [a, b] : pairs) EXPECT_EQ(term(a), term(b)) << a << " / " << b;
  EXPECT_NE(term("woning"), term("wonder"));
}

TEST(DutchFold, DiacriticsAndLigatures) {
  EXPECT_EQ(fold("Ideeën"), "ideeen");
  EXPECT_EQ(fold("café"), "cafe");
  EXPECT_EQ(fold("ĲSSELMEER"), "ijsselmeer");
  EXPECT_EQ(fold("Straße"), "strasse");
  EXPECT_EQ(term("ideeën"), term("ideeen"));
  EXPECT_EQ(term("coördinatie"), term("coordinatie"));
  EXPECT_EQ(fold("Ελλάδα").size(), std::string("Ελλάδα").size()) << "other scripts are kept";
}

TEST(DutchWords, StopWordsAndOffsets) {
  const std::string text = "De woningen van het wijkteam: één ideeën-bus!";
  const auto ws = words(text);
  ASSERT_EQ(ws.size(), 4u);  // de, van, het and één (folded: een) are stop words
  EXPECT_EQ(text.substr(ws[0].begin, ws[0].end - ws[0].begin), "woningen");
  EXPECT_EQ(ws[0].term, "woning");
  EXPECT_EQ(ws[0].folded, "woningen");
  EXPECT_EQ(text.substr(ws[1].begin, ws[1].end - ws[1].begin), "wijkteam");
  EXPECT_EQ(text.substr(ws[2].begin, ws[2].end - ws[2].begin), "ideeën");
  EXPECT_EQ(ws[3].folded, "bus");
  EXPECT_TRUE(words("de het een").empty());
  EXPECT_TRUE(words("a , ; — “”").empty());
  EXPECT_EQ(words("artikel 7 lid 2").size(), 4u) << "single digits count";
}

TEST(DutchWords, MalformedUtf8IsASeparator) {
  const auto ws =
      words(std::string("woning\xff\xfe"
                        "begeleiding\xc3"));
  ASSERT_EQ(ws.size(), 2u);
  EXPECT_EQ(ws[1].term, "begeleid");
}

TEST(DutchQuery, FinishedWordsByStemTheTypedOneAsPrefix) {
  auto q = parse_query("woningen ");
  EXPECT_EQ(q.terms, std::vector<std::string>{"woning"});
  EXPECT_FALSE(q.last_is_prefix);
  q = parse_query("schulden begeleidi");
  EXPECT_EQ(q.terms, (std::vector<std::string>{"schuld", "begeleidi"}));
  EXPECT_TRUE(q.last_is_prefix);
  EXPECT_EQ(q.prefix, "begeleidi");
  q = parse_query("woningen");
  EXPECT_EQ(q.terms, std::vector<std::string>{"woning"}) << "a whole word being typed still meets its stem";
  EXPECT_EQ(q.prefix, "woningen");
  q = parse_query("de woning van");
  EXPECT_EQ(q.terms, std::vector<std::string>{"woning"}) << "stop words left out, also while typing";
  q = parse_query("wo");
  EXPECT_EQ(q.terms, std::vector<std::string>{"wo"});
  EXPECT_FALSE(q.last_is_prefix) << "two letters are too short to search as a prefix";
  EXPECT_TRUE(parse_query("de").terms.empty()) << "a stop word alone finds nothing, at once";
  EXPECT_TRUE(parse_query("  ").terms.empty());
  EXPECT_EQ(parse_query("Ideeën").terms, std::vector<std::string>{"ideeen"});
}

// Compound words (decision 0009), split with Debian's wdutch list (scripts/bootstrap.sh
// installs it for run and test).
bool has(const std::vector<std::string>& parts, const std::string& p) {
  return std::find(parts.begin(), parts.end(), p) != parts.end();
}

TEST(DutchCompounds, SplitsCompoundsAsDutchDoes) {
  ASSERT_GT(word_list().words, 100000u) << "the word list (wdutch) is missing";
  EXPECT_EQ(compound_parts("woningcorporatie"), (std::vector<std::string>{"woning", "corporatie"}));
  auto p = compound_parts("wijkteamoverleg");
  EXPECT_TRUE(has(p, "wijkteam") && has(p, "overleg") && has(p, "wijk") && has(p, "team"));
  EXPECT_FALSE(has(p, "teamoverleg")) << "wijkteam + overleg, not wijk + teamoverleg";
  p = compound_parts("schuldhulpverlening");
  EXPECT_TRUE(has(p, "schuld") && has(p, "hulp") && has(p, "verlening"));
  EXPECT_EQ(compound_parts("zorgaanbieder"), (std::vector<std::string>{"zorg", "aanbieder"}));
  EXPECT_EQ(compound_parts("huisbezoek"), (std::vector<std::string>{"huis", "bezoek"}));
  EXPECT_EQ(compound_parts("huisbezoeken"), (std::vector<std::string>{"huis", "bezoeken"}));
  EXPECT_EQ(compound_parts("jeugdbescherming"), (std::vector<std::string>{"jeugd", "bescherming"}));
  EXPECT_EQ(compound_parts("kinderopvang"), (std::vector<std::string>{"kind", "opvang"})) << "linking -er-";
  EXPECT_EQ(compound_parts("buurtbemiddeling"), (std::vector<std::string>{"buurt", "bemiddeling"}));
  EXPECT_EQ(compound_parts("beleidsplan"), (std::vector<std::string>{"beleid", "plan"})) << "linking -s-";
  EXPECT_EQ(compound_parts("huurachterstand"), (std::vector<std::string>{"huur", "achterstand"}))
      << "achterstand is no acht-er-stand";
}

TEST(DutchCompounds, LeavesOtherWordsWhole) {
  ASSERT_GT(word_list().words, 100000u) << "the word list (wdutch) is missing";
  for (const char* w : {"verlening",
                        "begeleiding",
                        "onderwijs",
                        "gemeente",
                        "overleg",
                        "bewoner",
                        "bewoners",
                        "woning",
                        "huis",
                        "voorlichting",
                        "ondersteuning",
                        "samenwerking",
                        "mogelijkheden",
                        "vriendschap",
                        "eenzaamheid",
                        "informatie",
                        "organisatie",
                        "verzekering",
                        "amsterdam",
                        "rotterdam",
                        "hoogendoorn",
                        "wachttijd2024",
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    EXPECT_EQ(compound_parts(w), std::vector<std::string>{}) << w;
}

TEST(DutchCompounds, WordsCarryTheirPartsStemmedAndAsWritten) {
  const auto ws = words("Woningcorporaties en huisbezoeken");
  ASSERT_EQ(ws.size(), 2u);
  EXPECT_TRUE(has(ws[0].parts, "woning"));
  EXPECT_TRUE(has(ws[0].parts, "corporaties"));
  EXPECT_TRUE(has(ws[0].parts, "corporatie"));
  EXPECT_TRUE(has(ws[1].parts, "huis"));
  EXPECT_TRUE(has(ws[1].parts, "bezoek"));
  EXPECT_TRUE(words("overleg")[0].parts.empty());
}

TEST(DutchCompounds, NoWordListNoSplitAndNoCrash) {
  const auto before = word_list().fingerprint;
  load_word_list("/nonexistent/dutch");
  EXPECT_TRUE(compound_parts("woningcorporatie").empty());
  EXPECT_EQ(word_list().words, 0u);
  EXPECT_NE(tokenizer_version().find("none"), std::string::npos);
  EXPECT_EQ(words("woningcorporatie")[0].term, "woningcorporatie");
  load_word_list("/usr/share/dict/dutch");
  EXPECT_EQ(word_list().fingerprint, before);
  EXPECT_EQ(compound_parts("woningcorporatie"), (std::vector<std::string>{"woning", "corporatie"}));
}

}  // namespace
}  // namespace wk::dutch
