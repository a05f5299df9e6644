// bench_descope: what the Descope client costs on top of the wire it drives, against the sandbox
// on loopback (in its own thread, as bench_sandbox does). Two figures, printed, never asserted:
//   overhead  one pending-session poll through the Poller (classification, record, timer) against
//             the same request sent bare through the same QtHttpTransport, in alternating rounds of
//             the same run: the ratio of the medians (target ≤ 1.2)
//   sign-in   a whole enchanted-link sign-in: start, three pending polls, the link clicked (verify),
//             the session's checks (keys cached after the warm-up); the polling interval is lowered
//             to 1 ms through the test-only PollerTestHook, so the figure is the client, not the wait
//
//   bench_descope [--smoke] [--polls N] [--rounds R] [--signins S]

#include "tests/oidc/descope/PollerTestHook.h"

#include "sandbox/Inbox.h"
#include "sandbox/SandboxServer.h"

#include "oidc/descope/DescopeClient.h"
#include "oidc/net/QtHttpTransport.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using namespace oidc::descope;
using Clock = std::chrono::steady_clock;

constexpr const char *kLoginId = "alice@example.com";

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size())))];
}

// The sandbox in its own thread; its Inbox is read there.
class SandboxThread final {
public:
    SandboxThread() : m_server(new sandbox::SandboxServer())
    {
        m_thread.setObjectName(QStringLiteral("sandbox"));
        m_server->moveToThread(&m_thread);
        m_thread.start();
    }
    ~SandboxThread()
    {
        QMetaObject::invokeMethod(m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    oidc::Status start()
    {
        oidc::Status started;
        QMetaObject::invokeMethod(m_server, [&] { started = m_server->start(0); }, Qt::BlockingQueuedConnection);
        return started;
    }
    [[nodiscard]] QUrl baseUrl() const { return m_server->baseUrl(); }
    [[nodiscard]] QString projectId() const { return m_server->projectId(); }
    // The token of the enchanted link numbered `linkId` in the newest message to `loginId`.
    std::string linkTokenFor(const std::string &loginId, const std::string &linkId)
    {
        std::string url;
        QMetaObject::invokeMethod(
            m_server,
            [&] {
                const auto messages = m_server->inbox().messages(loginId); // newest first
                if (messages.empty())
                    return;
                for (const auto &link : messages.front().links)
                    if (link.number == linkId)
                        url = link.url;
            },
            Qt::BlockingQueuedConnection);
        auto token = linkToken(url);
        return token ? *token : std::string(); // none: the click fails and the sign-in is reported failed
    }

private:
    QThread m_thread;
    sandbox::SandboxServer *m_server;
};

// `count` requests one after the other, each sent on the event-loop turn after the previous answer
// (as the Poller sends its next poll from a zero-length timer): ms per request.
double barePollMs(oidc::net::HttpTransport &transport, const oidc::net::HttpRequest &request, int count, int &errors)
{
    QEventLoop loop;
    int left = count;
    std::function<void()> next = [&] {
        (void)transport.send(request, &loop, [&](oidc::Result<oidc::net::HttpResponse> answer) {
            errors += answer && answer->status == 401 ? 0 : 1;
            if (--left == 0)
                loop.quit();
            else
                QTimer::singleShot(0, &loop, next);
        });
    };
    const auto start = Clock::now();
    next();
    loop.exec();
    return msSince(start) / count;
}

// The same requests through a Poller at interval 0 (the test-only minimum): ms per poll.
double clientPollMs(oidc::net::HttpTransport &transport, const oidc::net::HttpRequest &request, int count, int &errors)
{
    Poller poller(transport, request, PollSettings{0, kMaxPollTimeoutMs, {"E062503"}});
    PollerTestHook::setMinimumInterval(poller, 0);
    QEventLoop loop;
    int polls = 0;
    const auto start = Clock::now();
    poller.start(
        [&](const PollRecord &record) {
            errors += record.decision == PollDecision::Pending ? 0 : 1;
            if (++polls == count)
                poller.cancel();
        },
        [&](PollOutcome) { loop.quit(); });
    loop.exec();
    return msSince(start) / count;
}

struct SignInFigure final {
    double ms = 0;
    size_t polls = 0;
    bool ok = false;
};

SignInFigure signIn(DescopeClient &client, SandboxThread &sandbox)
{
    QEventLoop loop;
    SignInFigure figure;
    std::string token;
    PasswordlessStart start;
    start.loginId = kLoginId;
    const auto began = Clock::now();
    (void)client.startEnchantedLink(start, [&](oidc::Result<EnchantedLinkStarted> started) {
        if (!started)
            return loop.quit();
        token = sandbox.linkTokenFor(kLoginId, started->linkId);
        const auto clickOnThirdPending = [&](const PollRecord &record) {
            if (record.number == 3 && record.decision == PollDecision::Pending)
                (void)client.verifyEnchantedLink(token, [](oidc::Status status) {
                    if (!status)
                        std::fprintf(stderr, "bench_descope: the click failed: %s\n", status.error().summary().c_str());
                });
        };
        (void)client.pollEnchantedLink(started->pendingRef, PollSettings{1, 60000, {"E062503"}}, clickOnThirdPending, [&](PolledSession polled) {
            figure.ok = polled.session.ok();
            figure.polls = polled.polls.size();
            loop.quit();
        });
    });
    loop.exec();
    figure.ms = msSince(began);
    return figure;
}

struct Options final {
    bool smoke = false;
    int polls = 300;
    int rounds = 7;
    int signIns = 40;
};

bool parse(int argc, char **argv, Options &options)
{
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--smoke")
            options = Options{true, 30, 2, 3};
        else if (argument == "--polls" && i + 1 < argc)
            options.polls = std::max(1, std::atoi(argv[++i]));
        else if (argument == "--rounds" && i + 1 < argc)
            options.rounds = std::max(1, std::atoi(argv[++i]));
        else if (argument == "--signins" && i + 1 < argc)
            options.signIns = std::max(1, std::atoi(argv[++i]));
        else
            return false;
    }
    return true;
}

int pollOverhead(oidc::net::HttpTransport &transport, DescopeClient &client, const Options &options)
{
    PasswordlessStart start;
    start.loginId = "bob@example.com";
    std::string pendingRef;
    QEventLoop loop;
    (void)client.startEnchantedLink(start, [&](oidc::Result<EnchantedLinkStarted> started) {
        pendingRef = started ? started->pendingRef : std::string();
        loop.quit();
    });
    loop.exec();
    const auto request = buildPendingSessionRequest(client.project(), pendingRef);
    if (!request) {
        std::fprintf(stderr, "bench_descope: %s\n", request.error().summary().c_str());
        return 1;
    }
    int errors = 0;
    (void)barePollMs(transport, *request, options.polls / 3 + 1, errors); // warm-up: connections, caches
    (void)clientPollMs(transport, *request, options.polls / 3 + 1, errors);
    std::vector<double> bare;
    std::vector<double> polled;
    for (int round = 0; round < options.rounds; ++round) {
        bare.push_back(barePollMs(transport, *request, options.polls, errors));
        polled.push_back(clientPollMs(transport, *request, options.polls, errors));
    }
    const double ratio = median(polled) / median(bare);
    std::printf("%-44s %10.1f us  (median of %d rounds of %d)\n", "bare request, pending-session (401)", median(bare) * 1000, options.rounds,
                options.polls);
    std::printf("%-44s %10.1f us\n", "Poller, one poll of the same route", median(polled) * 1000);
    std::printf("%-44s %10.2fx  (target <= 1.2x: %s)%s\n", "client overhead per poll", ratio, ratio <= 1.2 ? "met" : "NOT met",
                errors ? "  [unexpected answers!]" : "");
    return errors ? 1 : 0;
}

int signInFigures(DescopeClient &client, SandboxThread &sandbox, const Options &options)
{
    PollerTestHook::setMinimumInterval(client, 0);
    const SignInFigure warmUp = signIn(client, sandbox); // fetches the keys once
    std::vector<double> times;
    size_t polls = 0;
    int failures = warmUp.ok ? 0 : 1;
    for (int i = 0; i < options.signIns; ++i) {
        const SignInFigure figure = signIn(client, sandbox);
        failures += figure.ok ? 0 : 1;
        times.push_back(figure.ms);
        polls += figure.polls;
    }
    std::printf("%-44s %10.2f ms p50, %.2f ms p95, %.2f ms max  (%d sign-ins, %.1f polls each; first with the keys fetch: %.2f ms)%s\n",
                "enchanted-link sign-in, end to end", percentile(times, 0.5), percentile(times, 0.95), percentile(times, 1.0), options.signIns,
                static_cast<double>(polls) / options.signIns, warmUp.ms, failures ? "  [failed sign-ins!]" : "");
    return failures ? 1 : 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    Options options;
    if (!parse(argc, argv, options)) {
        std::fprintf(stderr, "usage: bench_descope [--smoke] [--polls N] [--rounds R] [--signins S]\n");
        return 2;
    }
    SandboxThread sandbox;
    if (const auto started = sandbox.start(); !started) {
        std::fprintf(stderr, "bench_descope: %s\n", started.error().summary().c_str());
        return 1;
    }
    oidc::net::QtHttpTransport transport;
    auto project = DescopeProject::create(sandbox.projectId(), sandbox.baseUrl());
    DescopeClient client(transport, std::move(project).value());
    std::printf("bench_descope%s: client on the main thread, sandbox in its own, %u hardware threads\n", options.smoke ? " (smoke)" : "",
                QThread::idealThreadCount());
    const int overhead = pollOverhead(transport, client, options);
    const int signIns = signInFigures(client, sandbox, options);
    return overhead || signIns ? 1 : 0;
}
