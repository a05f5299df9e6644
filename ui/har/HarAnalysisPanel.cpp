#include "HarAnalysisPanel.h"

#include "ui/CheckListView.h"
#include "ui/ClaimTreeModel.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/Async.h"
#include "oidc/Redaction.h"
#include "oidc/har/HarReader.h"
#include "oidc/jwt/Jwt.h"

#include <QDragEnterEvent>
#include <algorithm>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>
#include <QTreeWidget>

namespace ui {

namespace {

QTreeWidget *harList(const QString &name, const QStringList &columns)
{
    auto *list = new QTreeWidget;
    list->setObjectName(name);
    list->setHeaderLabels(columns);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->setAlternatingRowColors(true);
    list->setSelectionBehavior(QAbstractItemView::SelectRows);
    list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list->setTextElideMode(Qt::ElideMiddle);
    return list;
}

QColor severityColor(oidc::har::Severity severity)
{
    switch (severity) {
    case oidc::har::Severity::Error: return failColor();
    case oidc::har::Severity::Warning: return warnColor();
    case oidc::har::Severity::Info: return mutedColor();
    }
    return mutedColor();
}

// The first local file of a drag, if any.
QString droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls())
        return {};
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            return url.toLocalFile();
    return {};
}

} // namespace

HarAnalysisPanel::HarAnalysisPanel(QWidget *parent)
    : QWidget(parent)
    , m_openButton(new QPushButton(QStringLiteral("Open HAR…")))
    , m_cancelButton(new QPushButton(QStringLiteral("Cancel")))
    , m_progress(new QProgressBar)
    , m_status(plainLabel(QStringLiteral("Open a HAR file, or drop one here: a browser's export (DevTools → Network → Save all as HAR) "
                                         "or the Exchange Log's.")))
    , m_findings(harList(QStringLiteral("harFindingsList"), {QStringLiteral("Severity"), QStringLiteral("Code"), QStringLiteral("Entry"),
                                                             QStringLiteral("Finding")}))
    , m_exchanges(harList(QStringLiteral("harExchangesList"), {QStringLiteral("Entry"), QStringLiteral("Kind"), QStringLiteral("Method"),
                                                               QStringLiteral("Status"), QStringLiteral("URL"), QStringLiteral("Detail")}))
    , m_tokens(harList(QStringLiteral("harTokensList"), {QStringLiteral("Entry"), QStringLiteral("Token"), QStringLiteral("Where"), QStringLiteral("Value")}))
    , m_findingDetail(plainLabel(QString()))
    , m_claims(new ClaimTreeModel(this))
    , m_claimTree(new QTreeView)
    , m_checks(new CheckListView(QStringLiteral("harTokenChecks"), {.detailPane = true, .ruleColumn = false}))
    , m_inspectButton(new QPushButton(QStringLiteral("Open in JWT Inspector")))
{
    setObjectName(QStringLiteral("harAnalysisPanel"));
    setAcceptDrops(true);
    auto *header = new PanelHeader(Type::Title, QStringLiteral("HAR Analysis"),
                                   QStringLiteral("What a HAR file holds of OAuth, OpenID Connect and Descope, and what a support engineer "
                                                  "looks for: missing PKCE, state or nonce mismatches, reused codes, expired tokens, clock "
                                                  "skew, 429s, tokens in URLs, ID-token signatures against the JWKS in the file."));
    m_openButton->setObjectName(QStringLiteral("harOpenButton"));
    m_cancelButton->setObjectName(QStringLiteral("harCancelButton"));
    m_progress->setObjectName(QStringLiteral("harProgress"));
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(true);
    m_status->setObjectName(QStringLiteral("harStatusLabel"));
    m_status->setWordWrap(true);
    m_inspectButton->setObjectName(QStringLiteral("harInspectButton"));
    m_findingDetail->setObjectName(QStringLiteral("harFindingDetail"));
    m_findingDetail->setWordWrap(true);
    m_findingDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_claimTree->setObjectName(QStringLiteral("harClaimTree"));
    m_claimTree->setModel(m_claims);
    m_claimTree->setAlternatingRowColors(true);
    m_claimTree->setUniformRowHeights(true);
    m_claimTree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_claimTree->header()->setStretchLastSection(true);
    m_claimTree->setColumnWidth(ClaimTreeModel::NameColumn, 110);
    m_claimTree->setColumnWidth(ClaimTreeModel::ValueColumn, 220);
    m_findings->setTextElideMode(Qt::ElideRight);
    m_findings->setColumnWidth(0, 70);
    m_findings->setColumnWidth(1, 170);
    m_findings->setColumnWidth(2, 50);
    m_exchanges->setColumnWidth(0, 50);
    m_exchanges->setColumnWidth(1, 80);
    m_exchanges->setColumnWidth(2, 56);
    m_exchanges->setColumnWidth(3, 50);
    m_exchanges->setColumnWidth(4, 320);
    m_tokens->setColumnWidth(0, 50);
    m_tokens->setColumnWidth(1, 110);
    m_tokens->setColumnWidth(2, 130);

    auto *lists = new QTabWidget;
    lists->setObjectName(QStringLiteral("harListTabs"));
    lists->addTab(m_exchanges, QStringLiteral("Exchanges"));
    lists->addTab(m_tokens, QStringLiteral("Tokens"));
    auto *tokenPane = new QTabWidget;
    tokenPane->setObjectName(QStringLiteral("harTokenTabs"));
    tokenPane->addTab(m_claimTree, QStringLiteral("Claims"));
    tokenPane->addTab(m_checks, QStringLiteral("Checks"));
    QWidget *tokenColumn = layout::widget(layout::column({layout::Item(tokenPane, 1), layout::row({layout::Stretch{}, m_inspectButton})},
                                                         {.margins = layout::kFlush, .spacing = 6}));
    auto *lower = new QSplitter(Qt::Horizontal);
    lower->addWidget(lists);
    lower->addWidget(tokenColumn);
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 2);
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("harSplitter"));
    splitter->addWidget(layout::widget(layout::column({layout::Item(m_findings, 1), m_findingDetail}, {.margins = layout::kFlush, .spacing = 4})));
    splitter->addWidget(lower);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    // The spacer takes the width while the progress bar is hidden, so the buttons keep their size.
    layout::attach(this, layout::column({header, layout::row({m_openButton, layout::Item(m_progress, 1), m_cancelButton, layout::Stretch{0}}),
                                         m_status, layout::Item(splitter, 1)},
                                        {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));
    setRunning(false);
    m_progress->setValue(0);
    m_inspectButton->setEnabled(false);

    connect(m_openButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open HAR"), {}, QStringLiteral("HAR files (*.har *.json);;All files (*)"));
        if (!path.isEmpty())
            openHar(path);
    });
    connect(m_cancelButton, &QPushButton::clicked, this, &HarAnalysisPanel::cancel);
    connect(m_findings, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        m_findingDetail->setText(item ? item->text(1) + QStringLiteral(" · entry ") + item->text(2) + QStringLiteral(": ") + item->text(3) : QString());
        if (item)
            selectEntry(item->data(2, Qt::UserRole).toInt());
    });
    connect(m_tokens, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        showToken(item ? m_tokens->indexOfTopLevelItem(item) : -1);
    });
    connect(m_inspectButton, &QPushButton::clicked, this, [this] {
        const int index = m_tokens->currentItem() ? m_tokens->indexOfTopLevelItem(m_tokens->currentItem()) : -1;
        if (index >= 0 && index < static_cast<int>(m_analysis.tokens.size()))
            Q_EMIT inspectToken(qs(m_analysis.tokens[static_cast<size_t>(index)].value));
    });
}

