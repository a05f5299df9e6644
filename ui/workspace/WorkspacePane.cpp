#include "WorkspacePane.h"

#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"
#include "ui/workspace/WorkspaceController.h"

#include "secrets/FallbackSecretStore.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>

#include <algorithm>

namespace ui {

WorkspacePane::WorkspacePane(WorkspaceController &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_current(typeLabel(Type::Section))
    , m_keychainNotice(untonedLabel(QStringLiteral("keychainNotice"), noKeychainText()))
    , m_recent(new QListWidget)
{
    setObjectName(QStringLiteral("workspacePane"));
    m_current->setObjectName(QStringLiteral("currentWorkspaceLabel"));
    m_current->setAccessibleName(QStringLiteral("Open workspace"));
    m_keychainNotice->setAccessibleName(QStringLiteral("Secrets in memory only"));
    m_recent->setObjectName(QStringLiteral("recentWorkspacesList"));
    m_recent->setAccessibleName(QStringLiteral("Recent workspaces"));
    m_recent->setFrameShape(QFrame::NoFrame);
    m_recent->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    QLabel *recentHeading = typeLabel(Type::Caption, QStringLiteral("Recent workspaces"));

    layout::attach(this, layout::column({typeLabel(Type::Caption, QStringLiteral("Workspace")), m_current, m_keychainNotice,
                                         recentHeading, m_recent},
                                        {.margins = QMargins(10, 8, 10, 8), .spacing = 4}));

    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT openRequested(item->data(Qt::UserRole).toString()); });
    connect(&m_workspace, &WorkspaceController::stateChanged, this, &WorkspacePane::showState);
    connect(&m_workspace, &WorkspaceController::recentChanged, this, &WorkspacePane::showRecent);
    connect(&m_workspace.secretStore(), &secrets::FallbackSecretStore::stateChanged, this, &WorkspacePane::showSecretsState);
    showState();
    showRecent();
    showSecretsState();
}

QString WorkspacePane::noKeychainText()
{
    return secrets::kNoKeychainNotice.toString() + QLatin1Char('.');
}

void WorkspacePane::showState()
{
    m_current->setText(m_workspace.displayName() + (m_workspace.isDirty() ? QStringLiteral(" *") : QString()));
    m_current->setToolTip(m_workspace.path().isEmpty() ? QStringLiteral("Not saved yet") : QDir::toNativeSeparators(m_workspace.path()));
}

void WorkspacePane::showRecent()
{
    m_recent->clear();
    for (const QString &path : m_workspace.recent()) {
        auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
    }
    fitRecentList();
}

void WorkspacePane::fitRecentList()
{
    constexpr int kMostRowsShown = 5;
    const int rows = std::clamp(m_recent->count(), 1, kMostRowsShown);
    const int rowHeight = m_recent->count() > 0 ? m_recent->sizeHintForRow(0) : m_recent->fontMetrics().height();
    m_recent->setFixedHeight(rows * rowHeight + 2 * m_recent->frameWidth());
}

void WorkspacePane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitRecentList(); // zoom and theme change the rows' height
}

void WorkspacePane::showSecretsState()
{
    const secrets::FallbackSecretStore &store = m_workspace.secretStore();
    const bool memoryOnly = store.state() == secrets::FallbackSecretStore::State::MemoryOnly;
    // Its box is a style sheet, and the app's first one sets up Qt's style-sheet style (~1 ms):
    // given when the notice first shows — never on a start with a keychain, else after the first
    // frame, once the keychain has answered (issue 7).
    if (memoryOnly)
        updateTone(m_keychainNotice, Tone::Warning);
    m_keychainNotice->setVisible(memoryOnly);
    m_keychainNotice->setToolTip(store.fallbackReason());
}

} // namespace ui

#include "moc_WorkspacePane.cpp"
