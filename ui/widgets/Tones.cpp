#include "Tones.h"

#include <QApplication>
#include <QGuiApplication>
#include <QLabel>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace ui {

namespace {

struct ColorPair final {
    QRgb light;
    QRgb dark;
};

// Indexed by Ink. Light values sit on Fusion's light palette (Base #ffffff, Window #efefef), dark
// ones on the dark theme's (Base #1e1e1e, Window #2d2d30).
constexpr ColorPair kInks[] = {
    {0xff1b7a2e, 0xff6fcf7f}, // Pass
    {0xff8f5500, 0xfff0b04a}, // Warn
    {0xffc62828, 0xffff8a80}, // Fail
    {0xff6b6b6b, 0xffa6a6a6}, // Muted
    {0xff1a5fbd, 0xff6cb4ff}, // Running
    {0xff666666, 0xff9e9e9e}, // Pending
    {0xff41659a, 0xff8fb3e6}, // PollPending
    {0xff8e24aa, 0xffd391e6}, // Transient
    {0xff1f4e79, 0xff8fc1f0}, // Accent
    {0xff4b5563, 0xffc3c7ce}, // Section
};

// Indexed by Fill.
constexpr ColorPair kFills[] = {
    {0xffe8f5e9, 0xff1d3a24}, // PassRow
    {0xffffebee, 0xff4a1f23}, // FailRow
    {0xfff3f4f6, 0xff33363b}, // SkipRow
    {0xfffff3c4, 0xff433a16}, // ChangedRow
    {0xffdcf5e0, 0xff1d3a24}, // AddedRow
    {0xfffddee0, 0xff4a1f23}, // RemovedRow
    {0xffffffff, 0xff1e1e1e}, // Plot
    {0xfff2f6fb, 0xff243040}, // PlotElapsed
    {0xff9ca3af, 0xff6b7280}, // PlotAxis
    {0xffffffff, 0xffffffff}, // QrLight
    {0xff000000, 0xff000000}, // QrDark
};

struct BoxPair final {
    QRgb background[2]; // 0: transparent
    QRgb text[2];
    QRgb border[2];     // 0: none
};

// Indexed by Box; [0] light, [1] dark.
constexpr BoxPair kBoxes[] = {
    {{0xfff3f4f6, 0xff33363b}, {0xff374151, 0xffe5e7eb}, {0xffd1d5db, 0xff4b5058}}, // Neutral
    {{0xffe8f5e9, 0xff1d3a24}, {0xff1b5e20, 0xffa5d6a7}, {0xffa5d6a7, 0xff2e6b3b}}, // Good
    {{0xfffff8e1, 0xff3d3114}, {0xff7a4a00, 0xffffd180}, {0xffffcc80, 0xff7a5c1e}}, // Warning
    {{0xffffebee, 0xff4a1f23}, {0xffb71c1c, 0xffffb4b4}, {0xffef9a9a, 0xff8e3b42}}, // Bad
    {{0, 0}, {0xff6b6b6b, 0xffa6a6a6}, {0, 0}},                                     // StatusLine
    {{0xfff3f4f6, 0xff33363b}, {0xff111827, 0xfff3f4f6}, {0xffd1d5db, 0xff4b5058}}, // Code
    {{0xffe0e7ff, 0xff27345c}, {0xff1e3a8a, 0xffc7d2fe}, {0, 0}},                   // LinkNumber
    {{0xffeef3fa, 0xff1f2d40}, {0xff1f4e79, 0xffa9c8ec}, {0xffc5d5ea, 0xff34506f}}, // BigNumber
    {{0xff1f4e79, 0xffa9c8ec}, {0xffffffff, 0xff10243a}, {0, 0}},                   // Badge
};

constexpr QRgb kOnInk[] = {0xffffffff, 0xff111111};

constexpr const char *kInkProperty = "ui.ink";
constexpr const char *kBoxProperty = "ui.box";
constexpr const char *kBoxShapeProperty = "ui.boxShape";

QColor pick(const ColorPair &pair, bool dark)
{
    return QColor::fromRgb(dark ? pair.dark : pair.light);
}

QColor optional(QRgb rgb)
{
    return rgb == 0 ? QColor() : QColor::fromRgb(rgb);
}

// WCAG 2.1 relative luminance (the sRGB channel linearised, then weighted).
double relativeLuminance(const QColor &color)
{
    const auto channel = [](double value) {
        return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
}

QString cssColor(const QColor &color)
{
    return color.isValid() ? color.name(QColor::HexRgb) : QStringLiteral("transparent");
}

void applyInk(QWidget *widget, Ink which)
{
    QPalette palette = widget->palette();
    const QColor color = ink(which);
    palette.setColor(QPalette::WindowText, color);
    palette.setColor(QPalette::Text, color);
    widget->setPalette(palette);
}

void applyBox(QLabel *label, Box which, const QString &shape)
{
    const BoxColors colors = boxColors(which, darkTones());
    QString style = QStringLiteral("QLabel { background: %1; color: %2; ").arg(cssColor(colors.background), cssColor(colors.text));
    if (colors.border.isValid())
        style += QStringLiteral("border: 1px solid %1; ").arg(cssColor(colors.border));
    label->setStyleSheet(style + shape + QStringLiteral(" }"));
}

const char *inkName(Ink which)
{
    static constexpr const char *kNames[] = {"Pass", "Warn", "Fail", "Muted", "Running", "Pending", "PollPending", "Transient", "Accent", "Section"};
    return kNames[static_cast<int>(which)];
}

const char *boxName(Box which)
{
    static constexpr const char *kNames[] = {"Neutral", "Good", "Warning", "Bad", "StatusLine", "Code", "LinkNumber", "BigNumber", "Badge"};
    return kNames[static_cast<int>(which)];
}

} // namespace

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool darkTones()
{
    return isDarkPalette(QGuiApplication::palette());
}

QColor ink(Ink which, bool dark)
{
    return pick(kInks[static_cast<int>(which)], dark);
}

QColor ink(Ink which)
{
    return ink(which, darkTones());
}

QColor fill(Fill which, bool dark)
{
    return pick(kFills[static_cast<int>(which)], dark);
}

QColor fill(Fill which)
{
    return fill(which, darkTones());
}

BoxColors boxColors(Box which, bool dark)
{
    const BoxPair &pair = kBoxes[static_cast<int>(which)];
    const int i = dark ? 1 : 0;
    return {optional(pair.background[i]), QColor::fromRgb(pair.text[i]), optional(pair.border[i])};
}

QColor onInk(bool dark)
{
    return QColor::fromRgb(kOnInk[dark ? 1 : 0]);
}

QColor onInk()
{
    return onInk(darkTones());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::vector<ContrastPair> contrastPairs(const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    std::vector<ContrastPair> pairs;
    const auto add = [&pairs](const QString &name, const QColor &text, const QColor &background) {
        pairs.push_back({name, text, background});
    };
    const std::pair<QPalette::ColorRole, const char *> kGrounds[] = {
        {QPalette::Base, "Base"}, {QPalette::Window, "Window"}, {QPalette::AlternateBase, "AlternateBase"}};
    for (int i = 0; i < static_cast<int>(std::size(kInks)); ++i) {
        const auto which = static_cast<Ink>(i);
        for (const auto &[role, roleName] : kGrounds)
            add(QStringLiteral("%1 on %2").arg(QLatin1String(inkName(which)), QLatin1String(roleName)), ink(which, dark), palette.color(role));
        // The flow's step badges: the state's ink fills a disc with onInk() text on it.
        add(QStringLiteral("badge text on %1").arg(QLatin1String(inkName(which))), onInk(dark), ink(which, dark));
    }
    add(QStringLiteral("Pass on PassRow"), ink(Ink::Pass, dark), fill(Fill::PassRow, dark));
    add(QStringLiteral("Fail on FailRow"), ink(Ink::Fail, dark), fill(Fill::FailRow, dark));
    add(QStringLiteral("Muted on SkipRow"), ink(Ink::Muted, dark), fill(Fill::SkipRow, dark));
    for (const auto &[row, rowName] : {std::pair{Fill::ChangedRow, "ChangedRow"}, std::pair{Fill::AddedRow, "AddedRow"},
                                       std::pair{Fill::RemovedRow, "RemovedRow"}})
        add(QStringLiteral("Text on %1").arg(QLatin1String(rowName)), palette.color(QPalette::Text), fill(row, dark));
    // The timeline's labels and poll numbers, on the plot and on its elapsed part.
    for (const Ink which : {Ink::Muted, Ink::Pass, Ink::Warn, Ink::Fail, Ink::PollPending, Ink::Transient, Ink::Accent}) {
        add(QStringLiteral("%1 on Plot").arg(QLatin1String(inkName(which))), ink(which, dark), fill(Fill::Plot, dark));
        add(QStringLiteral("%1 on PlotElapsed").arg(QLatin1String(inkName(which))), ink(which, dark), fill(Fill::PlotElapsed, dark));
    }
    for (int i = 0; i < static_cast<int>(std::size(kBoxes)); ++i) {
        const auto which = static_cast<Box>(i);
        const BoxColors colors = boxColors(which, dark);
        add(QStringLiteral("%1 box").arg(QLatin1String(boxName(which))), colors.text,
            colors.background.isValid() ? colors.background : palette.color(QPalette::Window));
    }
    return pairs;
}

void setInk(QWidget *widget, Ink which)
{
    widget->setProperty(kInkProperty, static_cast<int>(which));
    applyInk(widget, which);
}

void setBox(QLabel *label, Box which, const QString &shape)
{
    label->setProperty(kBoxProperty, static_cast<int>(which));
    label->setProperty(kBoxShapeProperty, shape);
    applyBox(label, which, shape);
}

void refreshTones()
{
    const QWidgetList widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        if (const QVariant which = widget->property(kInkProperty); which.isValid())
            applyInk(widget, static_cast<Ink>(which.toInt()));
        if (const QVariant which = widget->property(kBoxProperty); which.isValid())
            if (auto *label = qobject_cast<QLabel *>(widget))
                applyBox(label, static_cast<Box>(which.toInt()), label->property(kBoxShapeProperty).toString());
    }
}

} // namespace ui
