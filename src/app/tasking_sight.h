// What a tasking item about a threat (an escalation, a decision, a task, an agenda line)
// shows a reader, by the rules of every other screen: the item when the reader may open
// the threat; a signal when the threat's holder lets the reader be told it holds something
// (the threat's id and the item's free text withheld, the holder named); nothing otherwise.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "app/app.h"

namespace rocta {

class Transaction;

class TaskingSight {
 public:
  enum class Sight { kOpen, kSignal, kHidden };
  TaskingSight(Transaction& tx, const Caller& caller) : tx_(tx), caller_(caller) {}

  // kOpen for 0 (an item about no threat) and for system callers.
  Result<Sight> of(int64_t threat_id);
  // For a signalled item: "About a threat held by <holder>: ask <holder> for access."
  std::string signal_text(int64_t threat_id) const;

 private:
  struct Seen {
    Sight sight = Sight::kHidden;
    std::string holder;
  };
  Transaction& tx_;
  const Caller& caller_;
  std::map<int64_t, Seen> seen_;
};

}  // namespace rocta
