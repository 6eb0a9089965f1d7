// Audit events: who did or saw what, when, from where and why. Append-only, hash-chained.
//
// Each event's hash is SHA-256 over its canonical text, which includes the previous
// event's hash, so changing, removing or reordering any event breaks every later link.
// Hashing itself is handed in (core does no cryptography of its own).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rocta {

struct AuditEvent {
  int64_t seq = 0;          // 1, 2, 3, … with no gaps
  std::string at;           // UTC, ISO 8601 with milliseconds
  int64_t actor_id = 0;     // 0: the system or an unauthenticated caller
  std::string actor;        // username, or "system", or "anonymous"
  std::string action;       // e.g. "threat.create", "threat.read", "session.create"
  std::string record_kind;  // "" when not about one record
  int64_t record_id = 0;
  std::string origin;       // "127.0.0.1", "cli"
  std::string purpose;      // the reason the user gave; may be empty
  std::string detail;       // JSON text
  std::string prev_hash;    // hex; 64 zeros for the first event
  std::string hash;         // hex
};

inline const std::string kGenesisHash(64, '0');

using Sha256Hex = std::function<std::string(std::string_view)>;

// The exact bytes that are hashed. Stable: changing it breaks every existing chain.
std::string canonical_text(const AuditEvent& e);

// Fills prev_hash and hash of `e`, given the hash of the event before it.
void seal(AuditEvent& e, std::string_view prev_hash, const Sha256Hex& sha256);

struct ChainBreak {
  int64_t seq = 0;
  std::string why;
};

// Checks events given in order of seq, continuing from `prev_hash` (the genesis hash for
// the first batch). Returns the first broken link, or nothing when all hold.
std::optional<ChainBreak> first_break(const std::vector<AuditEvent>& events, std::string_view prev_hash,
                                      int64_t expected_seq, const Sha256Hex& sha256);

}  // namespace rocta
