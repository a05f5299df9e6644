#include "ui/sandbox/FaultsPanel.h"

#include "ui/UiText.h"
#include "ui/sandbox/FaultText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "sandbox/SandboxHost.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

namespace ui {

namespace {

constexpr int kKindRole = Qt::UserRole + 1;
constexpr int kFaultIdRole = Qt::UserRole + 2;

QString kindName(sandbox::FaultKind kind)
{
    return qs(sandbox::FaultInjector::kindName(kind));
}

// Filters QA uses most; any exact path, "{x}" segment pattern or prefix* works.
const char *const kPathSuggestions[] = {
    "/oauth2/v1/authorize",
    "/oauth2/v1/token",
    "/oauth2/v1/userinfo",
    "/v1/auth/otp/signin/{method}",
    "/v1/auth/otp/verify/{method}",
    "/v1/auth/magiclink/verify",
    "/v1/auth/enchantedlink/pending-session",
    "/v1/auth/refresh",
    "/v1/auth/*",
};

QGroupBox *group(const QString &title, QLayout *layout)
{
    auto *box = new QGroupBox(title);
    box->setLayout(layout);
    return box;
}

QSpinBox *spin(const QString &name, int minimum, int maximum, int value)
{
    auto *box = new QSpinBox;
    box->setObjectName(name);
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}

} // namespace

FaultsPanel::FaultsPanel(sandbox::SandboxHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
{
    setObjectName(QStringLiteral("faultsPanel"));
    auto *header = new PanelHeader(Type::Title, tr("Sandbox Faults"),
                                   tr("Make the sandbox misbehave on purpose and check the app reacts as rp-checks says. Tick a kind to "
                                      "switch it on with the parameters on the right; untick it to switch it off. /sandbox/… routes are "
                                      "never faulted."));
    layout::attach(this, layout::column({header, layout::Item(layout::row({buildKinds(), layout::Item(buildParameters(), 1)}, layout::spaced(8)), 3),
                                         layout::Item(buildActiveFaults(), 2), buildSandboxControls()},
                                        {.margins = QMargins(8, 8, 8, 8), .spacing = 8}));
    connectControls();

    m_kinds->setCurrentRow(0);
    showKind();
    refresh();
    updateKeyLabel();
}

QWidget *FaultsPanel::buildKinds()
{
    m_kinds = new QListWidget;
    m_kinds->setObjectName(QStringLiteral("faultKinds"));
    m_kinds->setSelectionMode(QAbstractItemView::SingleSelection);
    m_kinds->setUniformItemSizes(true);
    for (const sandbox::FaultKind kind : sandbox::FaultInjector::allKinds()) {
        auto *item = new QListWidgetItem(faultText(kind).label, m_kinds);
        item->setData(kKindRole, static_cast<int>(kind));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setToolTip(plainToolTip(kindName(kind) + QStringLiteral(": ") + faultText(kind).expectation));
    }
    m_kinds->setMinimumWidth(m_kinds->sizeHintForColumn(0) + 40);
    m_kinds->setMaximumWidth(m_kinds->sizeHintForColumn(0) + 60);
    return group(tr("Fault kinds"), layout::column({m_kinds}));
}

QWidget *FaultsPanel::buildParameters()
{
    m_kindTitle = typeLabel(Type::Section);
    m_kindTitle->setObjectName(QStringLiteral("faultKindTitle"));
    m_effect = plainLabel({});
    m_effect->setWordWrap(true);
    m_expectation = toneLabel(QStringLiteral("faultExpectation"), Tone::Warning);
    m_expectation->setTextInteractionFlags(Qt::NoTextInteraction);

    m_path = new QComboBox;
    m_path->setObjectName(QStringLiteral("faultPath"));
    m_path->setEditable(true);
    m_path->setInsertPolicy(QComboBox::NoInsert);
    m_path->addItem(QString());
    for (const char *path : kPathSuggestions)
        m_path->addItem(QString::fromLatin1(path));
    m_path->lineEdit()->setPlaceholderText(tr("every non-admin route"));
    m_path->setToolTip(tr("An exact path, a pattern where {…} matches one segment, or a prefix ending in *"));
    m_latency = spin(QStringLiteral("faultLatency"), 0, 120000, 1000);
    m_latency->setSingleStep(250);
    m_latency->setSuffix(tr(" ms"));
    m_status = spin(QStringLiteral("faultStatus"), 500, 599, 503);
    m_status->setPrefix(tr("HTTP "));
    m_retryAfter = spin(QStringLiteral("faultRetryAfter"), 0, 3600, 5);
    m_retryAfter->setSuffix(tr(" s"));
    m_retryAfter->setSpecialValueText(tr("none"));
    m_form = layout::form({{tr("Path filter:"), m_path},
                           {tr("Applies to:"), buildCountRow()},
                           {tr("Delay:"), m_latency},
                           {tr("Status:"), m_status},
                           {tr("Retry-After:"), m_retryAfter}});

    m_add = new QPushButton(tr("Add fault"));
    m_add->setObjectName(QStringLiteral("faultAdd"));
    m_add->setToolTip(tr("Add a fault of this kind with these parameters (faults of one kind can stack)"));
    return group(tr("Parameters"), layout::column({m_kindTitle, m_effect, m_expectation, m_form, layout::row({layout::Stretch{}, m_add}),
                                                   layout::Stretch{}}));
}

QWidget *FaultsPanel::buildCountRow()
{
    m_nextN = new QRadioButton(tr("Next"));
    m_nextN->setObjectName(QStringLiteral("faultNextN"));
    m_count = spin(QStringLiteral("faultCount"), 1, 10000, 1);
    m_count->setSuffix(tr(" request(s)"));
    m_count->setEnabled(false);
    m_untilCleared = new QRadioButton(tr("Until cleared"));
    m_untilCleared->setObjectName(QStringLiteral("faultUntilCleared"));
    QWidget *row = layout::widget(layout::row({m_nextN, m_count, layout::Space{12}, m_untilCleared, layout::Stretch{}}, {.margins = layout::kFlush}));
    auto *choice = new QButtonGroup(row);
    choice->addButton(m_nextN);
    choice->addButton(m_untilCleared);
    m_untilCleared->setChecked(true);
    return row;
}

QWidget *FaultsPanel::buildActiveFaults()
{
    m_active = new QTreeWidget;
    m_active->setObjectName(QStringLiteral("activeFaults"));
    m_active->setRootIsDecorated(false);
    m_active->setUniformRowHeights(true);
    m_active->setAlternatingRowColors(true);
    m_active->setHeaderLabels({tr("ID"), tr("Kind"), tr("Path filter"), tr("Remaining"), tr("Parameters")});
    m_active->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_active->setColumnWidth(1, 200);
    m_active->setColumnWidth(2, 260);
    m_active->setColumnWidth(3, 110);
    m_activeSummary = typeLabel(Type::Caption);
    m_activeSummary->setObjectName(QStringLiteral("activeSummary"));
    m_remove = new QPushButton(tr("Remove"));
    m_remove->setObjectName(QStringLiteral("faultRemove"));
    m_clearAll = new QPushButton(tr("Clear all"));
    m_clearAll->setObjectName(QStringLiteral("faultClearAll"));
    return group(tr("Active faults"), layout::column({m_active, layout::row({layout::Item(m_activeSummary, 1), m_remove, m_clearAll})}));
}

QWidget *FaultsPanel::buildSandboxControls()
{
    m_rotate = new QPushButton(tr("Rotate signing key"));
    m_rotate->setObjectName(QStringLiteral("sandboxRotateKeys"));
    m_rotate->setToolTip(tr("New current key; the old one stays in the JWKS for the grace period (K2: the app refetches the JWKS for the new kid)"));
    m_reset = new QPushButton(tr("Reset sandbox state"));
    m_reset->setObjectName(QStringLiteral("sandboxReset"));
    m_reset->setToolTip(tr("Back to the fixtures: users, sessions, codes, links, Inbox, faults, rate limits, clock. Keys are kept."));
    m_keyLabel = plainLabel({});
    m_keyLabel->setObjectName(QStringLiteral("sandboxKey"));
    m_keyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = typeLabel(Type::Caption);
    m_note->setWordWrap(false);
    m_note->setObjectName(QStringLiteral("sandboxStatus"));
    return group(tr("Sandbox"), layout::row({m_rotate, m_reset, layout::Item(m_keyLabel, 1), m_note}));
}

void FaultsPanel::connectControls()
{
    connect(m_kinds, &QListWidget::currentItemChanged, this, &FaultsPanel::showKind);
    connect(m_kinds, &QListWidget::itemChanged, this, &FaultsPanel::kindToggled);
    connect(m_nextN, &QRadioButton::toggled, m_count, &QSpinBox::setEnabled);
    connect(m_add, &QPushButton::clicked, this, [this] { addFault(selectedKind()); });
    connect(m_active, &QTreeWidget::itemSelectionChanged, this, [this] { m_remove->setEnabled(!m_active->selectedItems().isEmpty()); });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (!m_host)
            return;
        std::vector<int> ids;
        for (const auto *item : m_active->selectedItems())
            ids.push_back(item->data(0, kFaultIdRole).toInt());
        m_host->removeFaults(std::move(ids));
    });
    connect(m_clearAll, &QPushButton::clicked, this, [this] {
        if (m_host)
            m_host->clearFaults();
    });
    connect(m_rotate, &QPushButton::clicked, this, &FaultsPanel::rotateKeys);
    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (!m_host)
            return;
        m_host->reset();
        m_note->setText(tr("State reset to the fixtures"));
    });
    if (m_host) {
        connect(m_host, &sandbox::SandboxHost::faultsChanged, this, &FaultsPanel::refresh);
        connect(m_host, &sandbox::SandboxHost::keysRotated, this, &FaultsPanel::updateKeyLabel);
        connect(m_host, &sandbox::SandboxHost::started, this, &FaultsPanel::updateKeyLabel);
    }
}

