#pragma once

// A ReplayReport for people and for CI: JUnit XML (one <testcase> per step, a <failure> naming
// what differed, the form CI servers read: Jenkins, GitLab, GitHub's test reporters) and JSON
// (`oidcplay-cli replay --json`). Every text is escaped for XML 1.0 (§2.4 character data, §2.3
// attribute values), and characters XML 1.0 cannot carry (§2.2: controls other than tab, line
// feed and carriage return) are replaced by U+FFFD, so the report always parses.

#include "oidc/Json.h"
#include "oidc/recording/ReplayComparison.h"

#include <string>

namespace oidc::recording {

class ReplayReportWriter final {
public:
    [[nodiscard]] static std::string junitXml(const ReplayReport &report);
    [[nodiscard]] static Json json(const ReplayReport &report);
    // One line per step for a terminal: "match     ID token", "MISMATCH  ID token: check nonce: …".
    [[nodiscard]] static std::string text(const ReplayReport &report);

    [[nodiscard]] static std::string xmlEscaped(std::string_view text);
};

} // namespace oidc::recording
