#include "modules/audit/module.hpp"

#include "modules/audit/audit_log.hpp"

namespace wk::audit {

bool may_read_log(const Principal& p) {
  return p.has_role(role::admin);
}

std::vector<std::string> Module::capabilities(store::Tx&, const Principal& p) const {
  if (may_read_log(p)) return {"read_audit"};
  return {};
}

}  // namespace wk::audit
