// oidcplay: OIDC Playground's desktop application.

#include "ui/AppContext.h"
#include "ui/FirstPaintWatcher.h"
#include "ui/MainWindow.h"
#include "ui/StartupProbe.h"
#include "ui/shell/Appearance.h"
#include "ui/shell/SingleInstance.h"
#include "ui/shell/GuiThreadFills.h"
#include "ui/shell/StartupWarmUp.h"

#include "oidc/flow/PrivateUseScheme.h"
#include "oidc/flow/RedirectHandOver.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>

#include <unistd.h>
#include <memory>
#include <optional>

namespace {

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
    std::fflush(stream);
}

// "<scheme>:<path>" of a redirect, without its query: what may be printed (the code and state are secrets).
QString redirectTarget(const QUrl &url)
{
    return url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment);
}

// A redirect nothing waits for: this process started with it (no app ran), so the sign-in that
// sent it lived in an app that is gone, with its state and PKCE verifier.
void showUnclaimedRedirect(QWidget *window, const QUrl &url, const oidc::Error &error)
{
    const QString text = QStringLiteral("OIDC Playground was started with a redirect to %1, but no sign-in waits for it (%2).\n\n"
                                        "The app that started that sign-in is no longer running, and its state and PKCE verifier "
                                        "went with it: start the sign-in again here.")
                             .arg(redirectTarget(url), QString::fromStdString(error.message));
    print(stderr, QStringLiteral("oidcplay: %1\n").arg(text.section(QLatin1Char('\n'), 0, 0)));
    auto *box = new QMessageBox(QMessageBox::Information, QStringLiteral("Redirect not expected"), text, QMessageBox::Ok, window);
    box->setObjectName(QStringLiteral("unclaimedRedirectNotice"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace

int main(int argc, char *argv[])
{
    ui::StartupProbe::markMain();
    QCoreApplication::setApplicationName(QStringLiteral("oidcplay"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OIDCPLAY_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("OIDC Playground"));

    // Options are parsed before QApplication exists, so --help and --version work without a
    // display.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "OIDC Playground: drive OpenID Connect, OAuth 2 and Descope login flows step by step,\n"
        "generate PKCE values and inspect and verify JWTs."));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Displays help on command-line options."));
    const QCommandLineOption versionOption(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                           QStringLiteral("Displays version information."));
    const QCommandLineOption measureOption(
        QStringLiteral("measure-startup"),
        QStringLiteral("Prints {\"first_paint_ms\", \"rss_mb\", \"cpu_ms\", \"webengine_loaded\", \"sandbox_ready_ms\", \"ready_rss_mb\", \"main_ms\", \"page_faults\"} as "
                       "one JSON line once the main window has painted its first frame and the sandbox serves, then exits."));
    parser.addOption(helpOption);
    parser.addOption(versionOption);
    parser.addOption(measureOption);
    parser.addPositionalArgument(QStringLiteral("url"),
                                 QStringLiteral("A redirect to a private-use URI scheme (RFC 8252 §7.1), as the desktop passes it: handed to the "
                                                "running OIDC Playground of this user, which continues its sign-in."),
                                 QStringLiteral("[url]"));
    // Qt's own options (-platform, -style …) are for QApplication: let them through.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const bool parsed = parser.parse(arguments);
    if (parser.isSet(helpOption)) {
        print(stdout, parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("oidcplay")));
        return 0;
    }
    if (parser.isSet(versionOption)) {
        print(stdout, QStringLiteral("oidcplay %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    const QStringList unknown = parser.unknownOptionNames();
    const QStringList qtOptions = {QStringLiteral("platform"), QStringLiteral("style"), QStringLiteral("stylesheet"),
                                   QStringLiteral("widgetcount"), QStringLiteral("reverse"), QStringLiteral("qwindowgeometry"),
                                   QStringLiteral("qwindowtitle"), QStringLiteral("display")};
    const bool qtOption = !parsed && !unknown.isEmpty()
        && std::all_of(unknown.cbegin(), unknown.cend(), [&qtOptions](const QString &name) { return qtOptions.contains(name); });
    if (!parsed && !qtOption) {
        print(stderr, QStringLiteral("oidcplay: %1\nTry 'oidcplay --help'.\n").arg(parser.errorText()));
        return 2;
    }

    // A redirect from the desktop (Exec=oidcplay %u): to the running app if there is one, before
    // anything needs a display.
    std::optional<QUrl> redirect;
    if (parsed) {
        const QStringList positional = parser.positionalArguments();
        if (positional.size() > 1) {
            print(stderr, QStringLiteral("oidcplay: one redirect URL at most\nTry 'oidcplay --help'.\n"));
            return 2;
        }
        if (!positional.isEmpty()) {
            const QUrl url(positional.first(), QUrl::StrictMode);
            if (const auto scheme = oidc::flow::PrivateUseScheme::parse(url.scheme()); !url.isValid() || !scheme) {
                print(stderr, QStringLiteral("oidcplay: the argument is not a redirect to a private-use URI scheme (RFC 8252 §7.1)%1\n")
                                  .arg(scheme ? QString() : QStringLiteral(": ") + QString::fromStdString(scheme.error().message)));
                return 2;
            }
            const auto answer = ui::SingleInstance::handOver(ui::SingleInstance::defaultServerName(), url);
            if (answer) {
                print(stdout, QStringLiteral("oidcplay: handed the redirect to %1 to the running OIDC Playground: %2\n")
                                  .arg(redirectTarget(url), answer->accepted ? answer->text : QString(QStringLiteral("refused: ") + answer->text)));
                return answer->accepted ? 0 : 1;
            }
            if (answer.error().code != "LISTENER_NO_INSTANCE") {
                print(stderr, QStringLiteral("oidcplay: %1\n").arg(QString::fromStdString(answer.error().message)));
                return 1;
            }
            redirect = url; // no app runs: this process becomes it
        }
    }

    // Qt WebEngine's global share context is created on first use by ui::BrowserLoader, not here
    // (Qt::AA_ShareOpenGLContexts would load the GL stack at start-up).
    // Chromium (inside Qt WebEngine) aborts the whole process when it runs as root with its
    // sandbox on; the embedded browser would take the app down on first use. As root, turn the
    // Chromium sandbox off for this process and say so.
    if (::geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX")) {
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
        print(stderr, QStringLiteral("oidcplay: running as root: the embedded browser's Chromium sandbox is disabled\n"));
    }
    // Fontconfig's set-up and the image plugins' libraries on the second core, while the GUI thread
    // connects to the display; done before the first widget.
    ui::StartupWarmUp warmUp;
    QApplication app(argc, argv);
    ui::keepFillsOnGuiThread(); // Qt's raster fills done here, not handed to its thread pool
    ui::Appearance::prepareApplicationFont();
    QApplication::setApplicationDisplayName(QStringLiteral("OIDC Playground"));
    // The desktop file name ties the windows to the installed entry, whose theme icon the desktop
    // shows (and Wayland's app id).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.oidcplay.OidcPlayground"));

    // Transport, exchange log, profiles and the sandbox: each created on first use.
    ui::AppContext context;
    warmUp.join();
    // The first area's panel is built after the first frame, and the keychain asked.
    ui::MainWindow window(&context);
    // This app receives the private-use scheme redirects the desktop hands to later `oidcplay <url>`
    // processes (one app per user does; a second window started by hand does not). Started by hand,
    // it listens once its first frame is shown, after the other deferred work (installed first, so
    // it runs last): asking whether another app listens and binding the socket is ~1 ms of start-up
    // (issue 7), and no sign-in can wait for a redirect before the window shows. Started by the
    // desktop with a redirect, it listens at once: the next redirect may follow closely.
    ui::SingleInstance instance(context.redirectHandOver());
    const auto listen = [&instance] {
        if (const oidc::Status listening = instance.listen(ui::SingleInstance::defaultServerName()); !listening)
            print(stderr, QStringLiteral("oidcplay: %1\n").arg(QString::fromStdString(listening.error().message)));
    };
    if (redirect)
        listen();
    else
        new ui::FirstPaintWatcher(&window, listen, std::chrono::seconds(3));
    // The window icon from the binary's resources, so the build tree needs no installed theme (16 to
    // 128 px, so 64 px at scale 2): set on the shown window after its first frame (decoding six
    // PNGs is ~2 ms of start-up, issue 7); the window manager follows the change.
    new ui::FirstPaintWatcher(&window, [] {
        QIcon icon;
        for (const int size : {16, 24, 32, 48, 64, 128})
            icon.addFile(QStringLiteral(":/icons/oidcplay-%1.png").arg(size), QSize(size, size));
        QApplication::setWindowIcon(icon);
    }, std::chrono::seconds(3));
    // The sandbox starts after the first frame too, before the panel and the icon (first-paint
    // watchers installed later run first): its key is generated off-thread while the GUI thread
    // builds the panel.
    context.startSandboxAfterFirstPaint(&window);
    std::unique_ptr<ui::StartupProbe> probe;
    if (parser.isSet(measureOption)) {
        // Created last, so it takes its first-frame figures before any deferred work runs.
        probe = std::make_unique<ui::StartupProbe>(&window);
        probe->expectSandbox();
        QObject::connect(&context, &ui::AppContext::sandboxStateChanged, probe.get(),
                         [probe = probe.get()](ui::AppContext::SandboxState state) {
                             if (state == ui::AppContext::SandboxState::Running)
                                 probe->sandboxReady();
                             else if (state == ui::AppContext::SandboxState::Failed)
                                 probe->sandboxFailed();
                         });
    }
    window.show();
    if (redirect) {
        QTimer::singleShot(0, &window, [&window, &instance, url = *redirect] {
            if (const oidc::Status verdict = instance.receive(url); !verdict)
                showUnclaimedRedirect(&window, url, verdict.error());
        });
    }
    return QApplication::exec();
}
