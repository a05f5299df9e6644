// oidc::har::HarReader: entries as HarEntry values, bodies capped, progress and cancel, and every
// malformed input refused with its own code.

#include "HarFixtures.h"

#include "oidc/har/HarReader.h"

#include <gtest/gtest.h>

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>

namespace {

using namespace hartest;
using oidc::Json;
using oidc::har::HarEntry;
using oidc::har::HarReader;
using oidc::har::HarReadOptions;

oidc::Result<oidc::har::HarLogInfo> readText(const std::string &text, std::vector<HarEntry> *entries = nullptr, const HarReadOptions &options = {})
{
    QByteArray bytes = QByteArray::fromStdString(text);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return HarReader::read(buffer, [&](HarEntry &&entry) {
        if (entries)
            entries->push_back(std::move(entry));
    }, options);
}

TEST(HarReader, ReadsEntriesInOrderWithTheirParts)
{
    std::vector<HarEntry> entries;
    auto info = readText(harDocument(cleanFlow()).dump(), &entries);
    ASSERT_TRUE(info.ok()) << info.error().summary();
    EXPECT_EQ(info->version, "1.2");
    EXPECT_EQ(info->creatorName, "crafted");
    EXPECT_EQ(info->entryCount, 5);
    ASSERT_EQ(entries.size(), 5u);
    EXPECT_EQ(entries[4].index, 4);
    EXPECT_EQ(entries[4].method, "POST");
    EXPECT_EQ(entries[4].requestMimeType, "application/x-www-form-urlencoded");
    EXPECT_NE(entries[4].requestBody.find("grant_type=authorization_code"), std::string::npos);
    EXPECT_EQ(entries[2].status, 302);
    EXPECT_EQ(entries[2].responseHeader("LOCATION"), "https://idp.test/login");
    EXPECT_EQ(entries[3].startedMs, (kT0 + 5) * 1000);
}

TEST(HarReader, CapsLongBodiesAndDecodesBase64Content)
{
    auto big = harEntry({.url = "https://cdn.test/app.js", .responseMime = "text/javascript", .responseBody = std::string(5000, 'x')});
    auto encoded = harEntry({.url = "https://idp.test/keys.json"});
    encoded["response"]["content"]["text"] = QByteArray("{\"keys\":[]}").toBase64().toStdString();
    encoded["response"]["content"]["encoding"] = "base64";
    std::vector<HarEntry> entries;
    HarReadOptions options;
    options.maxBodyBytes = 1000;
    ASSERT_TRUE(readText(harDocument({big, encoded}).dump(), &entries, options).ok());
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].responseBody.size(), 1000u);
    EXPECT_TRUE(entries[0].responseBodyTruncated);
    EXPECT_EQ(entries[0].responseSize, 5000);
    EXPECT_EQ(entries[1].responseBody, "{\"keys\":[]}");
}

TEST(HarReader, ReportsProgressAndStopsWhenCancelled)
{
    std::string text = harDocument(cleanFlow()).dump();
    std::vector<int64_t> seen;
    HarReadOptions options;
    options.progress = [&](int64_t done, int64_t total) {
        seen.push_back(done);
        EXPECT_EQ(total, static_cast<int64_t>(text.size()));
        return true;
    };
    ASSERT_TRUE(readText(text, nullptr, options).ok());
    ASSERT_FALSE(seen.empty());
    EXPECT_EQ(seen.back(), static_cast<int64_t>(text.size()));

    options.progress = [](int64_t, int64_t) { return false; };
    auto cancelled = readText(text, nullptr, options);
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.error().code, "HAR_CANCELLED");
}

struct MalformedRow {
    const char *name;
    std::string text;
    const char *code;
};

class HarReaderMalformed : public ::testing::TestWithParam<MalformedRow> {};

TEST_P(HarReaderMalformed, IsRefusedWithItsCategory)
{
    auto read = readText(GetParam().text);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, GetParam().code);
    EXPECT_EQ(read.error().category, oidc::ErrorCategory::Input);
    EXPECT_FALSE(read.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(Inputs, HarReaderMalformed,
                         ::testing::Values(MalformedRow{"NotJson", "this is not json", "HAR_SYNTAX"},
                                           MalformedRow{"CutOff", R"({"log":{"version":"1.2","entries":[{"request":)", "HAR_SYNTAX"},
                                           MalformedRow{"Empty", "", "HAR_SYNTAX"},
                                           MalformedRow{"TrailingGarbage", R"({"log":{"entries":[]}} x)", "HAR_SYNTAX"},
                                           MalformedRow{"TopLevelArray", R"([{"log":{}}])", "HAR_SHAPE"},
                                           MalformedRow{"TopLevelString", R"("har")", "HAR_SHAPE"},
                                           MalformedRow{"NoLog", R"({"entries":[]})", "HAR_SHAPE"},
                                           MalformedRow{"NoEntries", R"({"log":{"version":"1.2"}})", "HAR_SHAPE"},
                                           MalformedRow{"EntryNotObject", R"({"log":{"entries":[42]}})", "HAR_SHAPE"},
                                           MalformedRow{"EntryArray", R"({"log":{"entries":[[]]}})", "HAR_SHAPE"},
                                           MalformedRow{"TooDeep", std::string(R"({"log":{"entries":[)") + std::string(200, '[') + std::string(200, ']') + "]}}",
                                                        "HAR_SHAPE"},
                                           MalformedRow{"DeepInsideAnEntry", std::string(R"({"log":{"entries":[{"x":)") + std::string(200, '[')
                                                                                  + std::string(200, ']') + "}]}}",
                                                        "HAR_TOO_DEEP"}),
                         [](const auto &row) { return std::string(row.param.name); });

TEST(HarReader, FilesThatCannotBeReadAreNotHarErrors)
{
    QTemporaryDir dir;
    auto missing = HarReader::readFile(dir.filePath(QStringLiteral("missing.har")), [](HarEntry &&) {});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "HAR_FILE_UNREADABLE");
    auto folder = HarReader::readFile(dir.path(), [](HarEntry &&) {});
    ASSERT_FALSE(folder.ok());
    EXPECT_EQ(folder.error().code, "HAR_FILE_UNREADABLE");
}

TEST(HarReader, RefusesFilesOverTheCapAndTooManyEntries)
{
    HarReadOptions options;
    options.maxFileBytes = 100;
    auto large = readText(harDocument(cleanFlow()).dump(), nullptr, options);
    ASSERT_FALSE(large.ok());
    EXPECT_EQ(large.error().code, "HAR_TOO_LARGE");
    HarReadOptions few;
    few.maxEntries = 2;
    auto many = readText(harDocument(cleanFlow()).dump(), nullptr, few);
    ASSERT_FALSE(many.ok());
    EXPECT_EQ(many.error().code, "HAR_TOO_MANY_ENTRIES");
}

} // namespace
