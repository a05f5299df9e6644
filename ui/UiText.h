#pragma once

// Small helpers at the Qt edge of the UI: std::string ↔ QString, fonts, safe labels and tooltips.
// Provider and user text is never interpreted as HTML: every label that shows data is plain
// text, and tooltips that carry data are escaped.

#include "oidc/Result.h"
#include "ui/widgets/Tones.h"
#include "ui/widgets/Type.h"

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

// The platform's fixed-pitch font, at the font size preference's scale (ui/widgets/Type.h), laid
// out without OpenType shaping like the application font (ui::Appearance::prepareApplicationFont;
// the platform's font resolves every attribute, so it does not inherit that): no ligatures in
// tokens and JSON, where a programming font's "=>" or "!=" glyph would hide the characters.
[[nodiscard]] inline QFont monospaceFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleStrategy(QFont::StyleStrategy(font.styleStrategy() | QFont::PreferNoShaping));
    if (const double scale = fontScale(); scale != 1.0 && font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    return font;
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

// Colours of outcomes, shared by every panel: light or dark with the palette (ui/widgets/Tones.h).
[[nodiscard]] inline QColor passColor() { return ink(Ink::Pass); }
[[nodiscard]] inline QColor warnColor() { return ink(Ink::Warn); }
[[nodiscard]] inline QColor failColor() { return ink(Ink::Fail); }
[[nodiscard]] inline QColor mutedColor() { return ink(Ink::Muted); }

enum class Tone { Neutral, Good, Warning, Bad };

// A boxed message (banners, warnings) in the tone's colours. Applies to a plain-text QLabel.
inline void setTone(QLabel *label, Tone tone)
{
    static constexpr Box kBoxes[] = {Box::Neutral, Box::Good, Box::Warning, Box::Bad};
    setBox(label, kBoxes[static_cast<int>(tone)], QStringLiteral("border-radius: 4px; padding: 6px 8px;"));
    label->setProperty("tone", static_cast<int>(tone));
}

} // namespace ui
