#include "modules/knowledge/term_index.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/dutch.hpp"

namespace wk::knowledge::term_index {

using store::Param;

namespace {

// The terms at one place of the text, as the FTS5 tokenizer gives them (fts_dutch.cpp).
std::vector<std::string> terms_at(const dutch::Word& w) {
  std::vector<std::string> out{w.term};
  if (w.folded != w.term) out.push_back(w.folded);
  for (const auto& part : w.parts) out.push_back(dutch::kPartMark + part);
  std::sort(out.begin(), out.end());  // bytewise, as COLLATE "C"
  return out;
}

// A PostgreSQL array literal of texts: every element quoted.
std::string text_array(const std::vector<TermRow>& rows, std::string TermRow::*field) {
  std::string out(1, '{');
  for (const auto& r : rows) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (const char c : r.*field) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + '}';
}

std::string int_array(const std::vector<TermRow>& rows, int TermRow::*field) {
  std::string out(1, '{');
  for (const auto& r : rows) {
    if (out.size() > 1) out += ',';
    out += std::to_string(r.*field);
  }
  return out + '}';
}

// The end of a prefix's range: above every term that starts with it (terms are letters and
// digits; U+10FFFF, the highest code point, is none).
std::string after_every_term_of(const std::string& prefix) {
  return prefix + "\xF4\x8F\xBF\xBF";
}

std::string cells_list(const std::vector<int>& cells, std::vector<Param>& params) {
  std::string out;
  for (const auto c : cells) {
    out += out.empty() ? "?" : ", ?";
    params.emplace_back(c);
  }
  return out;
}

std::string as_float(const std::string& column) {
  return "CAST(" + column + " AS FLOAT8)";
}

// wk_rank's score of phrase k (store/sqlite/fts_rank.hpp), in its order of operations so
// that both stores compute the same double: title_weight · t / (t + 1.2) + b / (b + 1.2).
std::string phrase_score(std::size_t k) {
  const auto t = as_float("t" + std::to_string(k)), b = as_float("b" + std::to_string(k));
  static_assert(kTitleWeight == 10 && kSaturation == 1.2, "the constants written below");
  const std::string k1 = "CAST(1.2 AS FLOAT8)";
  return "(CAST(10 AS FLOAT8) * " + t + " / (" + t + " + " + k1 + ") + " + b +
         " / (" + b + " + " + k1 + "))";
}

}  // namespace

std::vector<TermRow> rows_of(std::string_view title, std::string_view body) {
  std::map<std::pair<std::string, std::string>, TermRow> rows;
  const auto add = [&](std::string_view text, int TermRow::*hits) {
    for (const auto& w : dutch::words(text)) {
      const auto terms = terms_at(w);
      for (std::size_t i = 0; i < terms.size(); ++i) {
        const std::string after = i ? terms[i - 1] : std::string();
        auto& row = rows[{terms[i], after}];
        row.term = terms[i];
        row.after = after;
        ++(row.*hits);
      }
    }
  };
  add(title, &TermRow::title_hits);
  add(body, &TermRow::body_hits);
  std::vector<TermRow> out;
  out.reserve(rows.size());
  for (auto& [key, row] : rows) out.push_back(std::move(row));
  return out;
}

void write(store::Tx& tx, std::int64_t org_id, std::int64_t item_id, int cell, std::string_view title,
           std::string_view body) {
  tx.execute("DELETE FROM knowledge_terms WHERE org_id = ? AND item_id = ?", {org_id, item_id});
  const auto rows = rows_of(title, body);
  if (rows.empty()) return;
  // One statement for all of the item's terms: the columns as arrays, unnested.
  tx.execute(
      "INSERT INTO knowledge_terms (org_id, term, cell, item_id, after, title_hits, body_hits) "
      "SELECT CAST(? AS BIGINT), u.term, CAST(? AS SMALLINT), CAST(? AS BIGINT), u.after, u.t, u.b "
      "FROM unnest(CAST(? AS TEXT[]), CAST(? AS TEXT[]), CAST(? AS INTEGER[]), CAST(? AS INTEGER[])) "
      "AS u(term, after, t, b)",
      {org_id, cell, item_id, text_array(rows, &TermRow::term), text_array(rows, &TermRow::after),
       int_array(rows, &TermRow::title_hits), int_array(rows, &TermRow::body_hits)});
}

void move(store::Tx& tx, std::int64_t org_id, std::int64_t item_id, int cell) {
  tx.execute("UPDATE knowledge_terms SET cell = ? WHERE org_id = ? AND item_id = ? AND cell <> ?",
             {cell, org_id, item_id, cell});
}

// Each phrase's rows (h), summed per item and phrase into t<k> and b<k> (m), the items with
// every word kept; then the best `depth` by score and the count per cell, in one statement.
Found search(store::Tx& tx, std::int64_t org_id, const std::vector<Phrase>& phrases, const std::vector<int>& cells,
             const std::optional<std::string>& tag, int depth) {
  Found out;
  if (phrases.empty() || cells.empty()) return out;
  std::vector<Param> params;
  std::string sql = "WITH h AS (";
  for (std::size_t k = 0; k < phrases.size(); ++k) {
    const auto& phrase = phrases[k];
    sql += k ? " UNION ALL SELECT " : "SELECT ";
    sql += std::to_string(k) + " AS p, cell, item_id, ";
    if (phrase.prefix) {
      // A place counts once: at the first of its terms that the prefix finds.
      const auto end = after_every_term_of(phrase.text);
      sql += "CASE WHEN after >= ? AND after < ? THEN 0 ELSE title_hits END AS t, "
             "CASE WHEN after >= ? AND after < ? THEN 0 ELSE body_hits END AS b "
             "FROM knowledge_terms WHERE org_id = ? AND term >= ? AND term < ?";
      params.insert(params.end(), {phrase.text, end, phrase.text, end, org_id, phrase.text, end});
    } else {
      sql += "title_hits AS t, body_hits AS b FROM knowledge_terms WHERE org_id = ? AND term = ?";
      params.insert(params.end(), {org_id, phrase.text});
    }
    sql += " AND cell IN (" + cells_list(cells, params) + ")";
  }
  sql += "), m AS (SELECT cell, item_id";
  for (std::size_t k = 0; k < phrases.size(); ++k) {
    const auto n = std::to_string(k);
    sql += ", COALESCE(SUM(t) FILTER (WHERE p = " + n + "), 0) AS t" + n + ", COALESCE(SUM(b) FILTER (WHERE p = " +
           n + "), 0) AS b" + n;
  }
  sql += " FROM h";
  if (tag) {
    sql += " WHERE item_id IN (SELECT item_id FROM knowledge_tags WHERE org_id = ? AND tag = ?)";
    params.insert(params.end(), {org_id, *tag});
  }
  sql += " GROUP BY cell, item_id";
  const int words = words_of(phrases);
  if (words > 1) {
    for (int w = 0; w < words; ++w) {
      std::string of_word;
      for (std::size_t k = 0; k < phrases.size(); ++k)
        if (phrases[k].word == w) of_word += (of_word.empty() ? "" : ", ") + std::to_string(k);
      sql += (w ? " AND " : " HAVING ") + std::string("bool_or(p IN (") + of_word + "))";
    }
  }
  std::string score;
  for (std::size_t k = 0; k < phrases.size(); ++k) {
    score += k ? " + " : "";
    static_assert(kPartWeight == 0.3, "the constant written below");
    score += phrases[k].part ? "CAST(0.3 AS FLOAT8) * " + phrase_score(k) : phrase_score(k);
  }
  sql += ") (SELECT 0, cell, item_id, " + score + " AS score FROM m ORDER BY score DESC, cell, item_id LIMIT ?) "
         "UNION ALL (SELECT 1, cell, COUNT(*), 0 FROM m GROUP BY cell)";
  params.emplace_back(depth);
  struct Best {
    double score;
    std::int64_t cell, item;
  };
  std::vector<Best> best;
  tx.each(sql, params, [&](store::Row& r) {
    if (r.i64(0) == 0)
      best.push_back({r.f64(3), r.i64(1), r.i64(2)});
    else
      out.per_cell[static_cast<std::size_t>(r.i64(1))] = r.i64(2);
  });
  // The union's branches may arrive in any order: sorted again, as the first one's ORDER BY.
  std::sort(best.begin(), best.end(), [](const Best& a, const Best& b) {
    return std::tie(b.score, a.cell, a.item) < std::tie(a.score, b.cell, b.item);
  });
  for (const auto& b : best) out.best.push_back(b.item);
  return out;
}

}  // namespace wk::knowledge::term_index