HarAnalysisPanel::~HarAnalysisPanel()
{
    if (m_cancel)
        *m_cancel = true;
}

void HarAnalysisPanel::setRunning(bool running)
{
    m_cancelButton->setEnabled(running);
    m_progress->setVisible(running);
}

void HarAnalysisPanel::openHar(const QString &path)
{
    cancel();
    const int run = ++m_run;
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancelled;
    m_progress->setValue(0);
    setRunning(true);
    m_status->setText(QStringLiteral("Reading %1…").arg(QFileInfo(path).fileName()));
    updateTone(m_status, Tone::Neutral);
    // Progress comes back through the same one-way door as the result (oidc/Async.h).
    auto link = oidc::ThreadLink::to(this);
    oidc::runOffThread<oidc::Result<oidc::har::HarAnalysis>>(
        this,
        [path, cancelled, link, run, this] {
            oidc::har::HarAnalyzer analyzer;
            oidc::har::HarReadOptions options;
            int lastPercent = -1;
            options.progress = [&](int64_t done, int64_t total) {
                const int percent = total > 0 ? static_cast<int>(done * 100 / total) : 0;
                if (percent != lastPercent) {
                    lastPercent = percent;
                    link->post([this, run, percent] {
                        if (run == m_run)
                            m_progress->setValue(percent);
                    });
                }
                return !cancelled->load();
            };
            auto read = oidc::har::HarReader::readFile(path, [&](oidc::har::HarEntry &&entry) { analyzer.add(entry); }, options);
            if (!read)
                return oidc::Result<oidc::har::HarAnalysis>(read.error());
            return oidc::Result<oidc::har::HarAnalysis>(analyzer.finish());
        },
        [this, run, path](oidc::Result<oidc::har::HarAnalysis> result) {
            if (run != m_run)
                return; // a newer file, or a cancel, took over
            setRunning(false);
            m_cancel.reset();
            if (!result) {
                m_status->setText(result.error().code == "HAR_CANCELLED" ? QStringLiteral("Cancelled.") : errorText(result.error()));
                updateTone(m_status, result.error().code == "HAR_CANCELLED" ? Tone::Neutral : Tone::Bad);
                Q_EMIT finished(false);
                return;
            }
            showAnalysis(*result);
            const auto errors = std::count_if(m_analysis.findings.begin(), m_analysis.findings.end(),
                                              [](const auto &f) { return f.severity == oidc::har::Severity::Error; });
            m_status->setText(QStringLiteral("%1: %2 entries, %3 OAuth/OIDC/Descope exchanges, %4 findings (%5 errors).")
                                  .arg(QFileInfo(path).fileName())
                                  .arg(m_analysis.entryCount)
                                  .arg(m_analysis.exchanges.size())
                                  .arg(m_analysis.findings.size())
                                  .arg(errors));
            updateTone(m_status, errors > 0 ? Tone::Bad : m_analysis.findings.empty() ? Tone::Good : Tone::Warning);
            Q_EMIT finished(true);
        });
}