FaultsPanel::~FaultsPanel() = default;

QListWidgetItem *FaultsPanel::kindItem(sandbox::FaultKind kind) const
{
    for (int row = 0; row < m_kinds->count(); ++row) {
        QListWidgetItem *item = m_kinds->item(row);
        if (item->data(kKindRole).toInt() == static_cast<int>(kind))
            return item;
    }
    return nullptr;
}

void FaultsPanel::selectKind(sandbox::FaultKind kind)
{
    if (QListWidgetItem *item = kindItem(kind))
        m_kinds->setCurrentItem(item);
}

sandbox::FaultKind FaultsPanel::selectedKind() const
{
    const QListWidgetItem *item = m_kinds->currentItem();
    return item ? static_cast<sandbox::FaultKind>(item->data(kKindRole).toInt()) : sandbox::FaultKind::Latency;
}

sandbox::Fault FaultsPanel::faultFromEditor(sandbox::FaultKind kind) const
{
    sandbox::Fault fault;
    fault.kind = kind;
    fault.path = toStd(m_path->currentText().trimmed());
    fault.remaining = m_nextN->isChecked() ? m_count->value() : -1;
    fault.latencyMs = m_latency->value();
    fault.status = m_status->value();
    fault.retryAfterSeconds = m_retryAfter->value();
    return fault;
}

