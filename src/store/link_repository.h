// Links between records (a nominal to a threat, a report to a nominal), each with its source.
#pragma once

#include <cstdint>
#include <vector>

#include "core/link.h"
#include "core/marking.h"
#include "core/policy.h"
#include "core/status.h"

namespace rocta {

class LinkRepository {
 public:
  virtual ~LinkRepository() = default;
  virtual Result<int64_t> insert(const Link& l) = 0;  // AlreadyExists for the same ends and relation
  // Links touching `ref` whose other end `scope` admits.
  virtual Result<std::vector<Link>> list_for(const RecordRef& ref, const ReadScope& scope) = 0;
  // Links touching `ref` whose other end `scope` does NOT admit: for signals only (app/
  // tells the reader who holds the far end, never what it is).
  virtual Result<std::vector<Link>> hidden_for(const RecordRef& ref, const ReadScope& scope) = 0;
  // The marking of any record, ignoring scope (to decide on links and writes).
  virtual Result<Marking> marking_of(const RecordRef& ref) = 0;
  virtual Result<Link> get(int64_t id) = 0;  // ignoring scope: app/ decides
  virtual Status remove(int64_t id) = 0;     // NotFound when absent
};

}  // namespace rocta
