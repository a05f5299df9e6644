#pragma once

// oidcplay-cli's command words as data. main.cpp dispatches through commands(),
// DescopeCommand.cpp through descopeGroups(), and `oidcplay-cli completions` generates the shell
// completions from the same two tables, so a new command or group is completed without a second
// list to keep in step.

#include <QStringList>

#include <functional>
#include <map>

namespace cli {

struct Command final {
    std::function<int(const QStringList &)> run;
    const char *summary;
};

// Every top-level command (main.cpp).
[[nodiscard]] const std::map<QString, Command> &commands();

struct DescopeGroup final {
    std::function<int(const QString &, const QStringList &)> run;
    QStringList subcommands; // empty: the group takes none
    // For a subcommand that takes action words after it (mgmt's objects): those actions, one or
    // two words each ("create", "roles add"); the group's run gets "<subcommand> <action>".
    std::map<QString, QStringList> actions;
};

// The groups of `oidcplay-cli descope …` (DescopeCommand.cpp).
[[nodiscard]] const std::map<QString, DescopeGroup> &descopeGroups();

} // namespace cli
