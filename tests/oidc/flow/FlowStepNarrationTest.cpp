// Presentation mode's narration of the flow's steps (oidc/flow/FlowStep.h): the nine login steps
// numbered as the flow page lists them, each one plain sentence; the session's actions unnumbered.

#include "oidc/flow/FlowStep.h"

#include <QSet>

#include <span>

#include <gtest/gtest.h>

namespace oidc::flow {
namespace {

constexpr FlowStep kNarratedLoginSteps[] = {FlowStep::Discovery, FlowStep::Keys,    FlowStep::Prepare, FlowStep::Authorize, FlowStep::Browser,
                                    FlowStep::Callback,  FlowStep::Token,   FlowStep::IdToken, FlowStep::UserInfo};
constexpr FlowStep kNarratedOtherSteps[] = {FlowStep::Refresh, FlowStep::Revoke, FlowStep::Logout, FlowStep::ClientCredentials};

// One sentence: ends with a full stop, no other sentence end, no line break, short enough for one
// or two lines at presentation size.
void expectOneNarrationSentence(const QString &sentence)
{
    EXPECT_TRUE(sentence.endsWith(QLatin1Char('.'))) << sentence.toStdString();
    EXPECT_FALSE(sentence.chopped(1).contains(QStringLiteral(". "))) << sentence.toStdString();
    EXPECT_FALSE(sentence.contains(QLatin1Char('\n')));
    EXPECT_LE(sentence.size(), 160) << sentence.toStdString();
}

TEST(FlowStepNarration, LoginStepsAreNumberedOneToNineInTheFlowPagesOrder)
{
    int expected = 1;
    for (const FlowStep step : kNarratedLoginSteps) {
        EXPECT_EQ(loginStepNumber(step), expected);
        const QString narration = flowStepNarration(step);
        EXPECT_TRUE(narration.startsWith(QStringLiteral("Step %1 of 9: ").arg(expected))) << narration.toStdString();
        expectOneNarrationSentence(narration);
        ++expected;
    }
    EXPECT_EQ(expected - 1, kLoginStepCount);
}

TEST(FlowStepNarration, SessionActionsAndClientCredentialsAreNotNumbered)
{
    for (const FlowStep step : kNarratedOtherSteps) {
        EXPECT_EQ(loginStepNumber(step), 0);
        const QString narration = flowStepNarration(step);
        EXPECT_FALSE(narration.startsWith(QStringLiteral("Step "))) << narration.toStdString();
        EXPECT_TRUE(narration.at(0).isUpper()) << narration.toStdString();
        expectOneNarrationSentence(narration);
    }
}

TEST(FlowStepNarration, EveryStepSaysSomethingOfItsOwn)
{
    QSet<QString> seen;
    for (const auto &steps : {std::span<const FlowStep>(kNarratedLoginSteps), std::span<const FlowStep>(kNarratedOtherSteps)})
        for (const FlowStep step : steps)
            seen.insert(flowStepNarration(step));
    EXPECT_EQ(seen.size(), static_cast<qsizetype>(std::size(kNarratedLoginSteps) + std::size(kNarratedOtherSteps)));
}

TEST(FlowStepNarration, TheCallbackIsTheCodeComingBackAndTheStateCheck)
{
    EXPECT_EQ(flowStepNarration(FlowStep::Callback),
              QStringLiteral("Step 6 of 9: the browser brings the user back to the app with a one-time code; the app checks that the state matches."));
    EXPECT_TRUE(flowStepNarration(FlowStep::Token).contains(QStringLiteral("PKCE secret")));
    EXPECT_TRUE(flowStepNarration(FlowStep::IdToken).contains(QStringLiteral("nonce")));
}

} // namespace
} // namespace oidc::flow
