#pragma once

// The provider area at the top of the main window. Provider profiles (the built-in sandbox,
// Descope projects, other OIDC providers) arrive with the sandbox and flow features; until then
// the bar says so and its combo box stays empty. Later code fills it through setProfiles().

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;

namespace ui {

class ProviderBar final : public QWidget {
    Q_OBJECT
public:
    explicit ProviderBar(QWidget *parent = nullptr);

    // Replaces the profiles offered; an empty list restores the "none yet" state.
    void setProfiles(const QStringList &names);
    void setStatus(const QString &text);

    [[nodiscard]] QComboBox *profileCombo() const { return m_combo; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void profileChanged(const QString &name);

private:
    QComboBox *m_combo;
    QLabel *m_status;
};

} // namespace ui
