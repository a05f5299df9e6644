#pragma once

// The groups of `oidcplay-cli descope …` (DescopeCommand.cpp dispatches to them). Each takes the
// subcommand word (empty when the group has none) and the arguments after the command words.

#include <QStringList>

namespace cli {

int runDescopeSession(const QString &subcommand, const QStringList &arguments);   // DescopeSessionCommands.cpp
int runDescopeAccessKey(const QString &subcommand, const QStringList &arguments);
int runDescopeOtp(const QString &subcommand, const QStringList &arguments);       // DescopeCodeCommands.cpp
int runDescopeMagicLink(const QString &subcommand, const QStringList &arguments);
int runDescopeTotp(const QString &subcommand, const QStringList &arguments);
int runDescopeEnchantedLink(const QString &subcommand, const QStringList &arguments); // DescopeEnchantedLinkCommand.cpp
int runDescopePasskey(const QString &subcommand, const QStringList &arguments);   // DescopePasskeyCommand.cpp

} // namespace cli
