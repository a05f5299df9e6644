#pragma once

// Reads back what toSvg() wrote, with QXmlStreamReader: every arrow element (<g class="arrow …">)
// with its kind, outcome, lanes, record and label. A document that does not parse fails the test.

#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <vector>

namespace oidc::diagram::test {

struct SvgArrow final {
    QString kind;    // "exchange" or "hop"
    QString outcome; // "good", "neutral", "bad"
    QString from;
    QString to;
    int recordId = 0;
    int count = 0;
    QString label;   // the first <text>: the arrow's label
};

inline std::vector<SvgArrow> arrowElements(const QString &svg)
{
    std::vector<SvgArrow> arrows;
    QXmlStreamReader reader(svg);
    bool inArrow = false;
    bool sawRoot = false;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == QLatin1String("svg"))
            sawRoot = true;
        if (reader.isStartElement() && reader.name() == QLatin1String("g")) {
            const QStringList classes = reader.attributes().value(QLatin1String("class")).toString().split(QLatin1Char(' '));
            inArrow = classes.size() == 3 && classes[0] == QLatin1String("arrow");
            if (inArrow) {
                const auto attributes = reader.attributes();
                arrows.push_back(SvgArrow{classes[1], classes[2], attributes.value(QLatin1String("data-from")).toString(),
                                          attributes.value(QLatin1String("data-to")).toString(),
                                          attributes.value(QLatin1String("data-record-id")).toInt(),
                                          attributes.value(QLatin1String("data-count")).toInt(), QString()});
            }
        } else if (reader.isEndElement() && reader.name() == QLatin1String("g")) {
            inArrow = false;
        } else if (inArrow && reader.isStartElement() && reader.name() == QLatin1String("text") && arrows.back().label.isEmpty()) {
            arrows.back().label = reader.readElementText();
        }
    }
    EXPECT_FALSE(reader.hasError()) << reader.errorString().toStdString() << " at line " << reader.lineNumber();
    EXPECT_TRUE(sawRoot);
    return arrows;
}

} // namespace oidc::diagram::test
