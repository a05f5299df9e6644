// A 200 MB HAR (a long browser session: big script bodies around one sign-in) is analysed in one
// streaming pass: the process's peak resident memory grows by a small fraction of the file.

#include "HarFixtures.h"

#include "oidc/har/HarReader.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include <fstream>
#include <sstream>

namespace {

using namespace hartest;
using oidc::Json;

// VmHWM / VmRSS of this process in KiB (proc(5)).
int64_t procStatusKiB(const char *field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0)
            return std::stoll(line.substr(std::string(field).size() + 1));
    return -1;
}

// Writes the file entry by entry, never holding it whole: `fillerEntries` entries of `bodyBytes`
// each, the clean flow's entries in the middle and a 429 last. Returns the 429's index.
int writeLargeHar(const QString &path, int fillerEntries, size_t bodyBytes)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"log":{"version":"1.2","creator":{"name":"generated","version":"1"},"pages":[],"entries":[)");
    std::string body;
    body.reserve(bodyBytes);
    while (body.size() < bodyBytes)
        body += "function f(a,b){return a+b;} /* filler for a big capture */\n";
    body.resize(bodyBytes);
    int index = 0;
    const auto put = [&](const QByteArray &entry) {
        if (index++ > 0)
            file.write(",");
        file.write(entry);
    };
    const std::vector<Json> flow = cleanFlow();
    // The filler entries differ only by their URL's number: serialised once (this program is built
    // without optimisation, and escaping 200 MB through nlohmann-json was most of the test's time),
    // then written around each number.
    const QByteArray filler = QByteArray::fromStdString(
        harEntry({.url = "https://cdn.test/bundle-#.js", .responseMime = "text/javascript", .responseBody = body, .atSeconds = kT0 + 1}).dump());
    const qsizetype hole = filler.indexOf("bundle-#.js") + qsizetype(sizeof("bundle-") - 1);
    for (int i = 0; i < fillerEntries; ++i) {
        if (i == fillerEntries / 2)
            for (const Json &entry : flow)
                put(QByteArray::fromStdString(entry.dump()));
        put(filler.left(hole) + QByteArray::number(i) + filler.mid(hole + 1));
    }
    const int limited = index;
    put(QByteArray::fromStdString(harEntry({.method = "POST", .url = "https://idp.test/oauth/token", .status = 429, .atSeconds = kT0 + 20}).dump()));
    file.write("]}}");
    return limited;
}

TEST(HarLargeFile, TwoHundredMegabytesAnalysedWithinAMemoryBound)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.har"));
    const int limited = writeLargeHar(path, 1600, 128 * 1024);
    const int64_t fileBytes = QFile(path).size();
    ASSERT_GT(fileBytes, 200LL * 1000 * 1000);

    // Reset the peak to the current resident size (proc(5), /proc/pid/clear_refs "5").
    { std::ofstream("/proc/self/clear_refs") << "5"; }
    const int64_t before = procStatusKiB("VmRSS:");
    oidc::har::HarAnalyzer analyzer;
    int64_t lastProgress = 0;
    oidc::har::HarReadOptions options;
    options.progress = [&](int64_t done, int64_t) {
        lastProgress = done;
        return true;
    };
    auto read = oidc::har::HarReader::readFile(path, [&](oidc::har::HarEntry &&entry) { analyzer.add(entry); }, options);
    ASSERT_TRUE(read.ok()) << read.error().summary();
    const oidc::har::HarAnalysis analysis = analyzer.finish();
    const int64_t peakGrowthKiB = procStatusKiB("VmHWM:") - before;

    EXPECT_EQ(lastProgress, fileBytes);
    EXPECT_EQ(read->entryCount, limited + 1);
    EXPECT_EQ(analysis.exchanges.size(), 6u); // the flow's five and the refused token request
    ASSERT_EQ(analysis.findings.size(), 1u) << analysis.findings.front().code;
    EXPECT_EQ(analysis.findings[0].code, "RATE_LIMITED");
    EXPECT_EQ(analysis.findings[0].entry, limited);
    // A DOM of the file would take several times its size; the stream keeps one entry at a time.
    // The bound is generous (a quarter of the file), not a tuned figure.
    std::printf("HAR of %lld bytes: peak RSS grew by %lld KiB\n", static_cast<long long>(fileBytes), static_cast<long long>(peakGrowthKiB));
    EXPECT_LT(peakGrowthKiB * 1024, fileBytes / 4);
}

} // namespace
