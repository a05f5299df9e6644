// A whole passkey sign-in with the software authenticator, end to end in the GUI: the main
// window's Passkeys area against the built-in sandbox (hosted as in the app: SandboxHost, the
// server on a thread of its own), "Sign in" clicked, then start → the assertion (off the GUI
// thread; the authenticator's file saved) → finish → the session checks → the inspector and the
// session drawn, until the area reports the session. N sign-ins (30 by default) after one sign-up;
// prints the median and the worst. The baseline, same run, same sandbox: the same calls through
// the core's DescopeClient without the GUI (start, SoftwareAuthenticator::getAssertion in memory,
// finish with its session checks) for a user registered the same way. Prints figures; never fails
// on timing.
//
//   bench_passkeys [--iterations N]

#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/PasskeyRun.h"
#include "ui/descope/PasskeysPanel.h"
#include "ui/flow/ProfileManager.h"

#include "oidc/webauthn/Origin.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr int kTimeoutMs = 30000;

struct Figures final {
    double medianMs = 0;
    double worstMs = 0;
    int failures = 0;
};

Figures figuresOf(std::vector<double> samples, int failures)
{
    Figures figures;
    figures.failures = failures;
    if (samples.empty())
        return figures;
    std::sort(samples.begin(), samples.end());
    const size_t n = samples.size();
    figures.medianMs = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    figures.worstMs = samples.back();
    return figures;
}

