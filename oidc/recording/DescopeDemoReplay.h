#pragma once

// A recorded Descope demo (kind "descope-demo") run again against the built-in sandbox, step by
// step, through the same DescopeClient calls the Descope areas and `oidcplay-cli descope` make;
// each call reports itself (DescopeClient::actionReported) into a Recorder, so the run compares
// with the recording through compareRuns like a code flow's replay. What a person did between the
// calls is done here: an OTP code, a magic link or an enchanted link is read from the sandbox's
// Inbox (GET /sandbox/inbox, over HTTP, as the Inbox panel shows it) and the enchanted link
// clicked when the recording polled without clicking — found by its number (the start's linkId),
// never by its place among the email's three, which come in a random order; a recorded verify
// that failed opens a link of another number, as the person did; the passkey ceremony is the core's software
// authenticator, in memory; TOTP codes come from the key the replay's own sign-up got; a password
// sign-up uses a random password the later sign-in reuses; an access key is the sandbox's own with
// the recorded key ID (GET /sandbox/info). Nothing secret comes from the recording: it has none.
//
// A step that cannot run because an earlier one did not give what it needs (no message arrived,
// no session, no ceremony started) is recorded as failed with SANDBOX REPLAY_NO_MESSAGE,
// REPLAY_NO_SESSION or REPLAY_NO_CEREMONY, so the comparison names it.
//
// run() waits on the calling thread (a local event loop per call): never a GUI thread. The GUI
// runs it on a worker (RecordingViewer); cancel() may come from any thread.

#include "oidc/Result.h"
#include "oidc/recording/Recorder.h"

#include <QString>
#include <QUrl>

#include <atomic>
#include <memory>
#include <mutex>

class QObject;

namespace oidc::descope {
class BlockingDescopeClient;
}

namespace oidc::recording {

class DescopeDemoReplay final {
public:
    // The actions a replay drives, for messages: "otp.start, otp.verify, …".
    [[nodiscard]] static std::string replayableActions();
    // Whether every step of `recording` can run again against the sandbox. Error (INPUT)
    // REPLAY_UNSUPPORTED naming the first step that cannot, why, and the actions that can.
    [[nodiscard]] static Status checkReplayable(const Recording &recording);

    // The sandbox at `sandboxBaseUrl` (its Descope API, Inbox and info) and its project.
    DescopeDemoReplay(QUrl sandboxBaseUrl, QString projectId);
    ~DescopeDemoReplay();
    DescopeDemoReplay(const DescopeDemoReplay &) = delete;
    DescopeDemoReplay &operator=(const DescopeDemoReplay &) = delete;

    // Runs every step of `recording` (checkReplayable first) on this thread into `replayed`, then
    // finishes it with the run's outcome (outcomeOfSteps). `timeoutMs` bounds each wait (a poll,
    // a request). Errors: those of checkReplayable, the project's (INPUT).
    [[nodiscard]] Status run(const Recording &recording, Recorder &replayed, int timeoutMs);
    // From any thread: ends the call in flight (NET_CANCELLED, POLL_CANCELLED) and runs no further step.
    void cancel();
    [[nodiscard]] bool isCancelled() const { return m_cancelled.load(); }

private:
    struct Run;

    QUrl m_baseUrl;
    QString m_projectId;
    std::atomic_bool m_cancelled{false};
    std::mutex m_mutex; // guards m_canceller
    QObject *m_canceller = nullptr; // lives on run()'s thread while it runs
    descope::BlockingDescopeClient *m_client = nullptr;
};

} // namespace oidc::recording