void FaultsPanel::addFault(sandbox::FaultKind kind)
{
    if (!m_host)
        return;
    m_host->addFault(faultFromEditor(kind), this, [this](int id) { m_note->setText(tr("Added fault #%1").arg(id)); });
}

void FaultsPanel::removeKind(sandbox::FaultKind kind)
{
    if (m_host)
        m_host->removeFaults(kind);
}

void FaultsPanel::kindToggled(QListWidgetItem *item)
{
    const auto kind = static_cast<sandbox::FaultKind>(item->data(kKindRole).toInt());
    if (m_kinds->currentItem() != item)
        m_kinds->setCurrentItem(item);
    if (item->checkState() == Qt::Checked)
        addFault(kind);
    else
        removeKind(kind);
    // The sandbox's faultsChanged brings the truth back; without a sandbox, show it now.
    if (!m_host)
        refresh();
}

void FaultsPanel::showKind()
{
    const sandbox::FaultKind kind = selectedKind();
    const FaultText text = faultText(kind);
    m_kindTitle->setText(tr("%1  (%2)").arg(text.label, kindName(kind)));
    m_effect->setText(text.effect);
    m_expectation->setText(text.expectation);
    m_form->setRowVisible(m_latency, faultUsesLatency(kind));
    m_form->setRowVisible(m_status, faultUsesStatus(kind));
    m_form->setRowVisible(m_retryAfter, faultUsesRetryAfter(kind));
}

