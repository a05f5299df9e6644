// bench_har_analyze: HAR analysis throughput (MB/s) against a plain nlohmann-json parse of the
// same file in the same run (issue 11, Figures).
//
// The file is generated: a browser session's mix of large script and JSON bodies, with OAuth
// exchanges (discovery, JWKS, authorize, callback, token with an ID token) every 200 entries.
// Baseline: read the whole file into a string and nlohmann::json::parse it (a DOM, what a naive
// reader does). Ours: HarReader streaming the file into HarAnalyzer, every finding computed.
// Runs are interleaved; the medians are compared.
//
//   bench_har_analyze [--megabytes N (default 128)] [--repetitions N (default 3)]

#include "oidc/Json.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/har/HarAnalyzer.h"
#include "oidc/har/HarReader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using oidc::Json;

Json benchEntry(const std::string &method, const std::string &url, int status, const std::string &mime, const std::string &body, int64_t at)
{
    return {{"startedDateTime", QDateTime::fromSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODateWithMs).toStdString()},
            {"time", 20},
            {"request", {{"method", method}, {"url", url}, {"httpVersion", "HTTP/1.1"}, {"cookies", Json::array()},
                         {"headers", Json::array({{{"name", "Accept"}, {"value", "*/*"}}})}, {"queryString", Json::array()},
                         {"headersSize", -1}, {"bodySize", 0}}},
            {"response", {{"status", status}, {"statusText", "OK"}, {"httpVersion", "HTTP/1.1"}, {"cookies", Json::array()},
                          {"headers", Json::array({{{"name", "Content-Type"}, {"value", mime}}})},
                          {"content", {{"size", body.size()}, {"mimeType", mime}, {"text", body}}}, {"redirectURL", ""},
                          {"headersSize", -1}, {"bodySize", body.size()}}},
            {"cache", Json::object()},
            {"timings", {{"send", 0}, {"wait", 20}, {"receive", 0}}}};
}

void writeBenchHar(const QString &path, int64_t targetBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        std::exit(1);
    file.write(R"({"log":{"version":"1.2","creator":{"name":"bench","version":"1"},"entries":[)");
    std::string script;
    while (script.size() < 96 * 1024)
        script += "export function render(state){return state.items.map(i=>`<li>${i.name}</li>`).join('');}\n";
    Json items = Json::array();
    for (int i = 0; i < 300; ++i)
        items.push_back({{"id", i}, {"name", "item " + std::to_string(i)}, {"price", i * 1.25}, {"tags", {"a", "b"}}});
    const std::string api = Json{{"items", items}}.dump();
    const std::string idToken = oidc::crypto::base64UrlEncode(R"({"alg":"RS256","kid":"k1"})") + "."
        + oidc::crypto::base64UrlEncode(R"({"iss":"https://idp.bench","aud":"app","sub":"u1","nonce":"n1","iat":1800000000,"exp":1800003600})")
        + "." + oidc::crypto::base64UrlEncode(std::string(256, 's'));
    int64_t written = 0;
    int index = 0;
    const auto put = [&](const Json &entry) {
        const std::string text = (index++ > 0 ? "," : "") + entry.dump();
        file.write(text.data(), static_cast<qint64>(text.size()));
        written += static_cast<int64_t>(text.size());
    };
    const int64_t at = 1'800'000'000;
    while (written < targetBytes) {
        if (index % 200 == 0) {
            put(benchEntry("GET", "https://idp.bench/.well-known/openid-configuration", 200, "application/json",
                           R"({"issuer":"https://idp.bench","authorization_endpoint":"https://idp.bench/authorize","token_endpoint":"https://idp.bench/token","jwks_uri":"https://idp.bench/jwks"})",
                           at));
            put(benchEntry("GET", "https://idp.bench/authorize?response_type=code&client_id=app&state=s1&nonce=n1&code_challenge=abc&code_challenge_method=S256",
                           302, "text/html", "", at));
            put(benchEntry("GET", "https://app.bench/cb?code=c" + std::to_string(index) + "&state=s1", 200, "text/html", "<p>ok</p>", at + 2));
            Json token = benchEntry("POST", "https://idp.bench/token", 200, "application/json", Json{{"id_token", idToken}, {"access_token", "opaque"}}.dump(), at + 3);
            token["request"]["postData"] = {{"mimeType", "application/x-www-form-urlencoded"},
                                            {"text", "grant_type=authorization_code&code=c" + std::to_string(index) + "&code_verifier=v"}};
            put(token);
        }
        put(benchEntry("GET", "https://cdn.bench/chunk-" + std::to_string(index) + ".js", 200, "text/javascript", script, at + 5));
        put(benchEntry("GET", "https://api.bench/items?page=" + std::to_string(index), 200, "application/json", api, at + 5));
    }
    file.write("]}}");
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int megabytes = 128;
    int repetitions = 3;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i + 1 < arguments.size(); i += 2) {
        if (arguments[i] == QLatin1String("--megabytes"))
            megabytes = arguments[i + 1].toInt();
        else if (arguments[i] == QLatin1String("--repetitions"))
            repetitions = arguments[i + 1].toInt();
    }
    if (megabytes <= 0 || repetitions <= 0) {
        std::fprintf(stderr, "usage: bench_har_analyze [--megabytes N] [--repetitions N]\n");
        return 2;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.har"));
    writeBenchHar(path, int64_t(megabytes) * 1024 * 1024);
    const double mb = static_cast<double>(QFile(path).size()) / (1024.0 * 1024.0);
    std::printf("HAR file: %.1f MB\n", mb);

    std::vector<double> parseRates;
    std::vector<double> analyzeRates;
    size_t findings = 0;
    size_t exchanges = 0;
    for (int round = 0; round < repetitions; ++round) {
        QElapsedTimer timer;
        timer.start();
        {
            std::ifstream in(path.toStdString(), std::ios::binary);
            std::stringstream buffer;
            buffer << in.rdbuf();
            const Json document = Json::parse(buffer.str());
            if (!document.contains("log"))
                return 1;
        }
        parseRates.push_back(mb / (static_cast<double>(timer.nsecsElapsed()) / 1e9));

        timer.restart();
        oidc::har::HarAnalyzer analyzer;
        auto read = oidc::har::HarReader::readFile(path, [&](oidc::har::HarEntry &&entry) { analyzer.add(entry); });
        if (!read) {
            std::fprintf(stderr, "bench_har_analyze: %s\n", read.error().summary().c_str());
            return 1;
        }
        const oidc::har::HarAnalysis analysis = analyzer.finish();
        analyzeRates.push_back(mb / (static_cast<double>(timer.nsecsElapsed()) / 1e9));
        findings = analysis.findings.size();
        exchanges = analysis.exchanges.size();
    }
    const double parse = median(parseRates);
    const double analyze = median(analyzeRates);
    std::printf("plain nlohmann-json parse (whole file, DOM): %.1f MB/s\n", parse);
    std::printf("HarReader + HarAnalyzer (streaming, %zu exchanges, %zu findings): %.1f MB/s\n", exchanges, findings, analyze);
    std::printf("ratio analysis / plain parse = %.2f (median of %d runs)\n", analyze / parse, repetitions);
    return 0;
}
