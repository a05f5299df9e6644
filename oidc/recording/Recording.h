#pragma once

// A recorded flow or Descope demo, as a QA engineer keeps it next to a bug report or in CI: the
// settings (a ProfileJson, never a secret), the authorization parameters, the login ID that signed
// in, the sandbox faults that were on, every step with its checks and their outcomes, and the
// exchanges redacted like a HAR export (HarWriter, failing closed). Never a live token, code,
// verifier or secret: summaries and check details are redacted as text (redactText) when they are
// recorded, exchanges with the exchange log's redaction.
//
// The file is JSON (RecordingJson.h): {"oidcplayRecording": <version>, "kind", "createdAt",
// "tool", "profile", "authorization", "loginId", "sandbox", "steps", "outcome", "exchanges"}.

#include "oidc/Json.h"
#include "oidc/descope/DescopeActionReport.h"
#include "oidc/flow/FlowStep.h"
#include "oidc/flow/StepReport.h"

#include <optional>
#include <string>
#include <vector>

namespace oidc::recording {

// What kind of run a recording holds.
inline constexpr std::string_view kKindCodeFlow = "oidc-code-flow"; // FlowSession's code + PKCE login
inline constexpr std::string_view kKindDescopeDemo = "descope-demo"; // the Descope areas' exchanges and actions

struct RecordedCheck final {
    std::string id;      // jwt::ClaimCheck::id or a callback check's id ("state", "iss")
    std::string outcome; // "pass", "fail" or "skip"
    std::string code;    // the failure code when outcome is "fail"
    std::string rule;
    std::string detail;  // redacted as text
};

struct RecordedStep final {
    std::string step;    // stable key: a FlowStep's enum name ("IdToken"), or a Descope action's ("otp.verify")
    std::string title;   // for people: flowStepName ("ID token"), or the area and action
    std::string area;    // the Descope area for a demo's step; empty for the OIDC flow
    bool ok = false;
    std::string summary; // redacted as text
    std::string errorCategory;
    std::string errorCode;
    std::vector<RecordedCheck> checks;
    Json parameters = Json::object(); // a Descope action's: what was asked, never a secret (DescopeActionReport)
};

// How the run ended: the error that stopped it, or none.
struct RecordedOutcome final {
    bool ok = false;
    std::string errorCategory;
    std::string errorCode;
    std::string message; // redacted as text
};

struct Recording final {
    static constexpr int kVersion = 1;

    std::string kind = std::string(kKindCodeFlow);
    std::string createdAt; // ISO 8601, UTC
    std::string tool;      // "oidcplay-cli 1.2.0", "oidcplay 1.2.0"
    Json profile = Json::object();       // flow::profileToJson: no client secret
    Json authorization = Json::object(); // {"scope", "prompt", "extraParameters": [[name, value]…]}
    std::string loginId;                 // login_hint, else the ID token's email or preferred_username
    Json sandbox = nullptr;              // null, or {"baseUrl", "issuer", "faults": [FaultInjector JSON…]}
    std::vector<RecordedStep> steps;
    std::optional<RecordedOutcome> outcome; // absent while a GUI recording is still running
    Json exchanges = Json::array();         // HarWriter::entry, redacted, with "_step"
};

// The stable key of a flow step ("Discovery", "IdToken"): FlowStep's enum name.
[[nodiscard]] std::string stepKey(flow::FlowStep step);
[[nodiscard]] std::optional<flow::FlowStep> stepFromKey(std::string_view key);
[[nodiscard]] std::string checkOutcomeName(jwt::CheckOutcome outcome);

// A FlowSession report as recorded (summary and details redacted as text).
[[nodiscard]] RecordedStep recordedStep(const flow::StepReport &report);
// A Descope client's report as recorded, in `area` ("OTP & TOTP"; the title names it).
[[nodiscard]] RecordedStep recordedDescopeStep(const descope::DescopeActionReport &report, const std::string &area);
[[nodiscard]] RecordedOutcome recordedOutcome(const std::optional<Error> &error);

// A demo's outcome, as a person's demo goes on after a failed step: the last failed step's error
// (its title and summary as the message), else ok.
[[nodiscard]] RecordedOutcome outcomeOfSteps(const std::vector<RecordedStep> &steps);

// The login ID a recording keeps: `loginHint` when the flow sent one, else the ID token's
// "email", else its "preferred_username" (OIDC Core §5.1), else empty.
[[nodiscard]] std::string recordedLoginId(const std::string &loginHint, const Json &idTokenClaims);

} // namespace oidc::recording
