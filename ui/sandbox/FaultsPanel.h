#pragma once

// Sandbox fault injection for QA: a toggle per FaultInjector kind with its parameters (path
// filter, next N requests or until cleared, latency / status / Retry-After), what a correct
// client does about each (rp-checks IDs), the active faults (live, from the host's snapshot and
// its faultsChanged), Clear all; and the sandbox controls QA needs: rotate the signing key, reset
// the state. Every change goes to the sandbox thread; the list shows what the sandbox reports back.

#include "sandbox/FaultInjector.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTreeWidget;

namespace sandbox {
class SandboxHost;
}

namespace ui {

class FaultsPanel final : public QWidget {
    Q_OBJECT
public:
    explicit FaultsPanel(sandbox::SandboxHost *host, QWidget *parent = nullptr);
    ~FaultsPanel() override;

    // The kind the parameter editor shows.
    void selectKind(sandbox::FaultKind kind);
    [[nodiscard]] sandbox::FaultKind selectedKind() const;
    // The toggle of a kind (checked while a fault of that kind is active).
    [[nodiscard]] QListWidgetItem *kindItem(sandbox::FaultKind kind) const;
    // The fault the editor describes for `kind` (path, count and the kind's parameters).
    [[nodiscard]] sandbox::Fault faultFromEditor(sandbox::FaultKind kind) const;

private:
    QWidget *buildKinds();
    QWidget *buildParameters();
    QWidget *buildCountRow();
    QWidget *buildActiveFaults();
    QWidget *buildSandboxControls();
    void connectControls();
    void addFault(sandbox::FaultKind kind);
    void removeKind(sandbox::FaultKind kind);
    void kindToggled(QListWidgetItem *item);
    void showKind();
    void refresh();
    void rotateKeys();
    void updateKeyLabel();

    QPointer<sandbox::SandboxHost> m_host;
    QListWidget *m_kinds = nullptr;
    QLabel *m_kindTitle = nullptr;
    QLabel *m_effect = nullptr;
    QLabel *m_expectation = nullptr;
    QFormLayout *m_form = nullptr;
    QComboBox *m_path = nullptr;
    QRadioButton *m_nextN = nullptr;
    QRadioButton *m_untilCleared = nullptr;
    QSpinBox *m_count = nullptr;
    QSpinBox *m_latency = nullptr;
    QSpinBox *m_status = nullptr;
    QSpinBox *m_retryAfter = nullptr;
    QPushButton *m_add = nullptr;
    QTreeWidget *m_active = nullptr;
    QLabel *m_activeSummary = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_clearAll = nullptr;
    QPushButton *m_rotate = nullptr;
    QPushButton *m_reset = nullptr;
    QLabel *m_keyLabel = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace ui
