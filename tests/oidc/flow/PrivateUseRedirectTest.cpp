// The private-use URI scheme redirect (RFC 8252 §7.1): the scheme's rules (PrivateUseScheme), and
// RedirectWait's third mode fed through a RedirectHandOver as the app's single-instance guard
// feeds it, judged by the core's validateCallback (rp-checks A1–A6) as FlowRunner judges it.

#include "FlowFixtures.h"

#include "oidc/flow/AuthorizationRequest.h"
#include "oidc/flow/PrivateUseScheme.h"
#include "oidc/flow/RedirectHandOver.h"
#include "oidc/flow/RedirectWait.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

namespace {

using namespace oidc;
using namespace oidc::flow;

// ---- PrivateUseScheme ----

struct SchemeRow {
    const char *name;
    const char *scheme;
    const char *code; // expected error code, "" when valid
};

class PrivateUseSchemeRules : public ::testing::TestWithParam<SchemeRow> {};

TEST_P(PrivateUseSchemeRules, Validates)
{
    const SchemeRow &row = GetParam();
    const auto parsed = PrivateUseScheme::parse(QString::fromUtf8(row.scheme));
    if (std::string(row.code).empty()) {
        ASSERT_TRUE(parsed.ok()) << parsed.error().summary();
        EXPECT_EQ(parsed->name(), QString::fromUtf8(row.scheme));
    } else {
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.error().category, ErrorCategory::Input);
        EXPECT_EQ(parsed.error().code, row.code);
        EXPECT_FALSE(parsed.error().message.empty());
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rfc8252_7_1, PrivateUseSchemeRules,
    ::testing::Values(SchemeRow{"Default", PrivateUseScheme::kDefault, ""}, SchemeRow{"ReverseDomain", "com.example.oidcplay", ""},
                      SchemeRow{"DigitsPlusMinus", "com.example-2.app+test", ""}, SchemeRow{"Empty", "", "SCHEME_EMPTY"},
                      SchemeRow{"NoDot", "oidcplay", "SCHEME_NOT_REVERSE_DOMAIN"},
                      SchemeRow{"EmptyLabel", "com..oidcplay", "SCHEME_NOT_REVERSE_DOMAIN"},
                      SchemeRow{"TrailingDot", "com.oidcplay.", "SCHEME_NOT_REVERSE_DOMAIN"},
                      SchemeRow{"UpperCase", "com.Example.app", "SCHEME_CASE"}, SchemeRow{"DigitFirst", "1com.example", "SCHEME_CHARS"},
                      SchemeRow{"DotFirst", ".com.example", "SCHEME_CHARS"}, SchemeRow{"Underscore", "com.ex_ample", "SCHEME_CHARS"},
                      SchemeRow{"Colon", "com.example:", "SCHEME_CHARS"}, SchemeRow{"NonAscii", "com.exämple", "SCHEME_CHARS"},
                      SchemeRow{"TooLong", "com.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                                   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                                "SCHEME_TOO_LONG"}),
    [](const auto &rowInfo) { return std::string(rowInfo.param.name); });

TEST(PrivateUseScheme, RedirectUriHasOneSlashAndNoAuthority)
{
    const auto scheme = PrivateUseScheme::parse(QStringLiteral("io.github.oidcplay"));
    ASSERT_TRUE(scheme.ok());
    EXPECT_EQ(scheme->redirectUri(QStringLiteral("/callback")), QStringLiteral("io.github.oidcplay:/callback"));
    EXPECT_TRUE(PrivateUseScheme::checkPath(QStringLiteral("/callback")).ok());
    EXPECT_EQ(PrivateUseScheme::checkPath(QStringLiteral("//callback")).error().code, "SCHEME_PATH");
    EXPECT_EQ(PrivateUseScheme::checkPath(QStringLiteral("callback")).error().code, "SCHEME_PATH");

    const QString path = QStringLiteral("/callback");
    EXPECT_TRUE(scheme->matches(QUrl(QStringLiteral("io.github.oidcplay:/callback?code=c&state=s")), path));
    EXPECT_FALSE(scheme->matches(QUrl(QStringLiteral("io.github.oidcplay://callback?code=c")), path)); // an authority
    EXPECT_FALSE(scheme->matches(QUrl(QStringLiteral("io.github.oidcplay:/other?code=c")), path));
    EXPECT_FALSE(scheme->matches(QUrl(QStringLiteral("com.example.oidcplay:/callback?code=c")), path));
    EXPECT_FALSE(scheme->matches(QUrl(QStringLiteral("http://127.0.0.1/callback?code=c")), path));
    EXPECT_FALSE(scheme->matches(QUrl(QStringLiteral("io.github.oidcplay:/callback?code=c#frag")), path));
}

// ---- RedirectWait, private-use mode ----

// A wait for io.github.oidcplay:/callback judged as FlowRunner judges: validateCallback against a
// pending request; a callback without our state is stray (the wait goes on), one with it ends it.
struct SchemeWait final {
    RedirectHandOver handOver;
    RedirectWait wait;
    PendingAuthorization pending = flowtest::pendingFor(false);
    int judged = 0;
    std::vector<Result<QUrl>> finished; // what the wait reported, in order

    SchemeWait()
    {
        QObject::connect(&wait, &RedirectWait::finished, [this](const Result<QUrl> &outcome) { finished.push_back(outcome); });
    }

    Status start(const QString &scheme = QStringLiteral("io.github.oidcplay"), int timeoutMs = 60000)
    {
        pending.redirectUri = scheme + QStringLiteral(":/callback");
        return wait.awaitPrivateUse(handOver, scheme, QStringLiteral("/callback"), timeoutMs, [this](const QUrl &url) {
            ++judged;
            const CallbackValidation validation = validateCallback(url, pending);
            if (validation.ok())
                return RedirectWait::Verdict::accepted();
            return validation.answersRequest ? RedirectWait::Verdict::refused(*validation.error) : RedirectWait::Verdict::stray(*validation.error);
        });
    }
};

TEST(RedirectWaitPrivateUse, InvalidSchemeIsRefusedBeforeAnyWait)
{
    SchemeWait f;
    const Status started = f.start(QStringLiteral("oidcplay"));
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, "SCHEME_NOT_REVERSE_DOMAIN");
    EXPECT_FALSE(f.wait.isWaiting());
    EXPECT_FALSE(f.handOver.hasWaits());
    EXPECT_EQ(f.handOver.offer(QUrl(QStringLiteral("oidcplay:/callback?code=abc&state=s1"))).error().code, "LISTENER_NOT_WAITING");
}

TEST(RedirectWaitPrivateUse, HandedOverCallbackWithOurStateEndsTheWait)
{
    SchemeWait f;
    const auto &finished = f.finished;
    ASSERT_TRUE(f.start().ok());
    EXPECT_TRUE(f.wait.isWaiting());
    EXPECT_EQ(f.wait.mode(), RedirectWait::Mode::PrivateUse);
    EXPECT_EQ(f.wait.redirectUri(), QStringLiteral("io.github.oidcplay:/callback"));
    EXPECT_TRUE(f.handOver.hasWaits());

    const QUrl callback(QStringLiteral("io.github.oidcplay:/callback?code=abc&state=s1"));
    ASSERT_TRUE(f.handOver.offer(callback).ok());
    ASSERT_EQ(finished.size(), 1);
    const Result<QUrl> &outcome = finished.at(0);
    ASSERT_TRUE(outcome.ok());
    EXPECT_EQ(*outcome, callback);
    EXPECT_FALSE(f.wait.isWaiting());
    EXPECT_FALSE(f.handOver.hasWaits());
    // Over: a second hand-over finds nothing waiting.
    EXPECT_EQ(f.handOver.offer(callback).error().code, "LISTENER_NOT_WAITING");
}

TEST(RedirectWaitPrivateUse, ForeignStateIsRefusedAndTheWaitGoesOn)
{
    SchemeWait f;
    const auto &finished = f.finished;
    ASSERT_TRUE(f.start().ok());
    const Status forged = f.handOver.offer(QUrl(QStringLiteral("io.github.oidcplay:/callback?code=stolen&state=attacker")));
    ASSERT_FALSE(forged.ok());
    EXPECT_EQ(forged.error().code, "AUTHZ_STATE_MISMATCH"); // rp-checks A1
    EXPECT_EQ(finished.size(), 0);
    EXPECT_TRUE(f.wait.isWaiting());
    ASSERT_TRUE(f.handOver.offer(QUrl(QStringLiteral("io.github.oidcplay:/callback?code=abc&state=s1"))).ok());
    EXPECT_EQ(finished.size(), 1);
}

TEST(RedirectWaitPrivateUse, ProviderErrorWithOurStateEndsTheWaitWithIt)
{
    SchemeWait f;
    const auto &finished = f.finished;
    ASSERT_TRUE(f.start().ok());
    const Status denied = f.handOver.offer(QUrl(QStringLiteral("io.github.oidcplay:/callback?error=access_denied&state=s1")));
    ASSERT_FALSE(denied.ok());
    ASSERT_EQ(finished.size(), 1);
    const Result<QUrl> &outcome = finished.at(0);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, denied.error().code);
    EXPECT_EQ(outcome.error().category, ErrorCategory::Authz);
}

TEST(RedirectWaitPrivateUse, OtherSchemesAndPathsNeverReachTheJudge)
{
    SchemeWait f;
    QSignalSpy notes(&f.wait, &RedirectWait::note);
    ASSERT_TRUE(f.start().ok());
    // Another scheme: no wait is for it.
    EXPECT_EQ(f.handOver.offer(QUrl(QStringLiteral("com.example.oidcplay:/callback?code=abc&state=s1"))).error().code, "LISTENER_NOT_WAITING");
    // The scheme with another path, or an authority: refused by the wait, which goes on.
    EXPECT_EQ(f.handOver.offer(QUrl(QStringLiteral("io.github.oidcplay:/other?code=abc&state=s1"))).error().code, "LISTENER_FOREIGN_REDIRECT");
    EXPECT_EQ(f.handOver.offer(QUrl(QStringLiteral("io.github.oidcplay://callback?code=abc&state=s1"))).error().code,
              "LISTENER_FOREIGN_REDIRECT");
    // deliver() (a pasted URL) applies the same rule.
    EXPECT_EQ(f.wait.deliver(QUrl(QStringLiteral("http://127.0.0.1/callback?code=abc&state=s1"))).error().code, "LISTENER_FOREIGN_REDIRECT");
    EXPECT_EQ(f.judged, 0);
    EXPECT_EQ(notes.size(), 3);
    for (const QList<QVariant> &note : notes)
        EXPECT_FALSE(note.at(0).toString().contains(QStringLiteral("code=abc"))) << note.at(0).toString().toStdString(); // no secrets in notes
    EXPECT_TRUE(f.wait.isWaiting());
}

TEST(RedirectWaitPrivateUse, TimeoutAndCancelEndTheHandOver)
{
    SchemeWait f;
    const auto &finished = f.finished;
    ASSERT_TRUE(f.start(QStringLiteral("io.github.oidcplay"), 50).ok());
    ASSERT_TRUE(QTest::qWaitFor([&finished] { return !finished.empty(); }, 5000));
    const Result<QUrl> &outcome = finished.at(0);
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.error().code, "LISTENER_TIMEOUT");
    EXPECT_FALSE(f.handOver.hasWaits());

    ASSERT_TRUE(f.start().ok());
    f.wait.cancel();
    EXPECT_FALSE(f.handOver.hasWaits());
    EXPECT_EQ(f.handOver.offer(QUrl(QStringLiteral("io.github.oidcplay:/callback?code=abc&state=s1"))).error().code, "LISTENER_NOT_WAITING");
    EXPECT_EQ(f.judged, 0);
}

TEST(RedirectWaitPrivateUse, ADestroyedWaitLeavesTheHandOver)
{
    RedirectHandOver handOver;
    {
        RedirectWait wait;
        ASSERT_TRUE(wait.awaitPrivateUse(handOver, QStringLiteral("io.github.oidcplay"), QStringLiteral("/callback"), 60000,
                                         [](const QUrl &) { return RedirectWait::Verdict::accepted(); })
                        .ok());
        EXPECT_TRUE(handOver.hasWaits());
    }
    EXPECT_FALSE(handOver.hasWaits());
    EXPECT_EQ(handOver.offer(QUrl(QStringLiteral("io.github.oidcplay:/callback?code=abc"))).error().code, "LISTENER_NOT_WAITING");
}

} // namespace
