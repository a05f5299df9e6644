#pragma once

// What a FlowSession operation did, for the GUI and the CLI to render: a report for each step it
// ran and, once, its result. A code exchange, for example, reports Token, perhaps Keys (a JWKS
// refetch on an unknown kid) and IdToken, then delivers the new session or the error that
// stopped it. Nothing else carries a step's outcome (one channel).

#include "oidc/Result.h"
#include "oidc/flow/FlowStep.h"
#include "oidc/jwt/ClaimChecks.h"

#include <QString>

#include <optional>
#include <vector>

namespace oidc::flow {

// One step's outcome: what happened, in one line, and the checks it ran (pass, fail or skip).
struct StepReport final {
    FlowStep step = FlowStep::Discovery;
    bool ok = false;
    QString summary;
    std::optional<Error> error;
    std::vector<jwt::ClaimCheck> checks;
};

// An operation's outcome: its result and its reports, in the order the steps ran. When the
// result is an error, it is the error of the last failed report.
template <typename T>
struct StepOutcome final {
    Result<T> result;
    std::vector<StepReport> reports;
};

} // namespace oidc::flow
