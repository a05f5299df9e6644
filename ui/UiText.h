#pragma once

// Small helpers at the Qt edge of the UI: std::string ↔ QString, fonts, safe labels and tooltips.
// Provider and user text is never interpreted as HTML: every label that shows data is plain
// text, and tooltips that carry data are escaped.

#include "oidc/Result.h"

#include <QColor>
#include <QFont>
#include <QFontDatabase>
#include <QLabel>
#include <QString>

#include <string>
#include <string_view>

namespace ui {

[[nodiscard]] inline QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

[[nodiscard]] inline std::string toStd(const QString &text)
{
    return text.toStdString();
}

// "IDT JWT_PART_COUNT: a JWS compact token has exactly 3 parts … (expected 3 parts, got 2 parts)"
[[nodiscard]] inline QString errorText(const oidc::Error &error)
{
    return qs(error.summary());
}

[[nodiscard]] inline QFont monospaceFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

// Qt guesses whether a tooltip is rich text. Data in a tooltip is escaped inside an explicit
// paragraph, so it is always shown literally (and long values wrap).
[[nodiscard]] inline QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p style='white-space:pre-wrap'>") + text.toHtmlEscaped() + QStringLiteral("</p>");
}

// A QLabel that never renders HTML.
[[nodiscard]] inline QLabel *plainLabel(const QString &text, QWidget *parent = nullptr)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
    return label;
}

// Colours of outcomes, shared by every panel.
[[nodiscard]] inline QColor passColor() { return QColor(0x1b, 0x7a, 0x2e); }
[[nodiscard]] inline QColor warnColor() { return QColor(0xb2, 0x6a, 0x00); }
[[nodiscard]] inline QColor failColor() { return QColor(0xc6, 0x28, 0x28); }
[[nodiscard]] inline QColor mutedColor() { return QColor(0x6b, 0x6b, 0x6b); }

enum class Tone { Neutral, Good, Warning, Bad };

// A boxed message (banners, warnings) in the tone's colours. Applies to a plain-text QLabel.
inline void setTone(QLabel *label, Tone tone)
{
    static constexpr const char *kStyles[] = {
        "QLabel { background: #f3f4f6; color: #374151; border: 1px solid #d1d5db; border-radius: 4px; padding: 6px 8px; }",
        "QLabel { background: #e8f5e9; color: #1b5e20; border: 1px solid #a5d6a7; border-radius: 4px; padding: 6px 8px; }",
        "QLabel { background: #fff8e1; color: #7a4a00; border: 1px solid #ffcc80; border-radius: 4px; padding: 6px 8px; }",
        "QLabel { background: #ffebee; color: #b71c1c; border: 1px solid #ef9a9a; border-radius: 4px; padding: 6px 8px; }",
    };
    label->setStyleSheet(QString::fromLatin1(kStyles[static_cast<int>(tone)]));
    label->setProperty("tone", static_cast<int>(tone));
}

} // namespace ui
