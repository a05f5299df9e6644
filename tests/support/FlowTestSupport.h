#pragma once

// Shared by the flow-page tests and the GUI benchmark: an AppContext on a temporary settings file
// and browser storage, the built-in sandbox started in-process (as the app does), and the sandbox's
// fault injection over HTTP (POST /sandbox/faults, as QA would use it).

#include "ui/AppContext.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace testsupport {

struct TestApp final {
    QTemporaryDir dir;
    std::unique_ptr<ui::AppContext> context;
};

// A context whose settings and browser storage live in a temporary directory.
[[nodiscard]] std::unique_ptr<TestApp> makeTestApp();
// Starts the sandbox as the app does (startSandbox, key generation off-thread) and waits for it.
[[nodiscard]] bool startSandbox(ui::AppContext &context, int timeoutMs = 30000);
// POSTs `json` to the sandbox's admin route `path` (e.g. /sandbox/clock) and waits for the answer;
// the HTTP status (0 on failure). postFault: to /sandbox/faults.
int postSandboxAdmin(const QUrl &sandboxBaseUrl, const QString &path, const QByteArray &json);
int postFault(const QUrl &sandboxBaseUrl, const QByteArray &json);
// The stop prefix for a URL the flow opens: its redirect_uri or post_logout_redirect_uri.
[[nodiscard]] QString redirectTarget(const QUrl &url);

} // namespace testsupport
