#pragma once

// A replay's steps next to the recorded ones: for each step, whether it gave the same outcome
// (ok or failed, the same error code) and whether each of its checks did (pass, fail or skip, the
// same failure code). Steps are paired in order by their key; a step the replay did not reach is
// "missing", one the recording does not have is "extra". The run's outcome is the last row. Only
// outcomes and codes are compared: summaries and details name times, ports and random values that
// differ from run to run.

#include "oidc/recording/Recording.h"

#include <string>
#include <vector>

namespace oidc::recording {

struct CheckComparison final {
    std::string id;
    std::string recorded; // "pass", "fail INVALID_CODE", "skip", or "" when the run had no such check
    std::string replayed;
    [[nodiscard]] bool matches() const { return recorded == replayed; }
};

struct StepComparison final {
    enum class Verdict { Match, Mismatch, Missing, Extra };
    std::string step;  // the key ("IdToken"; "outcome" for the run's outcome)
    std::string title; // for people ("ID token")
    Verdict verdict = Verdict::Match;
    std::string recorded; // "ok", or "failed IDT NONCE_MISMATCH"; "" for an extra step
    std::string replayed; // "" for a missing step
    std::vector<CheckComparison> checks;
    std::vector<std::string> differences; // one line each, for people and the JUnit failure text
};

struct ReplayReport final {
    std::string recordingName; // the file, for the report's title
    std::string against;       // "sandbox http://127.0.0.1:…" or the profile's name
    std::vector<StepComparison> steps;
    qint64 elapsedMs = 0;

    [[nodiscard]] bool allMatch() const;
    [[nodiscard]] int mismatchCount() const;
    // The first step that did not match, or nullptr.
    [[nodiscard]] const StepComparison *firstMismatch() const;
};

[[nodiscard]] std::string verdictName(StepComparison::Verdict verdict); // "match", "mismatch", "missing", "extra"

[[nodiscard]] ReplayReport compareRuns(const Recording &recorded, const Recording &replayed);

} // namespace oidc::recording
