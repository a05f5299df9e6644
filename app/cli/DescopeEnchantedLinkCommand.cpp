// oidcplay-cli descope enchanted-link: start, show the number to click (stderr, at once), poll the
// pending session until the link is clicked (descope-api.md §5; the Poller's rules), end with the
// session. The JSON result counts the polls and names the link, on success and on failure.

#include "CliOutput.h"
#include "DescopeCommands.h"
#include "DescopeRun.h"
#include "InterruptWatch.h"
#include "PasswordlessOptions.h"

namespace cli {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using namespace oidc::descope;

namespace {

struct EnchantedLinkOptions final {
    PasswordlessOptions passwordless;
    QCommandLineOption interval{QStringLiteral("interval-ms"), QStringLiteral("Between polls (default and minimum 1000)."), QStringLiteral("N")};
    QCommandLineOption timeout{QStringLiteral("poll-timeout-ms"), QStringLiteral("Overall polling time limit (default and maximum 600000)."),
                               QStringLiteral("N")};
};

// A whole number of milliseconds, or `fallback` when the option is absent.
oidc::Result<int> millisecondsOption(const DescopeRun &run, const QCommandLineOption &option, int fallback)
{
    if (!run.parser().isSet(option))
        return fallback;
    bool ok = false;
    const int value = run.parser().value(option).toInt(&ok);
    if (!ok || value <= 0)
        return makeError(ErrorCategory::Input, "USAGE", "--" + option.names().constFirst().toStdString() + " needs a positive number of milliseconds");
    return value;
}

oidc::Result<PollSettings> pollSettings(const DescopeRun &run, const EnchantedLinkOptions &options)
{
    auto interval = millisecondsOption(run, options.interval, kDefaultPollIntervalMs);
    if (!interval)
        return interval.error();
    auto timeout = millisecondsOption(run, options.timeout, kMaxPollTimeoutMs);
    if (!timeout)
        return timeout.error();
    PollSettings settings;
    settings.intervalMs = *interval;
    settings.timeoutMs = *timeout;
    // Normalised here so that the warning comes before the wait, not after it.
    const PollPlan plan = normalizePollSettings(settings);
    for (const std::string &warning : plan.warnings)
        printErr("warning: " + warning);
    return plan.settings;
}

void showPoll(const PollRecord &record)
{
    printErr("poll " + std::to_string(record.number) + ": " + (record.status ? std::to_string(record.status) : std::string("no answer")) + " "
             + std::string(pollDecisionName(record.decision)) + (record.detail.empty() ? std::string() : " (" + record.detail + ")"));
}

} // namespace

int runDescopeEnchantedLink(const QString &, const QStringList &arguments)
{
    DescopeRun run(QStringLiteral("descope enchanted-link --login-id EMAIL [--signup-in] [--uri URL] [--interval-ms N] [--poll-timeout-ms N] "
                                  "[--step-up --refresh-token-file F] --project-id PID [--base-url URL] [--json] [--show-tokens]"));
    const EnchantedLinkOptions options;
    if (auto exit = run.parse(arguments, options.passwordless.list(LinkTarget::Given) << options.interval << options.timeout))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    auto start = options.passwordless.start(run, LinkTarget::Given);
    if (!start)
        return run.fail(start.error());
    auto settings = pollSettings(run, options);
    if (!settings)
        return run.fail(settings.error());
    auto started = (*client)->startEnchantedLink(*start);
    if (!started)
        return run.fail(started.error());
    printErr("link_id: " + started->linkId);
    printErr("pending_ref: " + started->pendingRef);
    printErr("masked_email: " + started->maskedEmail);
    // Ctrl+C or SIGTERM ends the polling (POLL_CANCELLED) and the run reports it like any end.
    const InterruptWatch interrupts([&client] { (*client)->cancel(); });
    const PolledSession polled = (*client)->pollEnchantedLink(started->pendingRef, *settings, showPoll);
    Json out = {{"linkId", started->linkId}, {"polls", polled.polls.size()}};
    return run.finishSession(std::move(out), polled.session);
}

} // namespace cli
