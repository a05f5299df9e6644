#pragma once

// What `replay` changes in `login` (FlowCommands.cpp): who plays the browser, who records the
// run, and whether login prints its own result. `login` itself runs with the defaults.

#include "BrowserRedirect.h"

#include "oidc/recording/Recorder.h"

#include <QStringList>

#include <functional>

namespace cli {

struct LoginHooks final {
    // The browser's leg once the listener runs: given the authorize URL, the redirect back (or the
    // error that ended the wait). Empty: the system browser, or --no-browser's printed URL.
    std::function<oidc::Result<QUrl>(BrowserRedirect &browser, const QString &authorizeUrl)> browser;
    // Records the run's steps, exchanges and outcome (replay compares it with the recording).
    oidc::recording::Recorder *recorder = nullptr;
    // No result on stdout: the caller prints its own report.
    bool quiet = false;
};

// `login` with `hooks`; `arguments` are login's own.
int runLoginWith(const QStringList &arguments, const LoginHooks &hooks);

} // namespace cli
