// Presentation mode's narration of the Descope areas (oidc/descope/DescopeNarration.h): one plain
// sentence per move, each its own, each naming its area where the move belongs to one.

#include "oidc/descope/DescopeNarration.h"

#include <QSet>

#include <gtest/gtest.h>

namespace oidc::descope {
namespace {

struct NarratedMoveRow final {
    DescopeMove move;
    const char *area; // how the sentence starts: the area's name; "" for a move every area shares
};

constexpr NarratedMoveRow kNarratedMoves[] = {
    {DescopeMove::EnchantedLinkStart, "Enchanted link: "},
    {DescopeMove::EnchantedLinkPolling, "Enchanted link: "},
    {DescopeMove::OtpStart, "OTP: "},
    {DescopeMove::OtpVerify, "OTP: "},
    {DescopeMove::MagicLinkStart, "Magic link: "},
    {DescopeMove::MagicLinkVerify, "Magic link: "},
    {DescopeMove::PasskeyStart, "Passkey: "},
    {DescopeMove::PasskeySign, "Passkey: "},
    {DescopeMove::PasskeyFinish, "Passkey: "},
    {DescopeMove::SocialStart, "Social login: "},
    {DescopeMove::SsoStart, "SSO: "},
    {DescopeMove::SocialBrowser, ""},
    {DescopeMove::SocialExchange, ""},
    {DescopeMove::SignedIn, ""},
    {DescopeMove::Refused, ""},
};

TEST(DescopeNarration, EveryMoveIsOneSentenceOfItsOwnNamingItsArea)
{
    QSet<QString> seen;
    for (const NarratedMoveRow &row : kNarratedMoves) {
        const QString sentence = descopeNarration(row.move);
        SCOPED_TRACE(sentence.toStdString());
        EXPECT_TRUE(sentence.startsWith(QString::fromUtf8(row.area)));
        EXPECT_TRUE(sentence.at(0).isUpper());
        EXPECT_TRUE(sentence.endsWith(QLatin1Char('.')));
        EXPECT_FALSE(sentence.chopped(1).contains(QStringLiteral(". ")));
        EXPECT_LE(sentence.size(), 160);
        seen.insert(sentence);
    }
    EXPECT_EQ(seen.size(), static_cast<qsizetype>(std::size(kNarratedMoves)));
}

TEST(DescopeNarration, TheSocialCodeWorksOnce)
{
    EXPECT_TRUE(descopeNarration(DescopeMove::SocialExchange).contains(QStringLiteral("only once")));
    EXPECT_TRUE(descopeNarration(DescopeMove::PasskeySign).contains(QStringLiteral("never leaves")));
}

} // namespace
} // namespace oidc::descope
