#include "core/audit.h"

namespace rocta {

std::string canonical_text(const AuditEvent& e) {
  // Unit separator between fields; fields are length-prefixed so no value can forge one.
  std::string out = "rocta-audit-v1";
  auto add = [&out](std::string_view v) {
    out += '\x1f';
    out += std::to_string(v.size());
    out += ':';
    out += v;
  };
  add(std::to_string(e.seq));
  add(e.at);
  add(std::to_string(e.actor_id));
  add(e.actor);
  add(e.action);
  add(e.record_kind);
  add(std::to_string(e.record_id));
  add(e.origin);
  add(e.purpose);
  add(e.detail);
  add(e.prev_hash);
  return out;
}

void seal(AuditEvent& e, std::string_view prev_hash, const Sha256Hex& sha256) {
  e.prev_hash = std::string(prev_hash);
  e.hash = sha256(canonical_text(e));
}

std::optional<ChainBreak> first_break(const std::vector<AuditEvent>& events, std::string_view prev_hash,
                                      int64_t expected_seq, const Sha256Hex& sha256) {
  std::string prev(prev_hash);
  int64_t seq = expected_seq;
  for (const auto& e : events) {
    if (e.seq != seq)
      return ChainBreak{seq, "event " + std::to_string(seq) + " is missing (next present is " + std::to_string(e.seq) + ")"};
    if (e.prev_hash != prev)
      return ChainBreak{e.seq, "event " + std::to_string(e.seq) + " does not point to the hash of the event before it"};
    if (sha256(canonical_text(e)) != e.hash)
      return ChainBreak{e.seq, "event " + std::to_string(e.seq) + " was altered: its content no longer matches its hash"};
    prev = e.hash;
    ++seq;
  }
  return std::nullopt;
}

}  // namespace rocta
