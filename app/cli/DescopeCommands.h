#pragma once

// The groups of `oidcplay-cli descope …` (DescopeCommand.cpp dispatches to them). Each takes the
// subcommand word (empty when the group has none; for mgmt the object and its action words) and
// the arguments after the command words.

#include <QStringList>

#include <utility>
#include <vector>

namespace cli {

int runDescopeSession(const QString &subcommand, const QStringList &arguments);   // DescopeSessionCommands.cpp
int runDescopeAccessKey(const QString &subcommand, const QStringList &arguments);
int runDescopeOtp(const QString &subcommand, const QStringList &arguments);       // DescopeCodeCommands.cpp
int runDescopeMagicLink(const QString &subcommand, const QStringList &arguments);
int runDescopeTotp(const QString &subcommand, const QStringList &arguments);
int runDescopeEnchantedLink(const QString &subcommand, const QStringList &arguments); // DescopeEnchantedLinkCommand.cpp
int runDescopePasskey(const QString &subcommand, const QStringList &arguments);   // DescopePasskeyCommand.cpp
int runDescopeOAuth(const QString &subcommand, const QStringList &arguments);     // DescopeRedirectCommands.cpp
int runDescopeSso(const QString &subcommand, const QStringList &arguments);
// `words` are the object and the action: "tenant create", "user roles add".
int runDescopeMgmt(const QString &words, const QStringList &arguments);           // DescopeMgmtCommand.cpp

// The objects of `descope mgmt` in order, each with its actions ("create", "roles add"…): the
// words DescopeCommand dispatches on, lists in its usage and offers for completion.
[[nodiscard]] const std::vector<std::pair<QString, QStringList>> &managementActions();

} // namespace cli
