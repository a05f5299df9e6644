#include "Appearance.h"

#include "ui/Presentation.h"
#include "ui/widgets/Tones.h"
#include "ui/widgets/Type.h"

#include <QApplication>
#include <QEvent>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

#include <memory>

namespace ui {

namespace {

const QString kFusion = QStringLiteral("Fusion");

// QApplication tells only the windows it has a QWindow for (shown ones) that the application's
// palette or font changed; a window not shown yet, or whose native window is not created, would
// keep the old one. Tell every top-level widget: each resolves its palette or font again and
// passes it down to its children.
void tellTopLevels(QEvent::Type type)
{
    QEvent event(type);
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget *window : windows)
        QCoreApplication::sendEvent(window, &event);
}

} // namespace

Appearance::Appearance(Preferences &preferences, QObject *parent)
    : QObject(parent)
    , m_preferences(preferences)
{
    (void)platformLook(); // taken before this object changes anything
    // Nothing to do for the defaults (system theme, platform font): start-up pays for nothing.
    if (m_preferences.theme() != Preferences::Theme::System)
        applyTheme(m_preferences.theme());
    if (effectiveFontPointSize() > 0)
        applyFontSize(effectiveFontPointSize());
    connect(&m_preferences, &Preferences::changed, this, [this](Preferences::Key key) {
        if (key == Preferences::Key::Theme)
            applyTheme(m_preferences.theme());
        else if (key == Preferences::Key::FontSize || key == Preferences::Key::PresentationFontSize)
            applyFontSize(effectiveFontPointSize());
    });
    connect(&Presentation::instance(), &Presentation::activeChanged, this, [this] { applyFontSize(effectiveFontPointSize()); });
}

void Appearance::prepareApplicationFont()
{
    QFont font = QApplication::font();
    if (font.styleStrategy() & QFont::PreferNoShaping)
        return;
    font.setStyleStrategy(QFont::StyleStrategy(font.styleStrategy() | QFont::PreferNoShaping));
    QApplication::setFont(font);
}

int Appearance::effectiveFontPointSize() const
{
    return Presentation::instance().isActive() ? m_preferences.presentationFontPointSize() : m_preferences.fontPointSize();
}

const Appearance::PlatformLook &Appearance::platformLook()
{
    // Once per process, by the first Appearance: a later one (a second main window) must not take
    // the theme the first one applied for the platform's.
    static const PlatformLook look{QApplication::style()->name(), QApplication::palette(), QApplication::font()};
    return look;
}

QPalette Appearance::lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(kFusion));
    QPalette palette = fusion->standardPalette();
    // Fusion's highlight (#308cc6) gives white text 3.7:1; a deeper blue of the same hue, 5.1:1.
    palette.setColor(QPalette::Active, QPalette::Highlight, QColor(0x1f, 0x6f, 0xbf));
    palette.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x1f, 0x6f, 0xbf));
    return palette;
}

QPalette Appearance::darkPalette()
{
    // Text reaches at least 7:1 on every background role, highlighted text 4.5:1 on the highlight.
    const QColor window(0x2d, 0x2d, 0x30);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80);
    QPalette palette(window);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x29));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3d));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3d));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4e));
    palette.setColor(QPalette::Midlight, QColor(0x3e, 0x3e, 0x42));
    palette.setColor(QPalette::Mid, QColor(0x26, 0x26, 0x28));
    palette.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1c));
    palette.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0c));
    palette.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    palette.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9c, 0xff));
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4a, 0x4e));
    return palette;
}

void Appearance::applyTheme(Preferences::Theme theme)
{
    switch (theme) {
    case Preferences::Theme::System:
        if (QApplication::style()->name() != platformLook().style)
            QApplication::setStyle(platformLook().style);
        QApplication::setPalette(platformLook().palette);
        break;
    case Preferences::Theme::Light:
        if (QApplication::style()->name().compare(kFusion, Qt::CaseInsensitive) != 0)
            QApplication::setStyle(kFusion);
        QApplication::setPalette(lightPalette());
        break;
    case Preferences::Theme::Dark:
        if (QApplication::style()->name().compare(kFusion, Qt::CaseInsensitive) != 0)
            QApplication::setStyle(kFusion);
        QApplication::setPalette(darkPalette());
        break;
    }
    tellTopLevels(QEvent::ApplicationPaletteChange);
    refreshTones();
}

void Appearance::applyFontSize(int points)
{
    QFont font = platformLook().font;
    if (points > 0)
        font.setPointSizeF(points);
    const double base = platformLook().font.pointSizeF() > 0 ? platformLook().font.pointSizeF() : 9.0;
    const double scale = font.pointSizeF() / base;
    // fontScale() is the scale applied so far, by this object or an earlier one.
    if (qFuzzyCompare(scale, fontScale()))
        return;
    const double ratio = scale / fontScale();
    setFontScale(scale);
    QApplication::setFont(font);
    tellTopLevels(QEvent::ApplicationFontChange);
    // Widgets that fixed their own size do not follow the application font: scale them alike.
    const QWidgetList widgets = QApplication::allWidgets();
    for (QWidget *widget : widgets) {
        if (!widget->testAttribute(Qt::WA_SetFont) || !(widget->font().resolveMask() & QFont::SizeResolved))
            continue;
        QFont own = widget->font();
        if (own.pointSizeF() > 0) {
            own.setPointSizeF(own.pointSizeF() * ratio);
            widget->setFont(own);
        }
    }
    // Boxed labels sized in em (badges) take the new size when their style is applied again.
    refreshTones();
}

} // namespace ui

#include "moc_Appearance.cpp"
