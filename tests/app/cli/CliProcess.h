#pragma once

// Running oidcplay-cli as scripts do: the real binary as a process, its stdout, stderr and exit code.

#include "oidc/Json.h"

#include <gtest/gtest.h>

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

#include <string>

namespace cli::test {

struct CliRun {
    int exitCode = -1;
    std::string out;
    std::string err;
    [[nodiscard]] oidc::Json json() const { return oidc::Json::parse(out); }
};

// Waits for the process to end (30 s at most) and collects what it printed.
inline CliRun collect(QProcess &process)
{
    EXPECT_TRUE(process.waitForFinished(30000));
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput().toStdString(),
            process.readAllStandardError().toStdString()};
}

// `environment`: the child's whole environment (default: this process's).
inline CliRun runCli(const QStringList &arguments, const QByteArray &input = {},
                     const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QString::fromUtf8(OIDCPLAY_CLI), arguments);
    EXPECT_TRUE(process.waitForStarted(10000));
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    return collect(process);
}

} // namespace cli::test
