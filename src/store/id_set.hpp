// A set of ids bound as one parameter: the blob that SQLite's wk_in_ids(x, ids) reads
// (store/sqlite/id_set_function.hpp), 8-byte integers in the host's byte order, made and
// read within one process. For filters over tens of thousands of rows, such as a
// knowledge-base search within a tag.
#pragma once

#include <cstdint>
#include <span>

#include "store/database.hpp"

namespace wk::store {

Bytes id_set(std::span<const std::int64_t> ids);

}  // namespace wk::store
