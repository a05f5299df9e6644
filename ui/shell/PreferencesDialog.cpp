#include "PreferencesDialog.h"

#include "ui/shell/Preferences.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QSpinBox>

namespace ui {

namespace {

QSpinBox *preferenceSpin(const QString &name, const QString &accessibleName, int minimum, int maximum, int value)
{
    auto *spin = new QSpinBox;
    spin->setObjectName(name);
    spin->setAccessibleName(accessibleName);
    spin->setRange(minimum, maximum);
    spin->setValue(value);
    return spin;
}

QCheckBox *preferenceCheck(const QString &name, const QString &text, bool checked)
{
    auto *check = new QCheckBox(text);
    check->setObjectName(name);
    check->setChecked(checked);
    return check;
}

} // namespace

PreferencesDialog::PreferencesDialog(Preferences &preferences, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(QStringLiteral("Preferences"));

    auto *theme = new QComboBox;
    theme->setObjectName(QStringLiteral("themeCombo"));
    theme->setAccessibleName(QStringLiteral("Theme"));
    for (const Preferences::Theme value : {Preferences::Theme::System, Preferences::Theme::Light, Preferences::Theme::Dark})
        theme->addItem(Preferences::themeName(value), static_cast<int>(value));
    theme->setCurrentIndex(theme->findData(static_cast<int>(preferences.theme())));

    QSpinBox *fontSize = preferenceSpin(QStringLiteral("fontSizeSpin"), QStringLiteral("Font size"), 0, Preferences::kMaxFontPoints,
                                        preferences.fontPointSize());
    fontSize->setSpecialValueText(QStringLiteral("The platform's"));
    fontSize->setSuffix(QStringLiteral(" pt"));
    fontSize->setToolTip(QStringLiteral("Ctrl+= and Ctrl+- change it too; Ctrl+0 goes back to the platform's size."));

    QSpinBox *timeout = preferenceSpin(QStringLiteral("requestTimeoutSpin"), QStringLiteral("Request timeout"), 0,
                                       Preferences::kMaxTimeoutSeconds, preferences.requestTimeoutSeconds());
    timeout->setSpecialValueText(QStringLiteral("Each request's own (30 s, discovery 15 s)"));
    timeout->setSuffix(QStringLiteral(" s"));
    timeout->setToolTip(QStringLiteral("How long any HTTP request may take before it fails with NET_TIMEOUT."));

    auto *browser = new QComboBox;
    browser->setObjectName(QStringLiteral("browserModeCombo"));
    browser->setAccessibleName(QStringLiteral("Default browser"));
    browser->addItem(QStringLiteral("Embedded browser"), static_cast<int>(oidc::flow::BrowserMode::Embedded));
    browser->addItem(QStringLiteral("System browser (loopback redirect, RFC 8252 §7.3)"), static_cast<int>(oidc::flow::BrowserMode::System));
    browser->addItem(QStringLiteral("System browser (private-use URI scheme, RFC 8252 §7.1)"),
                     static_cast<int>(oidc::flow::BrowserMode::PrivateUseScheme));
    browser->setCurrentIndex(browser->findData(static_cast<int>(preferences.browserMode())));

    QSpinBox *port = preferenceSpin(QStringLiteral("redirectPortSpin"), QStringLiteral("Default redirect port"), 0, 65535,
                                    preferences.redirectPort());
    port->setSpecialValueText(QStringLiteral("Any free port"));
    QSpinBox *leeway = preferenceSpin(QStringLiteral("clockLeewaySpin"), QStringLiteral("Default clock leeway"), 0,
                                      Preferences::kMaxLeewaySeconds, preferences.clockLeewaySeconds());
    leeway->setSuffix(QStringLiteral(" s"));
    leeway->setToolTip(QStringLiteral("Clock skew allowed for exp, nbf, iat and auth_time (OIDC Core §3.1.3.7)."));

    QCheckBox *autoRefresh = preferenceCheck(QStringLiteral("automaticRefreshCheck"),
                                             QStringLiteral("Refresh the flow's tokens automatically (at 80 % of the access token's lifetime)"),
                                             preferences.automaticRefresh());
    QCheckBox *confirmReveal = preferenceCheck(QStringLiteral("confirmRevealCheck"),
                                               QStringLiteral("Ask before the Exchange Log reveals secrets"), preferences.confirmReveal());

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->setObjectName(QStringLiteral("preferencesButtons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    layout::attach(this, layout::column({
        typeLabel(Type::Section, QStringLiteral("Appearance")),
        layout::form({{QStringLiteral("Theme"), theme}, {QStringLiteral("Font size"), fontSize}}),
        typeLabel(Type::Section, QStringLiteral("Network")),
        layout::form({{QStringLiteral("Request timeout"), timeout}}),
        typeLabel(Type::Section, QStringLiteral("New provider profiles start with")),
        layout::form({{QStringLiteral("Browser"), browser}, {QStringLiteral("Redirect port"), port}, {QStringLiteral("Clock leeway"), leeway}}),
        typeLabel(Type::Caption, QStringLiteral("The built-in sandbox's profile follows these until you change its flow settings.")),
        typeLabel(Type::Section, QStringLiteral("Flow and secrets")),
        autoRefresh,
        confirmReveal,
        layout::Stretch{},
        buttons,
    }));

    connect(theme, &QComboBox::currentIndexChanged, this, [&preferences, theme] {
        preferences.setTheme(static_cast<Preferences::Theme>(theme->currentData().toInt()));
    });
    connect(fontSize, &QSpinBox::valueChanged, this, [&preferences](int points) { preferences.setFontPointSize(points); });
    connect(timeout, &QSpinBox::valueChanged, this, [&preferences](int seconds) { preferences.setRequestTimeoutSeconds(seconds); });
    connect(browser, &QComboBox::currentIndexChanged, this, [&preferences, browser] {
        preferences.setBrowserMode(static_cast<oidc::flow::BrowserMode>(browser->currentData().toInt()));
    });
    connect(port, &QSpinBox::valueChanged, this, [&preferences](int value) { preferences.setRedirectPort(static_cast<quint16>(value)); });
    connect(leeway, &QSpinBox::valueChanged, this, [&preferences](int seconds) { preferences.setClockLeewaySeconds(seconds); });
    connect(autoRefresh, &QCheckBox::toggled, this, [&preferences](bool on) { preferences.setAutomaticRefresh(on); });
    connect(confirmReveal, &QCheckBox::toggled, this, [&preferences](bool on) { preferences.setConfirmReveal(on); });
    // Zoom keys change the font size while the dialog is open: show it.
    connect(&preferences, &Preferences::changed, fontSize, [&preferences, fontSize](Preferences::Key key) {
        if (key == Preferences::Key::FontSize) {
            const QSignalBlocker blocker(fontSize);
            fontSize->setValue(preferences.fontPointSize());
        }
    });
}

} // namespace ui

#include "moc_PreferencesDialog.cpp"
