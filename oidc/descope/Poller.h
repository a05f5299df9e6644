#pragma once

// Polling as a first-class object (descope-api.md §5; rp-checks P1–P7), not tied to enchanted
// links: the same request is sent every interval until an answer ends it. The first poll goes out
// after one interval (core-js uses setInterval). Each answer is classified by classifyPoll —
// pending, rate limited, transient, done or refused — and reported as a PollRecord as it is
// decided, so the GUI can draw the timeline as it grows.
//
// It ends exactly once, through `done`, with: the 2xx answer; the refusal (category DESCOPE, the
// Descope errorCode); POLL_TIMEOUT at the deadline (the poll in flight is aborted; after transient
// failures the message names the last one, rp-checks P4, and actual = its code); POLL_CANCELLED
// from cancel() (delivered before cancel() returns, no late result). Each poll's own timeout is
// the request's, but never past the deadline. Everything runs on this object's thread, and nothing
// blocks it.

#include "oidc/descope/PollRecord.h"
#include "oidc/net/HttpTransport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace oidc::descope {

struct PollOutcome final {
    Result<net::HttpResponse> result;
    std::vector<PollRecord> records;
};

class DescopeClient;
class PollerTestHook;

class Poller final : public QObject {
    Q_OBJECT
public:
    using Observer = std::function<void(const PollRecord &)>;
    using Done = std::function<void(PollOutcome)>;

    // `settings` are normalised at once (normalizePollSettings): warnings() says what changed.
    Poller(net::HttpTransport &transport, net::HttpRequest request, PollSettings settings, QObject *parent = nullptr);
    ~Poller() override;

    // Starts the clock and the deadline; the first poll after one interval. Once only.
    void start(Observer observer, Done done);
    // Ends polling with POLL_CANCELLED unless it has ended; safe at any time.
    void cancel();

    [[nodiscard]] const PollSettings &settings() const { return m_plan.settings; }
    [[nodiscard]] const std::vector<std::string> &warnings() const { return m_plan.warnings; }
    [[nodiscard]] const std::vector<PollRecord> &records() const { return m_records; }
    [[nodiscard]] bool isRunning() const { return m_started && !m_finished; }

private:
    // The minimum interval is kMinPollIntervalMs for every user; only tests and benchmarks lower it,
    // through PollerTestHook (tests/oidc/descope), and the client passes their choice on.
    friend class PollerTestHook;
    friend class DescopeClient;
    void lowerMinimumInterval(int minimumIntervalMs);

    void poll();
    void answered(Result<net::HttpResponse> answer, qint64 sentAtMs, qint64 sentMsSinceEpoch);
    void timedOut();
    void finish(Result<net::HttpResponse> result);

    net::HttpTransport &m_transport;
    net::HttpRequest m_request;
    PollSettings m_requested;
    PollPlan m_plan;
    Observer m_observer;
    Done m_done;
    QTimer m_next;
    QTimer m_deadline;
    QElapsedTimer m_clock;
    net::RequestHandle m_inFlight;
    std::vector<PollRecord> m_records;
    std::optional<Error> m_lastTransient;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace oidc::descope
