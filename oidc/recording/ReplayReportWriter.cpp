#include "ReplayReportWriter.h"

#include <QString>

namespace oidc::recording {

std::string ReplayReportWriter::xmlEscaped(std::string_view text)
{
    // Decoded as UTF-8 first: invalid sequences become U+FFFD, like the controls XML forbids.
    const QString decoded = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    std::string out;
    out.reserve(text.size());
    for (const char32_t u : decoded.toUcs4()) {
        switch (u) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': out += "&#9;"; break;   // kept in attribute values too (XML 1.0 §3.3.3 normalises raw ones)
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        default:
            if (u < 0x20 || u == 0xFFFE || u == 0xFFFF)
                out += "\xEF\xBF\xBD";
            else
                out += QString::fromUcs4(&u, 1).toStdString();
        }
    }
    return out;
}

std::string ReplayReportWriter::junitXml(const ReplayReport &report)
{
    const std::string suite = "oidcplay replay " + report.recordingName;
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const std::string counts = " tests=\"" + std::to_string(report.steps.size()) + "\" failures=\"" + std::to_string(report.mismatchCount())
        + "\" errors=\"0\" time=\"" + std::to_string(static_cast<double>(report.elapsedMs) / 1000.0) + "\"";
    xml += "<testsuites name=\"" + xmlEscaped(suite) + "\"" + counts + ">\n";
    xml += "  <testsuite name=\"" + xmlEscaped(suite) + "\"" + counts + ">\n";
    xml += "    <properties><property name=\"against\" value=\"" + xmlEscaped(report.against) + "\"/></properties>\n";
    for (const StepComparison &step : report.steps) {
        xml += "    <testcase classname=\"" + xmlEscaped("replay." + step.step) + "\" name=\"" + xmlEscaped(step.title) + "\">";
        if (step.verdict != StepComparison::Verdict::Match) {
            std::string lines;
            for (const std::string &difference : step.differences)
                lines += difference + "\n";
            xml += "\n      <failure type=\"" + verdictName(step.verdict) + "\" message=\"" + xmlEscaped(step.title + ": " + step.differences.front())
                + "\">" + xmlEscaped(lines) + "</failure>\n    ";
        }
        xml += "</testcase>\n";
    }
    xml += "  </testsuite>\n</testsuites>\n";
    return xml;
}

Json ReplayReportWriter::json(const ReplayReport &report)
{
    Json steps = Json::array();
    for (const StepComparison &step : report.steps) {
        Json checks = Json::array();
        for (const CheckComparison &check : step.checks)
            checks.push_back({{"id", check.id}, {"recorded", check.recorded}, {"replayed", check.replayed}, {"match", check.matches()}});
        steps.push_back({{"step", step.step},
                         {"title", step.title},
                         {"verdict", verdictName(step.verdict)},
                         {"recorded", step.recorded},
                         {"replayed", step.replayed},
                         {"checks", std::move(checks)},
                         {"differences", step.differences}});
    }
    Json json = {{"ok", report.allMatch()},
                 {"recording", report.recordingName},
                 {"against", report.against},
                 {"mismatches", report.mismatchCount()},
                 {"elapsedMs", report.elapsedMs},
                 {"steps", std::move(steps)}};
    if (const StepComparison *first = report.firstMismatch())
        json["firstMismatch"] = {{"step", first->step}, {"title", first->title}};
    return json;
}

std::string ReplayReportWriter::text(const ReplayReport &report)
{
    std::string text;
    for (const StepComparison &step : report.steps) {
        const bool match = step.verdict == StepComparison::Verdict::Match;
        std::string word = match ? "match" : QString::fromStdString(verdictName(step.verdict)).toUpper().toStdString();
        word.resize(10, ' ');
        text += word + step.title;
        if (!match)
            text += ": " + step.differences.front();
        text += "\n";
        for (size_t i = 1; !match && i < step.differences.size(); ++i)
            text += "          " + step.differences[i] + "\n";
    }
    text += report.allMatch() ? "replay: every step gave the recorded outcome"
                              : "replay: " + std::to_string(report.mismatchCount()) + " step(s) differ from the recording";
    return text;
}

} // namespace oidc::recording
