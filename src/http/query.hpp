// Reading query parameters: every bad one is collected as a FieldError, and all of
// them are answered in one 400 problem (bad_query).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "http/request.hpp"

namespace wk::http {

// A positive integer id (`?programme=12`); absent or empty: nullopt without an error.
std::optional<std::int64_t> query_id(const Request& r, const char* name, std::vector<FieldError>& errors);
// An integer in [min, max]; absent or empty: nullopt without an error.
std::optional<std::int64_t> query_int(const Request& r, const char* name, std::int64_t min, std::int64_t max,
                                      std::vector<FieldError>& errors);
// A date YYYY-MM-DD; absent or empty: nullopt without an error.
std::optional<std::string> query_date(const Request& r, const char* name, std::vector<FieldError>& errors);
// `limit` (1–max_limit; absent: unchanged) and `offset` (0 or more).
void query_paging(const Request& r, int& limit, int& offset, std::vector<FieldError>& errors, int max_limit = 500);
// Offsets go up to paging::kCountCap (core/paging.hpp); further pages by cursor.
void check_offset_within_count(int offset, std::vector<FieldError>& errors);
// The `cursor` parameter, decoded (http/cursor.hpp); nullopt when absent. A cursor this
// server did not make, or one beside an offset, adds an error. The caller checks the
// key's shape and calls bad_cursor() when it is not its list's.
std::optional<nlohmann::json> query_cursor(const Request& r, int offset, std::vector<FieldError>& errors);
FieldError bad_cursor();
// The 400 problem for the collected errors.
Error bad_query(std::vector<FieldError> errors);

}  // namespace wk::http
