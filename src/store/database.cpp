#include "store/database.hpp"

#include <cstring>

#include "store/id_set.hpp"

namespace wk::store {

Bytes id_set(std::span<const std::int64_t> ids) {
  Bytes out;
  out.data.resize(ids.size() * sizeof(std::int64_t));
  if (!ids.empty()) std::memcpy(out.data.data(), ids.data(), out.data.size());
  return out;
}

std::int64_t Row::i64(std::size_t i) const {
  const Cell& c = cells_.at(i);
  if (auto* v = std::get_if<std::int64_t>(&c)) return *v;
  if (auto* d = std::get_if<double>(&c)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&c)) return std::stoll(*s);
  throw DbError(DbError::Kind::other, "NULL where an integer was expected");
}

double Row::f64(std::size_t i) const {
  const Cell& c = cells_.at(i);
  if (auto* d = std::get_if<double>(&c)) return *d;
  if (auto* v = std::get_if<std::int64_t>(&c)) return static_cast<double>(*v);
  if (auto* s = std::get_if<std::string>(&c)) return std::stod(*s);
  throw DbError(DbError::Kind::other, "NULL where a number was expected");
}

const std::string& Row::str(std::size_t i) const {
  if (auto* s = std::get_if<std::string>(&cells_.at(i))) return *s;
  throw DbError(DbError::Kind::other, "column " + std::to_string(i) + " is not text");
}

std::string placeholders(std::size_t n) {
  std::string out = "?";
  for (std::size_t i = 1; i < n; ++i) out += ", ?";
  return out;
}

std::string like_containing(std::string_view text) {
  std::string out = "%";
  for (const char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

std::vector<Row> Tx::query(std::string_view sql, std::span<const Param> params) {
  std::vector<Row> rows;
  each(sql, params, [&rows](Row& r) { rows.push_back(std::move(r)); });
  return rows;
}

std::optional<Row> Tx::query_one(std::string_view sql, std::initializer_list<Param> params) {
  auto rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::int64_t Tx::insert(std::string_view sql, std::initializer_list<Param> params) {
  auto rows = query(sql, params);
  if (rows.empty()) throw DbError(DbError::Kind::other, "INSERT … RETURNING returned no row");
  return rows.front().i64(0);
}

}  // namespace wk::store
