#pragma once

// People-facing text for the sandbox's fault kinds: a label, what the fault does, and what a
// correct client does about it (with the rp-checks ID, ../shared/reference/rp-checks.md).

#include "sandbox/FaultInjector.h"

#include <QString>

namespace ui {

struct FaultText final {
    QString label;       // "Bad signature"
    QString effect;      // what the sandbox does
    QString expectation; // "J1: the app must refuse the ID token …"
};

[[nodiscard]] FaultText faultText(sandbox::FaultKind kind);
// Which parameters a kind uses beyond path and count.
[[nodiscard]] bool faultUsesLatency(sandbox::FaultKind kind);
[[nodiscard]] bool faultUsesStatus(sandbox::FaultKind kind);
[[nodiscard]] bool faultUsesRetryAfter(sandbox::FaultKind kind);
// "ms 1000", "status 503, Retry-After 5 s" … for the active-faults list.
[[nodiscard]] QString faultParameters(const sandbox::Fault &fault);

} // namespace ui
