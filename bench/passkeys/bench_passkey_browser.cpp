// bench_passkey_browser: the system-browser passkey ceremony's page in headless Chromium (issue 10),
// from the moment the page is opened to the moment it posts its credential back to the app's
// loopback listener (oidc::webauthn::BrowserCeremony), measured by tests/node/passkey-chromium.mjs
// in the browser's process. One browser, one tab and one CDP virtual authenticator (ctap2,
// internal, resident key, user verification) for the run: one registration, then N sign-ins
// (assertions for fresh challenges). Baseline in the same run: a bare page on a loopback server
// that posts back as soon as it runs (the cost of opening a page and a fetch, without WebAuthn).
// Printed, never asserted: median and worst of each. The server's verdict is not part of the
// figure (tests/ui/descope/tst_passkeys_browser.cpp has the sandbox accept the same page's answers).
//
//   bench_passkey_browser [--smoke] [--signins N]

#include "oidc/Json.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Random.h"
#include "oidc/net/LocalHttpServer.h"
#include "oidc/webauthn/BrowserCeremony.h"

#include "tests/support/PasskeyChromium.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace {

using oidc::Json;
using oidc::test::PasskeyChromium;
using oidc::test::spinUntil;

// Opens `url` in Chromium; the page's open → post time in ms, or nullopt.
std::optional<double> openToPost(PasskeyChromium &chromium, const QUrl &url)
{
    chromium.open(url);
    const QJsonObject result = chromium.nextResult();
    if (!result.value(QStringLiteral("ok")).toBool()) {
        std::fprintf(stderr, "ceremony failed: %s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        return std::nullopt;
    }
    return result.value(QStringLiteral("openToPostMs")).toDouble();
}

std::string randomB64(size_t bytes)
{
    return oidc::crypto::base64UrlEncode(oidc::crypto::randomBytes(bytes).value());
}

// One ceremony page for `options`; the credential JSON it posted, and the open → post time.
struct Ceremony final {
    std::string credential;
    std::optional<double> ms;
};

Ceremony runCeremony(PasskeyChromium &chromium, const std::function<Json(const std::string &origin)> &options, bool create)
{
    oidc::webauthn::BrowserCeremony ceremony;
    Ceremony result;
    QObject::connect(&ceremony, &oidc::webauthn::BrowserCeremony::completed, [&](const std::string &json) { result.credential = json; });
    QObject::connect(&ceremony, &oidc::webauthn::BrowserCeremony::failed,
                     [](const oidc::Error &error) { std::fprintf(stderr, "%s\n", error.summary().c_str()); });
    if (!ceremony.open() || !ceremony.serve(Json{{"publicKey", options(ceremony.origin())}}.dump(), create))
        return result;
    result.ms = openToPost(chromium, ceremony.pageUrl());
    spinUntil([&] { return !result.credential.empty(); }, 2000);
    if (result.credential.empty())
        result.ms.reset();
    return result;
}

// The baseline page: it posts as soon as its script runs.
std::optional<double> bareRound(PasskeyChromium &chromium)
{
    bool posted = false;
    oidc::net::LocalHttpServer server([&](const oidc::net::LocalHttpRequest &request, oidc::net::LocalHttpResponder responder) {
        if (request.method() == "POST" && request.path() == "/bare/result") {
            posted = true;
            responder.respond(oidc::net::LocalHttpResponse::text(200, "{}", "application/json"));
            return;
        }
        responder.respond(oidc::net::LocalHttpResponse::text(
            200,
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>bare</title></head><body><script>"
            "fetch('/bare/result',{method:'POST',headers:{'Content-Type':'application/json'},body:'{}'});</script></body></html>",
            "text/html; charset=utf-8"));
    });
    if (!server.listen(0))
        return std::nullopt;
    const auto ms = openToPost(chromium, QUrl(QStringLiteral("http://localhost:%1/bare").arg(server.port())));
    spinUntil([&] { return posted; }, 2000);
    return posted ? ms : std::nullopt;
}

void print(const char *what, std::vector<double> values)
{
    if (values.empty()) {
        std::printf("  %-34s no figures\n", what);
        return;
    }
    std::sort(values.begin(), values.end());
    std::printf("  %-34s median %7.1f ms   worst %7.1f ms   (n=%zu)\n", what, values[values.size() / 2], values.back(), values.size());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    int signIns = 20;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--smoke") == 0) {
            signIns = 2;
        } else if (std::strcmp(argv[i], "--signins") == 0 && i + 1 < argc) {
            signIns = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: bench_passkey_browser [--smoke] [--signins N]\n");
            return 2;
        }
    }
    PasskeyChromium chromium;
    if (!chromium.isReady()) {
        // Figures need a browser; where none starts there are none, and the smoke run says so.
        std::printf("bench_passkey_browser: skipped: %s\n", qPrintable(chromium.skipReason()));
        return 0;
    }
    std::printf("bench_passkey_browser: %s headless, CDP virtual authenticator, %d sign-ins\n", qPrintable(chromium.version()), signIns);

    const std::string userId = randomB64(16);
    const Ceremony registration = runCeremony(
        chromium,
        [&](const std::string &) {
            return Json{{"challenge", randomB64(32)},
                        {"rp", {{"id", "localhost"}, {"name", "bench"}}},
                        {"user", {{"id", userId}, {"name", "bench@example.com"}, {"displayName", "Bench"}}},
                        {"pubKeyCredParams", {{{"type", "public-key"}, {"alg", -7}}}},
                        {"authenticatorSelection", {{"residentKey", "preferred"}, {"userVerification", "preferred"}}},
                        {"timeout", 60000}};
        },
        true);
    if (!registration.ms) {
        std::fprintf(stderr, "the registration failed\n");
        return 1;
    }
    const std::string credentialId = Json::parse(registration.credential).value("rawId", std::string());

    std::vector<double> pageMs;
    std::vector<double> bareMs;
    // Alternating rounds: the baseline sees the same browser state and machine load.
    for (int round = 0; round < signIns; ++round) {
        if (const auto bare = bareRound(chromium))
            bareMs.push_back(*bare);
        const Ceremony signIn = runCeremony(
            chromium,
            [&](const std::string &) {
                return Json{{"challenge", randomB64(32)},
                            {"rpId", "localhost"},
                            {"allowCredentials", {{{"type", "public-key"}, {"id", credentialId}}}},
                            {"userVerification", "preferred"},
                            {"timeout", 60000}};
            },
            false);
        if (signIn.ms)
            pageMs.push_back(*signIn.ms);
    }
    std::printf("page opened → result posted (timed by the DevTools client, passkey-chromium.mjs):\n");
    std::printf("  %-34s %7.1f ms\n", "registration (first page)", *registration.ms);
    print("sign-in ceremony page", pageMs);
    print("baseline: bare page that posts", bareMs);
    if (!pageMs.empty() && !bareMs.empty()) {
        std::sort(pageMs.begin(), pageMs.end());
        std::sort(bareMs.begin(), bareMs.end());
        std::printf("  ratio of medians (ceremony / bare): %.2f\n", pageMs[pageMs.size() / 2] / bareMs[bareMs.size() / 2]);
    }
    return pageMs.size() == static_cast<size_t>(signIns) ? 0 : 1;
}