void FaultsPanel::refresh()
{
    m_active->clear();
    std::vector<int> activeKinds;
    if (m_host) {
        for (const auto &fault : m_host->faults()) {
            auto *item = new QTreeWidgetItem(m_active);
            item->setData(0, kFaultIdRole, fault.id);
            item->setText(0, QString::number(fault.id));
            item->setText(1, faultText(fault.kind).label);
            item->setToolTip(1, plainToolTip(kindName(fault.kind)));
            item->setText(2, fault.path.empty() ? tr("every route") : qs(fault.path));
            if (fault.path.empty())
                item->setForeground(2, mutedColor());
            item->setText(3, fault.remaining < 0 ? tr("until cleared") : tr("%1 left").arg(fault.remaining));
            item->setText(4, faultParameters(fault));
            activeKinds.push_back(static_cast<int>(fault.kind));
        }
    }
    {
        const QSignalBlocker blocker(m_kinds);
        for (int row = 0; row < m_kinds->count(); ++row) {
            QListWidgetItem *item = m_kinds->item(row);
            const bool on = std::find(activeKinds.begin(), activeKinds.end(), item->data(kKindRole).toInt()) != activeKinds.end();
            item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
            QFont font = item->font();
            font.setBold(on);
            item->setFont(font);
        }
    }
    m_kinds->viewport()->update();
    const int count = m_active->topLevelItemCount();
    m_activeSummary->setText(count == 0 ? tr("No fault is active: the sandbox behaves.")
                                        : (count == 1 ? tr("1 active fault") : tr("%1 active faults").arg(count)));
    m_clearAll->setEnabled(count > 0);
    m_remove->setEnabled(!m_active->selectedItems().isEmpty());
    const bool running = m_host != nullptr;
    m_add->setEnabled(running);
    m_rotate->setEnabled(running);
    m_reset->setEnabled(running);
}

void FaultsPanel::rotateKeys()
{
    if (!m_host)
        return;
    m_rotate->setEnabled(false);
    m_note->setText(tr("Generating a key…"));
    // Answered on this panel's thread, or dropped if the panel is gone (SandboxHost).
    m_host->rotateKeys(this, [this](const oidc::Result<std::string> &result) {
        m_rotate->setEnabled(m_host != nullptr);
        if (result)
            m_note->setText(tr("Key rotated"));
        else
            m_note->setText(tr("Rotation failed: %1").arg(errorText(result.error())));
        updateKeyLabel();
    });
}

void FaultsPanel::updateKeyLabel()
{
    if (!m_host || m_host->currentKid().isEmpty()) {
        m_keyLabel->setText(tr("Signing key: none yet"));
        return;
    }
    m_keyLabel->setText(tr("Signing key: kid %1").arg(m_host->currentKid()));
}

} // namespace ui

#include "moc_FaultsPanel.cpp"
