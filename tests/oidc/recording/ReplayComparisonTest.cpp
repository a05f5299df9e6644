// A replay compared with its recording, step by step and check by check, and the report as JUnit
// XML (read back by Qt's XML parser, whatever the texts hold) and JSON.

#include "oidc/recording/ReplayComparison.h"
#include "oidc/recording/ReplayReportWriter.h"

#include <gtest/gtest.h>

#include <QXmlStreamReader>

namespace {

using namespace oidc;
using namespace oidc::recording;

Recording greenRun()
{
    Recording run;
    run.steps = {{"Discovery", "discovery", {}, true, {}, {}, {}, {}},
                 {"Callback", "callback", {}, true, {}, {}, {}, {{"state", "pass", {}, {}, {}}, {"iss", "pass", {}, {}, {}}}},
                 {"Token", "token", {}, true, {}, {}, {}, {}},
                 {"IdToken", "ID token", {}, true, {}, {}, {}, {{"nonce", "pass", {}, {}, {}}, {"aud", "pass", {}, {}, {}}}},
                 {"UserInfo", "userinfo", {}, true, {}, {}, {}, {}}};
    run.outcome = RecordedOutcome{true, {}, {}, {}};
    return run;
}

// The same run where the sandbox answered with a token for another nonce.
Recording nonceFaultRun()
{
    Recording run = greenRun();
    run.steps[3].ok = false;
    run.steps[3].errorCategory = "IDT";
    run.steps[3].errorCode = "NONCE_MISMATCH";
    run.steps[3].checks[0] = {"nonce", "fail", "NONCE_MISMATCH", {}, {}};
    run.steps.pop_back(); // no userinfo after a refused token
    run.outcome = RecordedOutcome{false, "IDT", "NONCE_MISMATCH", {}};
    return run;
}

TEST(ReplayComparison, IdenticalRunsMatchEveryStep)
{
    const ReplayReport report = compareRuns(greenRun(), greenRun());
    EXPECT_TRUE(report.allMatch());
    EXPECT_EQ(report.firstMismatch(), nullptr);
    ASSERT_EQ(report.steps.size(), 6u); // five steps and the outcome
    EXPECT_EQ(report.steps.back().step, "outcome");
    EXPECT_EQ(report.steps[3].checks.size(), 2u);
}

TEST(ReplayComparison, AChangedCheckNamesItsStepAndCheck)
{
    const ReplayReport report = compareRuns(greenRun(), nonceFaultRun());
    EXPECT_FALSE(report.allMatch());
    const StepComparison *first = report.firstMismatch();
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->step, "IdToken");
    EXPECT_EQ(first->title, "ID token");
    EXPECT_EQ(first->verdict, StepComparison::Verdict::Mismatch);
    EXPECT_EQ(first->recorded, "ok");
    EXPECT_EQ(first->replayed, "failed IDT NONCE_MISMATCH");
    ASSERT_EQ(first->checks.size(), 2u);
    EXPECT_FALSE(first->checks[0].matches());
    EXPECT_EQ(first->checks[0].replayed, "fail NONCE_MISMATCH");
    EXPECT_TRUE(first->checks[1].matches());
    // userinfo was not reached, and the run ended otherwise.
    EXPECT_EQ(report.steps[4].verdict, StepComparison::Verdict::Missing);
    EXPECT_EQ(report.steps[4].step, "UserInfo");
    EXPECT_EQ(report.steps[5].verdict, StepComparison::Verdict::Mismatch);
    EXPECT_EQ(report.mismatchCount(), 3);
}

TEST(ReplayComparison, ARecordedFailureReplayedFailsTheSameWayIsGreen)
{
    EXPECT_TRUE(compareRuns(nonceFaultRun(), nonceFaultRun()).allMatch());
}

TEST(ReplayComparison, AStepTheRecordingDoesNotHaveIsExtra)
{
    const ReplayReport report = compareRuns(nonceFaultRun(), greenRun());
    ASSERT_EQ(report.steps.size(), 6u);
    EXPECT_EQ(report.steps[4].verdict, StepComparison::Verdict::Extra);
    EXPECT_EQ(report.steps[4].step, "UserInfo");
}

// The failing testcases' names, read back by an XML parser.
std::vector<std::string> failingTestCases(const std::string &xml, int *testCases)
{
    QXmlStreamReader reader(QByteArray::fromStdString(xml));
    std::vector<std::string> failing;
    std::string current;
    *testCases = 0;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == QLatin1String("testcase")) {
            ++*testCases;
            current = reader.attributes().value(QLatin1String("name")).toString().toStdString();
        }
        if (reader.isStartElement() && reader.name() == QLatin1String("failure"))
            failing.push_back(current);
    }
    EXPECT_FALSE(reader.hasError()) << reader.errorString().toStdString();
    return failing;
}

TEST(ReplayReportWriter, JUnitXmlParsesAndNamesTheFailingSteps)
{
    ReplayReport report = compareRuns(greenRun(), nonceFaultRun());
    report.recordingName = "bug <42> & \"friends\".json";
    report.against = "sandbox 'local'";
    int testCases = 0;
    const auto failing = failingTestCases(ReplayReportWriter::junitXml(report), &testCases);
    EXPECT_EQ(testCases, 6);
    EXPECT_EQ(failing, (std::vector<std::string>{"ID token", "userinfo", "outcome"}));
}

TEST(ReplayReportWriter, EscapesMarkupAndControlCharacters)
{
    Recording recorded = greenRun();
    Recording replayed = greenRun();
    recorded.steps[0].title = "disc<o>very & \"more\" 'x'";
    replayed.steps[0].ok = false;
    replayed.steps[0].errorCode = std::string("BAD\x01\x1f<]]>") + "\xff";
    int testCases = 0;
    const std::string xml = ReplayReportWriter::junitXml(compareRuns(recorded, replayed));
    const auto failing = failingTestCases(xml, &testCases);
    ASSERT_EQ(failing.size(), 1u);
    EXPECT_EQ(failing.front(), "disc<o>very & \"more\" 'x'");
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
    EXPECT_EQ(ReplayReportWriter::xmlEscaped("a<b>&\"'\n"), "a&lt;b&gt;&amp;&quot;&apos;&#10;");
}

TEST(ReplayReportWriter, JsonNamesTheFirstMismatch)
{
    const Json json = ReplayReportWriter::json(compareRuns(greenRun(), nonceFaultRun()));
    EXPECT_FALSE(json["ok"].get<bool>());
    EXPECT_EQ(json["mismatches"], 3);
    EXPECT_EQ(json["firstMismatch"]["step"], "IdToken");
    EXPECT_EQ(json["steps"][3]["verdict"], "mismatch");
    EXPECT_EQ(json["steps"][3]["checks"][0]["replayed"], "fail NONCE_MISMATCH");
    EXPECT_TRUE(ReplayReportWriter::json(compareRuns(greenRun(), greenRun()))["ok"].get<bool>());
}

} // namespace
