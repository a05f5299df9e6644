// A recording written and read back keeps every member; a file that is not a usable recording is
// refused with the error that says why, naming the member.

#include "oidc/recording/RecordingJson.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

namespace {

using namespace oidc;
using namespace oidc::recording;

Recording sampleRecording()
{
    Recording recording;
    recording.createdAt = "2026-12-03T09:00:00Z";
    recording.tool = "oidcplay-cli test";
    recording.profile = {{"kind", "issuer"}, {"issuer", "http://127.0.0.1:1/p"}, {"clientId", "client"}};
    recording.authorization = {{"scope", "openid email"}, {"prompt", "login"}, {"extraParameters", Json::array({Json::array({"login_hint", "bob"})})}};
    recording.loginId = "bob@example.com";
    recording.sandbox = {{"baseUrl", "http://127.0.0.1:1"}, {"issuer", "http://127.0.0.1:1/p"},
                         {"faults", Json::array({{{"kind", "wrong-nonce"}, {"path", "/oauth2/v1/token"}, {"count", 1}}})}};
    RecordedStep discovery{"Discovery", "discovery", {}, true, "metadata fetched", {}, {}, {}};
    RecordedStep idToken{"IdToken", "ID token", {}, false, "nonce mismatch", "IDT", "NONCE_MISMATCH",
                         {{"iss", "pass", {}, "§3.1.3.7 #2", "matches"}, {"nonce", "fail", "NONCE_MISMATCH", "§3.1.3.7 #11", "differs"}}};
    recording.steps = {discovery, idToken};
    recording.outcome = RecordedOutcome{false, "IDT", "NONCE_MISMATCH", "the nonce differs"};
    recording.exchanges = Json::array({{{"request", {{"method", "GET"}}}, {"_step", "Discovery"}}});
    return recording;
}

Error readError(const QByteArray &bytes)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.json"));
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    auto read = readRecordingFile(path);
    EXPECT_FALSE(read.ok());
    return read.ok() ? Error{} : read.error();
}

TEST(RecordingJson, RoundTripKeepsEveryMember)
{
    const Recording original = sampleRecording();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("flow.oidcplay-recording.json"));
    ASSERT_TRUE(writeRecordingFile(original, path).ok());
    auto read = readRecordingFile(path);
    ASSERT_TRUE(read.ok()) << read.error().summary();
    EXPECT_EQ(read->kind, kKindCodeFlow);
    EXPECT_EQ(read->createdAt, original.createdAt);
    EXPECT_EQ(read->tool, original.tool);
    EXPECT_EQ(read->profile, original.profile);
    EXPECT_EQ(read->authorization, original.authorization);
    EXPECT_EQ(read->loginId, "bob@example.com");
    EXPECT_EQ(read->sandbox, original.sandbox);
    ASSERT_EQ(read->steps.size(), 2u);
    EXPECT_EQ(read->steps[1].step, "IdToken");
    EXPECT_EQ(read->steps[1].title, "ID token");
    EXPECT_FALSE(read->steps[1].ok);
    EXPECT_EQ(read->steps[1].errorCategory, "IDT");
    EXPECT_EQ(read->steps[1].errorCode, "NONCE_MISMATCH");
    ASSERT_EQ(read->steps[1].checks.size(), 2u);
    EXPECT_EQ(read->steps[1].checks[1].id, "nonce");
    EXPECT_EQ(read->steps[1].checks[1].outcome, "fail");
    EXPECT_EQ(read->steps[1].checks[1].code, "NONCE_MISMATCH");
    ASSERT_TRUE(read->outcome.has_value());
    EXPECT_FALSE(read->outcome->ok);
    EXPECT_EQ(read->outcome->errorCode, "NONCE_MISMATCH");
    EXPECT_EQ(read->exchanges, original.exchanges);
    EXPECT_EQ(recordingToJson(*read), recordingToJson(original));
}

struct Refusal {
    const char *name;
    QByteArray bytes;
    const char *code;
    const char *inMessage;
};

class RecordingRefusal : public ::testing::TestWithParam<Refusal> {};

TEST_P(RecordingRefusal, SaysWhy)
{
    const Error error = readError(GetParam().bytes);
    EXPECT_EQ(error.category, ErrorCategory::Input);
    EXPECT_EQ(error.code, GetParam().code);
    EXPECT_NE(error.message.find(GetParam().inMessage), std::string::npos) << error.message;
}

QByteArray withSteps(size_t count)
{
    Json steps = Json::array();
    for (size_t i = 0; i < count; ++i)
        steps.push_back({{"step", "Discovery"}, {"ok", true}});
    return QByteArray::fromStdString(Json{{"oidcplayRecording", 1}, {"kind", "oidc-code-flow"}, {"steps", steps}}.dump());
}

INSTANTIATE_TEST_SUITE_P(
    Files, RecordingRefusal,
    ::testing::Values(Refusal{"NotJson", "{\"oidcplayRecording\": 1,", "RECORDING_NOT_JSON", ""},
                      Refusal{"AHarFile", R"({"log": {"entries": []}})", "RECORDING_NOT_A_RECORDING", "not an OIDC Playground recording"},
                      Refusal{"NewerVersion", R"({"oidcplayRecording": 99, "kind": "oidc-code-flow"})", "RECORDING_VERSION", "newer"},
                      Refusal{"UnknownKind", R"({"oidcplayRecording": 1, "kind": "fax"})", "RECORDING_INVALID", "\"kind\""},
                      Refusal{"CheckOutcome",
                              R"({"oidcplayRecording": 1, "kind": "oidc-code-flow", "steps": [{"step": "IdToken", "ok": false, "checks": [{"id": "nonce", "outcome": "maybe"}]}]})",
                              "RECORDING_INVALID", "steps[0].checks[0].outcome"},
                      Refusal{"StepOkNotBoolean", R"({"oidcplayRecording": 1, "kind": "oidc-code-flow", "steps": [{"step": "Token", "ok": "yes"}]})",
                              "RECORDING_INVALID", "steps[0].ok"},
                      Refusal{"TooManySteps", withSteps(kMaxRecordedSteps + 1), "RECORDING_TOO_LARGE", "steps"}),
    [](const ::testing::TestParamInfo<Refusal> &row) { return std::string(row.param.name); });

TEST(RecordingJson, MissingFileIsUnreadable)
{
    QTemporaryDir dir;
    auto read = readRecordingFile(dir.filePath(QStringLiteral("absent.json")));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, "RECORDING_UNREADABLE");
}

TEST(RecordingJson, LoginIdIsTheHintElseEmailElsePreferredUsername)
{
    EXPECT_EQ(recordedLoginId("hint@example.com", Json{{"email", "e@example.com"}}), "hint@example.com");
    EXPECT_EQ(recordedLoginId({}, Json{{"email", "e@example.com"}, {"preferred_username", "pu"}}), "e@example.com");
    EXPECT_EQ(recordedLoginId({}, Json{{"preferred_username", "pu"}}), "pu");
    EXPECT_EQ(recordedLoginId({}, Json{{"sub", "123"}}), "");
    EXPECT_EQ(recordedLoginId({}, Json()), "");
}

} // namespace
