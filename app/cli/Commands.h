#pragma once

// One function per oidcplay-cli command. Each takes the arguments after the command name,
// prints machine output on stdout and errors on stderr, and returns the process exit code.

#include <QStringList>

namespace cli {

int runPkce(const QStringList &arguments);
int runDecode(const QStringList &arguments);
int runVerify(const QStringList &arguments);
int runDiscover(const QStringList &arguments);  // FlowCommands.cpp
int runLogin(const QStringList &arguments);
int runToken(const QStringList &arguments);
int runUserInfo(const QStringList &arguments);
int runRevoke(const QStringList &arguments);
int runLogoutUrl(const QStringList &arguments);
int runSandbox(const QStringList &arguments); // app/cli/SandboxCommand.cpp
int runDescope(const QStringList &arguments);  // DescopeCommand.cpp
int runCompletions(const QStringList &arguments); // CompletionsCommand.cpp
int runHar(const QStringList &arguments);      // HarCommand.cpp
int runReplay(const QStringList &arguments);   // ReplayCommand.cpp

} // namespace cli