// Runs the event loop until `done` says so or the time is up; false on timeout.
bool waitUntil(const std::function<bool()> &done, int timeoutMs = kTimeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

// Where a GUI sign-in's time goes, by the run's phases: the start call, the authenticator
// (signing and saving its file, off the GUI thread), the finish with its session checks, and
// what the area does once the run reported (inspector, session view, status).
struct PhaseTimes final {
    std::vector<double> starting, signing, finishing, drawing;
};

// The GUI: one ceremony clicked in the Passkeys area; the milliseconds until it ended, nullopt
// when it failed.
std::optional<double> guiCeremony(QWidget &panel, ui::PasskeyRun &run, const char *button, const QString &loginId,
                                  PhaseTimes *phases = nullptr)
{
    panel.findChild<QLineEdit *>(QStringLiteral("loginIdEdit"))->setText(loginId);
    panel.findChild<QLineEdit *>(QStringLiteral("displayNameEdit"))->setText(QStringLiteral("Bench Passkey"));
    std::optional<bool> accepted;
    const QMetaObject::Connection connection = QObject::connect(&run, &ui::PasskeyRun::finished, &panel,
                                                                [&accepted](const oidc::descope::SessionOutcome &outcome) { accepted = outcome.ok(); });
    QElapsedTimer clock;
    std::vector<std::pair<ui::PasskeyRun::Phase, double>> marks;
    const QMetaObject::Connection phaseConnection = QObject::connect(&run, &ui::PasskeyRun::phaseChanged, &panel, [&](ui::PasskeyRun::Phase phase) {
        marks.emplace_back(phase, static_cast<double>(clock.nsecsElapsed()) / 1e6);
    });
    clock.start();
    panel.findChild<QPushButton *>(QString::fromLatin1(button))->click();
    const bool ended = waitUntil([&accepted] { return accepted.has_value(); });
    QCoreApplication::processEvents(); // what the area draws for the session belongs to the sign-in
    const double elapsed = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    QObject::disconnect(connection);
    QObject::disconnect(phaseConnection);
    if (!ended || !*accepted)
        return std::nullopt;
    if (phases) {
        const auto at = [&marks](ui::PasskeyRun::Phase phase) {
            for (const auto &[seen, ms] : marks)
                if (seen == phase)
                    return ms;
            return 0.0;
        };
        // Done is announced after `finished`, whose handlers draw the session.
        const double signing = at(ui::PasskeyRun::Phase::Signing), finishing = at(ui::PasskeyRun::Phase::Finishing);
        phases->starting.push_back(signing);
        phases->signing.push_back(finishing - signing);
        phases->finishing.push_back(at(ui::PasskeyRun::Phase::Done) - finishing);
        phases->drawing.push_back(elapsed - at(ui::PasskeyRun::Phase::Done));
    }
    return elapsed;
}

// The baseline: start → assertion → finish through the core's client, no GUI.
class CoreCeremony final {
public:
    explicit CoreCeremony(oidc::descope::DescopeClient &client) : m_client(client) {}

    std::optional<double> run(oidc::descope::WebAuthnStartKind kind, const std::string &loginId)
    {
        using namespace oidc::descope;
        QElapsedTimer clock;
        clock.start();
        WebAuthnStart start;
        start.kind = kind;
        start.loginId = loginId;
        start.user.name = "Bench Passkey";
        std::optional<bool> accepted;
        QEventLoop loop;
        (void)m_client.startWebAuthn(start, [&](oidc::Result<WebAuthnStarted> started) {
            if (!started) {
                accepted = false;
                loop.quit();
                return;
            }
            const std::string origin = oidc::webauthn::pageOriginFor(m_client.project().baseUrl(), started->options);
            auto response = started->create ? m_authenticator.createCredential(started->options, origin)
                                            : m_authenticator.getAssertion(started->options, origin);
            if (!response) {
                std::fprintf(stderr, "authenticator: %s\n", response.error().summary().c_str());
                accepted = false;
                loop.quit();
                return;
            }
            (void)m_client.finishWebAuthn(finishKindFor(kind, started->create), started->transactionId, *response, [&](SessionOutcome outcome) {
                accepted = outcome.ok();
                loop.quit();
            });
        });
        QTimer::singleShot(kTimeoutMs, &loop, &QEventLoop::quit);
        if (!accepted)
            loop.exec();
        const double elapsed = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        if (!accepted || !*accepted)
            return std::nullopt;
        return elapsed;
    }

private:
    oidc::descope::DescopeClient &m_client;
    oidc::webauthn::SoftwareAuthenticator m_authenticator;
};

void print(const char *what, const Figures &figures, int iterations)
{
    std::printf("%-44s median %8.2f ms   worst %8.2f ms   (%d runs, %d failed)\n", what, figures.medianMs, figures.worstMs, iterations,
                figures.failures);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication application(argc, argv);
    int iterations = 30;
    const QStringList arguments = QCoreApplication::arguments();
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == QStringLiteral("--iterations") && i + 1 < arguments.size()) {
            iterations = std::max(1, arguments[++i].toInt());
        } else {
            std::fprintf(stderr, "usage: bench_passkeys [--iterations N]\n");
            return 2;
        }
    }

    auto app = testsupport::makeTestApp();
    // The authenticator's file goes under the temporary directory (QStandardPaths on Linux).
    qputenv("XDG_DATA_HOME", app->dir.path().toUtf8());
    if (!testsupport::startSandbox(*app->context)) {
        std::fprintf(stderr, "the sandbox did not start\n");
        return 1;
    }
    ui::MainWindow window(app->context.get());
    window.resize(1280, 800);
    window.show();
    if (!window.showArea(ui::areas::kPasskeys.toString())) {
        std::fprintf(stderr, "no Passkeys area\n");
        return 1;
    }
    QWidget *panel = window.areaPanel(ui::areas::kPasskeys.toString());
    auto *run = panel->findChild<ui::PasskeyRun *>();
    auto *signUp = panel->findChild<QPushButton *>(QStringLiteral("signUpButton"));
    if (!run || !waitUntil([signUp] { return signUp->isEnabled(); })) {
        std::fprintf(stderr, "the Passkeys area did not get ready\n");
        return 1;
    }
    ui::DescopeContext &descope = app->context->descope();
    const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());

    // The GUI: a sign-up, then N sign-ins with the stored credential.
    const QString guiUser = QStringLiteral("bench-gui-%1@example.com").arg(stamp);
    if (!guiCeremony(*panel, *run, "signUpButton", guiUser)) {
        std::fprintf(stderr, "the GUI sign-up failed\n");
        return 1;
    }
    std::vector<double> gui;
    PhaseTimes phases;
    int guiFailures = 0;
    for (int i = 0; i < iterations; ++i) {
        descope.clearSession();
        if (const auto elapsed = guiCeremony(*panel, *run, "signInButton", guiUser, &phases))
            gui.push_back(*elapsed);
        else
            ++guiFailures;
    }

    // The baseline: the same through the core's client, no GUI.
    oidc::descope::DescopeClient *client = descope.client(ui::descope_area::kPasskeys);
    CoreCeremony core(*client);
    const std::string coreUser = QStringLiteral("bench-core-%1@example.com").arg(stamp).toStdString();
    if (!core.run(oidc::descope::WebAuthnStartKind::SignUp, coreUser)) {
        std::fprintf(stderr, "the core sign-up failed\n");
        return 1;
    }
    std::vector<double> baseline;
    int coreFailures = 0;
    for (int i = 0; i < iterations; ++i) {
        if (const auto elapsed = core.run(oidc::descope::WebAuthnStartKind::SignIn, coreUser))
            baseline.push_back(*elapsed);
        else
            ++coreFailures;
    }

    const Figures guiFigures = figuresOf(gui, guiFailures);
    const Figures coreFigures = figuresOf(baseline, coreFailures);
    std::printf("Passkey sign-in with the software authenticator, against the in-process sandbox\n");
    print("GUI (Passkeys area: click to session shown)", guiFigures, iterations);
    print("  of which: start call", figuresOf(phases.starting, 0), iterations);
    print("  of which: assertion + file saved (worker)", figuresOf(phases.signing, 0), iterations);
    print("  of which: finish + session checks + drawn", figuresOf(phases.finishing, 0), iterations);
    print("  of which: after the run reported", figuresOf(phases.drawing, 0), iterations);
    print("baseline (core DescopeClient, no GUI)", coreFigures, iterations);
    if (coreFigures.medianMs > 0)
        std::printf("GUI / baseline: median %.2fx, worst %.2fx\n", guiFigures.medianMs / coreFigures.medianMs,
                    guiFigures.worstMs / coreFigures.worstMs);
    return guiFailures + coreFailures == 0 ? 0 : 1;
}
