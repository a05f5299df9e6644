// oidcplay-cli sandbox [--port N] [--fixtures FILE] [--json] [--verbose]
//
// Runs the built-in sandbox provider on 127.0.0.1 until SIGINT or SIGTERM. With --json it
// prints exactly one JSON line on stdout (baseUrl, projectId, issuer, discoveryUrl, demo users,
// OIDC clients, access keys with their sandbox-only secrets) so scripts can read it; without,
// a summary for people. The signal reaches the Qt event loop through InterruptWatch.

#include "Commands.h"
#include "InterruptWatch.h"

#include "sandbox/Inbox.h"
#include "sandbox/SandboxServer.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>
#include <string>

namespace cli {

namespace {

constexpr const char *kUsage =
    "usage: oidcplay-cli sandbox [--port N] [--fixtures FILE] [--json] [--verbose]\n"
    "\n"
    "Runs the built-in sandbox provider (Descope API and OIDC endpoints) on 127.0.0.1 until\n"
    "SIGINT or SIGTERM. It never listens on another address.\n"
    "\n"
    "  --port N          port on 127.0.0.1 (default 0: a free port)\n"
    "  --fixtures FILE   fixtures JSON (default: $OIDCPLAY_SANDBOX_FIXTURES, else the built-in file)\n"
    "  --json            print one JSON line: baseUrl, projectId, issuer, discoveryUrl, users,\n"
    "                    clients, accessKeys, managementKey (sandbox-only secrets)\n"
    "  --verbose         log every request (method, path, status, time) on stderr\n"
    "  -h, --help        this help\n";

void print(std::FILE *stream, const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stream);
    std::fflush(stream);
}

std::string summary(const oidc::Json &info)
{
    std::string text = "OIDC Playground sandbox on " + info.value("baseUrl", std::string()) + "\n";
    text += "  issuer:        " + info.value("issuer", std::string()) + "\n";
    text += "  discovery:     " + info.value("discoveryUrl", std::string()) + "\n";
    text += "  project ID:    " + info.value("projectId", std::string()) + "\n";
    text += "  inbox:         " + info.value("inboxUrl", std::string()) + "\n";
    text += "  demo users:\n";
    for (const auto &user : info["users"])
        text += "    " + user["loginIds"][0].get<std::string>() + "  (" + user.value("name", std::string()) + ")\n";
    text += "  OIDC clients:\n";
    for (const auto &client : info["clients"]) {
        text += "    " + client.value("clientId", std::string()) + "  " + client.value("type", std::string());
        if (client.contains("clientSecret"))
            text += ", secret " + client["clientSecret"].get<std::string>();
        text += "\n";
    }
    text += "  access keys (sandbox-only):\n";
    for (const auto &key : info["accessKeys"])
        text += "    " + key.value("name", std::string()) + ": " + key.value("accessKey", std::string()) + "\n";
    text += "  management key (sandbox-only): " + info.value("managementKey", std::string()) + "\n";
    text += "Press Ctrl+C to stop.\n";
    return text;
}

} // namespace

int runSandbox(const QStringList &arguments)
{
    quint16 port = 0;
    QString fixtures;
    bool json = false;
    bool verbose = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("-h") || argument == QLatin1String("--help")) {
            print(stdout, kUsage);
            return 0;
        }
        if (argument == QLatin1String("--json")) {
            json = true;
        } else if (argument == QLatin1String("--verbose")) {
            verbose = true;
        } else if (argument == QLatin1String("--port") || argument.startsWith(QLatin1String("--port="))) {
            QString value;
            if (argument.startsWith(QLatin1String("--port=")))
                value = argument.mid(7);
            else if (i + 1 < arguments.size())
                value = arguments.at(++i);
            bool ok = false;
            const uint parsed = value.toUInt(&ok);
            if (!ok || parsed > 65535) {
                print(stderr, "oidcplay-cli sandbox: --port needs a number from 0 to 65535\n");
                return 2;
            }
            port = static_cast<quint16>(parsed);
        } else if (argument == QLatin1String("--fixtures") || argument.startsWith(QLatin1String("--fixtures="))) {
            if (argument.startsWith(QLatin1String("--fixtures=")))
                fixtures = argument.mid(11);
            else if (i + 1 < arguments.size())
                fixtures = arguments.at(++i);
            if (fixtures.isEmpty()) {
                print(stderr, "oidcplay-cli sandbox: --fixtures needs a file\n");
                return 2;
            }
        } else {
            print(stderr, "oidcplay-cli sandbox: unknown argument " + argument.toStdString() + "\n" + kUsage);
            return 2;
        }
    }

    std::unique_ptr<QCoreApplication> ownApplication;
    if (!QCoreApplication::instance()) {
        static int argc = 1;
        static char name[] = "oidcplay-cli";
        static char *argv[] = {name, nullptr};
        ownApplication = std::make_unique<QCoreApplication>(argc, argv);
    }

    InterruptWatch interrupts([] { QCoreApplication::quit(); });
    if (!interrupts.ok()) {
        print(stderr, "oidcplay-cli sandbox: cannot create the signal socketpair\n");
        return 1;
    }

    int exitCode = 0;
    {
        sandbox::SandboxOptions options;
        options.fixturesPath = fixtures;
        sandbox::SandboxServer server(options);
        if (auto started = server.start(port); !started) {
            print(stderr, "oidcplay-cli sandbox: " + started.error().summary() + "\n");
            exitCode = 1;
        } else {
            if (verbose) {
                QObject::connect(&server, &sandbox::SandboxServer::requestHandled, &server, [](const sandbox::RequestRecord &record) {
                    print(stderr, record.method.toStdString() + " " + record.path.toStdString() + " → " + std::to_string(record.status) + " ("
                                      + std::to_string(record.elapsedUs / 1000) + " ms"
                                      + (record.faults.isEmpty() ? std::string() : ", fault " + record.faults.toStdString()) + ")\n");
                });
                QObject::connect(&server.inbox(), &sandbox::Inbox::messageAdded, &server, [](const sandbox::InboxMessage &message) {
                    print(stderr, "inbox: " + message.kind + " for " + message.loginId + "\n");
                });
            }
            const oidc::Json info = server.describe();
            print(stdout, json ? info.dump(-1, ' ', false, oidc::Json::error_handler_t::replace) + "\n" : summary(info));
            QCoreApplication::exec();
            server.stop();
        }
    }
    return exitCode;
}

} // namespace cli
