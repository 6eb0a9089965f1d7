// The network repository: the records and links a reader's network is drawn from.
//
// Every read applies the reader's ReadScope inside the query to BOTH ends of a link, so a
// network never fetches a link whose far end the reader may not read, nor such a record.
// Links to records the reader may not read come back only from hidden_ends(), as the far
// end's reference for a signal (app/ decides whether the holder allows one), never drawn.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/link.h"
#include "core/policy.h"
#include "store/store.h"

namespace rocta {

// What a drawn node says: its reference and a name for people, never more.
struct NetworkNode {
  RecordRef ref;
  std::string reference;  // "MPS-NOM-000042"
  std::string label;      // a threat's or nominal's name, a report's title
  std::string owner;      // owning agency
};

// Which links a network is drawn from.
struct LinkFilter {
  // YYYY-MM-DD: links observed on or before it, to commodities in use on it; empty: all
  std::string as_at;
  std::vector<std::string> relations;  // only these relations; empty: every relation
};

class NetworkRepository {
 public:
  virtual ~NetworkRepository() = default;
  // The records among `refs` that `scope` admits (the others are left out, as if absent);
  // as at filter.as_at, only commodities then in use.
  virtual Result<std::vector<NetworkNode>> nodes(const std::vector<RecordRef>& refs, const ReadScope& scope,
                                                 const LinkFilter& filter) = 0;
  // Links selected by `filter` touching any of `refs` whose other end `scope` admits. The
  // caller passes only records it has checked the reader reads.
  virtual Result<std::vector<Link>> links_touching(const std::vector<RecordRef>& refs, const ReadScope& scope,
                                                   const LinkFilter& filter) = 0;
  // Every record `scope` admits (as at filter.as_at, only commodities then in use), kind
  // by kind, streamed: the nodes a region-wide network may draw.
  virtual Status each_visible_node(const ReadScope& scope, const LinkFilter& filter,
                                   const std::function<void(const NetworkNode&)>& on_node) = 0;
  // Every link selected by `filter` whose two ends `scope` admits, in no set order, narrow:
  // its id, ends and relation only (source, date and creation are left empty), read from
  // the links index with each end's policy evaluated once per record, not once per link.
  virtual Status each_visible_link(const ReadScope& scope, const LinkFilter& filter,
                                   const std::function<void(const Link&)>& on_link) = 0;
  // The far ends of links touching `refs` that `scope` does NOT admit, each once with the
  // record it touches: for signals only.
  struct HiddenEnd {
    RecordRef near, far;
  };
  virtual Result<std::vector<HiddenEnd>> hidden_ends(const std::vector<RecordRef>& refs, const ReadScope& scope,
                                                     const LinkFilter& filter) = 0;
};

}  // namespace rocta