void HarAnalysisPanel::cancel()
{
    if (!m_cancel)
        return;
    *m_cancel = true;
    m_cancel.reset();
    ++m_run; // the cancelled read's answers are dropped
    setRunning(false);
    m_status->setText(QStringLiteral("Cancelled."));
    updateTone(m_status, Tone::Neutral);
    Q_EMIT finished(false);
}

void HarAnalysisPanel::showAnalysis(const oidc::har::HarAnalysis &analysis)
{
    m_analysis = analysis;
    m_findings->clear();
    m_findingDetail->clear();
    m_exchanges->clear();
    m_tokens->clear();
    for (const auto &finding : m_analysis.findings) {
        auto *item = new QTreeWidgetItem({qs(oidc::har::severityName(finding.severity)), qs(finding.code), QString::number(finding.entry),
                                          qs(finding.message)});
        item->setData(2, Qt::UserRole, finding.entry);
        item->setForeground(0, severityColor(finding.severity));
        item->setToolTip(3, plainToolTip(qs(finding.message)));
        m_findings->addTopLevelItem(item);
    }
    for (const auto &exchange : m_analysis.exchanges) {
        auto *item = new QTreeWidgetItem({QString::number(exchange.entry), qs(oidc::har::exchangeKindName(exchange.kind)), qs(exchange.method),
                                          QString::number(exchange.status), qs(exchange.url), qs(exchange.detail)});
        item->setData(0, Qt::UserRole, exchange.entry);
        m_exchanges->addTopLevelItem(item);
    }
    for (const auto &token : m_analysis.tokens)
        m_tokens->addTopLevelItem(new QTreeWidgetItem({QString::number(token.entry), qs(token.name), qs(token.where), qs(oidc::redactSecret(token.value))}));
    if (!m_analysis.tokens.empty())
        m_tokens->setCurrentItem(m_tokens->topLevelItem(0));
    else
        showToken(-1);
}

void HarAnalysisPanel::showToken(int index)
{
    if (index < 0 || index >= static_cast<int>(m_analysis.tokens.size())) {
        m_claims->clear();
        m_checks->clear();
        m_inspectButton->setEnabled(false);
        return;
    }
    const auto &token = m_analysis.tokens[static_cast<size_t>(index)];
    auto decoded = oidc::jwt::decodeJwt(token.value);
    if (decoded)
        m_claims->setToken(decoded->headerJson, decoded->claimsJson);
    else
        m_claims->clear();
    m_checks->setChecks(token.checks);
    m_claimTree->expandAll();
    m_inspectButton->setEnabled(true);
}

void HarAnalysisPanel::selectEntry(int entry)
{
    for (int row = 0; row < m_exchanges->topLevelItemCount(); ++row) {
        if (m_exchanges->topLevelItem(row)->data(0, Qt::UserRole).toInt() == entry) {
            m_exchanges->setCurrentItem(m_exchanges->topLevelItem(row));
            m_exchanges->scrollToItem(m_exchanges->topLevelItem(row));
            break;
        }
    }
    for (int row = 0; row < m_tokens->topLevelItemCount(); ++row) {
        if (m_analysis.tokens[static_cast<size_t>(row)].entry == entry) {
            m_tokens->setCurrentItem(m_tokens->topLevelItem(row));
            break;
        }
    }
}

void HarAnalysisPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void HarAnalysisPanel::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openHar(path);
}

} // namespace ui

#include "moc_HarAnalysisPanel.cpp"
