#pragma once

// The user's preferences, one QSettings group ("preferences/…") in the app's settings: what the
// Preferences dialog edits and what the app reads them from. Every setter stores the value and
// emits changed() when it differs, so each reader applies it at once (no restart): the theme and
// font size app-wide (Theme), the request timeout in AppContext's transport, the defaults a new
// provider profile starts with (browser mode, redirect port, clock leeway), automatic refresh on
// the flow page, the confirmation before the exchange log reveals secrets, presentation mode's font size.
//
// Values out of range are clamped on read, so a hand-edited settings file cannot set a timeout of
// zero or a font of 200 points.

#include "oidc/flow/ProviderProfile.h"

#include <QObject>

class QSettings;

namespace ui {

class Preferences final : public QObject {
    Q_OBJECT
public:
    enum class Theme { System, Light, Dark };
    Q_ENUM(Theme)
    enum class Key { BrowserMode, RequestTimeout, ClockLeeway, RedirectPort, AutomaticRefresh, Theme, FontSize, ConfirmReveal, PresentationFontSize };
    Q_ENUM(Key)

    static constexpr int kMaxTimeoutSeconds = 600;
    static constexpr int kMaxLeewaySeconds = 24 * 3600;
    static constexpr int kDefaultLeewaySeconds = 30;  // the core's default (SecuritySettings)
    static constexpr int kMinFontPoints = 6;
    static constexpr int kMaxFontPoints = 32;
    static constexpr int kDefaultPresentationFontPoints = 16; // readable from the back of a small room

    // `settings` must outlive this object.
    explicit Preferences(QSettings &settings, QObject *parent = nullptr);

    [[nodiscard]] oidc::flow::BrowserMode browserMode() const;
    [[nodiscard]] int requestTimeoutSeconds() const; // 0: each request's own (30 s, discovery 15 s)
    [[nodiscard]] int clockLeewaySeconds() const;
    [[nodiscard]] quint16 redirectPort() const; // 0: any free port (RFC 8252 §7.3)
    [[nodiscard]] bool automaticRefresh() const;
    [[nodiscard]] Theme theme() const;
    [[nodiscard]] int fontPointSize() const;    // 0: the platform's size
    [[nodiscard]] bool confirmReveal() const;
    // Presentation mode's own font size, which its zoom keys change (kDefaultPresentationFontPoints
    // until they do), kept apart from fontPointSize() so a demo leaves the everyday size alone.
    [[nodiscard]] int presentationFontPointSize() const;

    void setBrowserMode(oidc::flow::BrowserMode mode);
    void setRequestTimeoutSeconds(int seconds);
    void setClockLeewaySeconds(int seconds);
    void setRedirectPort(quint16 port);
    void setAutomaticRefresh(bool on);
    void setTheme(Theme theme);
    void setFontPointSize(int points);
    void setConfirmReveal(bool on);
    void setPresentationFontPointSize(int points); // 0: back to the default

    [[nodiscard]] static QString themeName(Theme theme);

Q_SIGNALS:
    void changed(ui::Preferences::Key key);

private:
    [[nodiscard]] QVariant read(Key key, const QVariant &fallback) const;
    void write(Key key, const QVariant &value);

    QSettings &m_settings;
};

} // namespace ui
