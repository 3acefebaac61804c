#include "http/query.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include "core/paging.hpp"
#include "core/time.hpp"
#include "http/cursor.hpp"

namespace wk::http {

std::optional<std::int64_t> query_id(const Request& r, const char* name, std::vector<FieldError>& errors) {
  auto v = r.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  std::int64_t n = 0;
  const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || ptr != v->data() + v->size() || n <= 0) {
    errors.push_back({name, "Ongeldige waarde.", "must be a positive integer"});
    return std::nullopt;
  }
  return n;
}

std::optional<std::int64_t> query_int(const Request& r, const char* name, std::int64_t min, std::int64_t max,
                                      std::vector<FieldError>& errors) {
  auto v = r.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  std::int64_t n = 0;
  const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || ptr != v->data() + v->size() || n < min || n > max) {
    errors.push_back({name, "Kies een getal van " + std::to_string(min) + " tot en met " + std::to_string(max) + ".",
                      "must be an integer " + std::to_string(min) + "-" + std::to_string(max)});
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> query_date(const Request& r, const char* name, std::vector<FieldError>& errors) {
  auto v = r.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (!is_valid_iso_date(*v)) {
    errors.push_back({name, "Vul een geldige datum in (JJJJ-MM-DD).", "must be a date YYYY-MM-DD"});
    return std::nullopt;
  }
  return std::string(*v);
}

void query_paging(const Request& r, int& limit, int& offset, std::vector<FieldError>& errors, int max_limit) {
  if (auto l = query_id(r, "limit", errors)) {
    if (*l > max_limit)
      errors.push_back(
          {"limit", "Hoogstens " + std::to_string(max_limit) + ".", "must be 1-" + std::to_string(max_limit)});
    else
      limit = static_cast<int>(*l);
  }
  if (auto o = r.query_param("offset"); o && !o->empty() && *o != "0")
    if (auto n = query_id(r, "offset", errors)) offset = static_cast<int>(std::min<std::int64_t>(*n, 1'000'000'000));
}

void check_offset_within_count(int offset, std::vector<FieldError>& errors) {
  if (offset > paging::kCountCap)
    errors.push_back({"offset", "Blader verder met de cursor (next_cursor), of verfijn het filter.",
                      "at most " + std::to_string(paging::kCountCap) + "; page on with cursor"});
}

FieldError bad_cursor() {
  return {"cursor", "Deze pagina bestaat niet (ongeldige cursor).", "not a cursor of this list"};
}

std::optional<nlohmann::json> query_cursor(const Request& r, int offset, std::vector<FieldError>& errors) {
  const auto c = r.query_param("cursor");
  if (!c || c->empty()) return std::nullopt;
  if (offset != 0) errors.push_back({"offset", "Gebruik offset of cursor, niet beide.", "not with cursor"});
  auto key = decode_cursor(*c);
  if (!key) errors.push_back(bad_cursor());
  return key;
}

Error bad_query(std::vector<FieldError> errors) {
  Error e = Error::bad_request(Nl{"Ongeldige zoekopdracht."}, En{"Invalid query parameters."});
  e.fields = std::move(errors);
  return e;
}

}  // namespace wk::http
