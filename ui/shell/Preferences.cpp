#include "Preferences.h"

#include <QSettings>

#include <algorithm>

namespace ui {

namespace {

QString preferenceKey(Preferences::Key key)
{
    switch (key) {
    case Preferences::Key::BrowserMode: return QStringLiteral("preferences/browserMode");
    case Preferences::Key::RequestTimeout: return QStringLiteral("preferences/requestTimeoutSeconds");
    case Preferences::Key::ClockLeeway: return QStringLiteral("preferences/clockLeewaySeconds");
    case Preferences::Key::RedirectPort: return QStringLiteral("preferences/redirectPort");
    case Preferences::Key::AutomaticRefresh: return QStringLiteral("preferences/automaticRefresh");
    case Preferences::Key::Theme: return QStringLiteral("preferences/theme");
    case Preferences::Key::FontSize: return QStringLiteral("preferences/fontPointSize");
    case Preferences::Key::ConfirmReveal: return QStringLiteral("preferences/confirmReveal");
    case Preferences::Key::PresentationFontSize: return QStringLiteral("preferences/presentationFontPointSize");
    }
    return {};
}

} // namespace

Preferences::Preferences(QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
}

QVariant Preferences::read(Key key, const QVariant &fallback) const
{
    return m_settings.value(preferenceKey(key), fallback);
}

void Preferences::write(Key key, const QVariant &value)
{
    const QString name = preferenceKey(key);
    if (m_settings.contains(name) && m_settings.value(name) == value)
        return;
    m_settings.setValue(name, value);
    Q_EMIT changed(key);
}

oidc::flow::BrowserMode Preferences::browserMode() const
{
    return oidc::flow::browserModeFromKey(read(Key::BrowserMode, QStringLiteral("embedded")).toString());
}

int Preferences::requestTimeoutSeconds() const
{
    return std::clamp(read(Key::RequestTimeout, 0).toInt(), 0, kMaxTimeoutSeconds);
}

int Preferences::clockLeewaySeconds() const
{
    return std::clamp(read(Key::ClockLeeway, kDefaultLeewaySeconds).toInt(), 0, kMaxLeewaySeconds);
}

quint16 Preferences::redirectPort() const
{
    return static_cast<quint16>(std::clamp(read(Key::RedirectPort, 0).toInt(), 0, 65535));
}

bool Preferences::automaticRefresh() const
{
    return read(Key::AutomaticRefresh, false).toBool();
}

Preferences::Theme Preferences::theme() const
{
    const QString name = read(Key::Theme, QStringLiteral("system")).toString();
    if (name == QStringLiteral("light"))
        return Theme::Light;
    if (name == QStringLiteral("dark"))
        return Theme::Dark;
    return Theme::System;
}

int Preferences::fontPointSize() const
{
    const int points = read(Key::FontSize, 0).toInt();
    return points <= 0 ? 0 : std::clamp(points, kMinFontPoints, kMaxFontPoints);
}

bool Preferences::confirmReveal() const
{
    return read(Key::ConfirmReveal, true).toBool();
}

int Preferences::presentationFontPointSize() const
{
    const int points = read(Key::PresentationFontSize, 0).toInt();
    return points <= 0 ? kDefaultPresentationFontPoints : std::clamp(points, kMinFontPoints, kMaxFontPoints);
}

void Preferences::setBrowserMode(oidc::flow::BrowserMode mode)
{
    write(Key::BrowserMode, oidc::flow::browserModeKey(mode));
}

void Preferences::setRequestTimeoutSeconds(int seconds)
{
    write(Key::RequestTimeout, std::clamp(seconds, 0, kMaxTimeoutSeconds));
}

void Preferences::setClockLeewaySeconds(int seconds)
{
    write(Key::ClockLeeway, std::clamp(seconds, 0, kMaxLeewaySeconds));
}

void Preferences::setRedirectPort(quint16 port)
{
    write(Key::RedirectPort, static_cast<int>(port));
}

void Preferences::setAutomaticRefresh(bool on)
{
    write(Key::AutomaticRefresh, on);
}

void Preferences::setTheme(Theme theme)
{
    write(Key::Theme, themeName(theme).toLower());
}

void Preferences::setFontPointSize(int points)
{
    write(Key::FontSize, points <= 0 ? 0 : std::clamp(points, kMinFontPoints, kMaxFontPoints));
}

void Preferences::setConfirmReveal(bool on)
{
    write(Key::ConfirmReveal, on);
}

void Preferences::setPresentationFontPointSize(int points)
{
    write(Key::PresentationFontSize, points <= 0 ? 0 : std::clamp(points, kMinFontPoints, kMaxFontPoints));
}

QString Preferences::themeName(Theme theme)
{
    switch (theme) {
    case Theme::System: return QStringLiteral("System");
    case Theme::Light: return QStringLiteral("Light");
    case Theme::Dark: return QStringLiteral("Dark");
    }
    return {};
}

} // namespace ui

#include "moc_Preferences.cpp"
