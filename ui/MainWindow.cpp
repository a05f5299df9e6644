#include "MainWindow.h"

#include "ui/FramePacer.h"

#include "ui/AppContext.h"
#include "ui/sandbox/FaultsPanel.h"
#include "ui/sandbox/InboxPanel.h"
#include "ui/AreaItemDelegate.h"
#include "ui/AreaListModel.h"
#include "ui/FirstPaintWatcher.h"
#include "ui/JwtInspectorPanel.h"
#include "ui/PkceGeneratorPanel.h"
#include "ui/ProviderBar.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/M2mPanel.h"
#include "ui/descope/MagicLinkOtpPanel.h"
#include "ui/descope/StepUpPanel.h"
#include "ui/descope/EnchantedLinkPanel.h"
#include "ui/descope/PasskeysPanel.h"
#include "ui/descope/SocialLoginPanel.h"
#include "ui/descope/SessionPanel.h"
#include "ui/descope/mgmt/ManagementPanel.h"
#include "ui/diagram/SequenceDiagramPanel.h"
#include "ui/flow/FlowPage.h"
#include "ui/har/HarAnalysisPanel.h"
#include "ui/log/ExchangeLogPanel.h"

#include "oidc/diagram/SequenceRecorder.h"
#include "oidc/net/ExchangeLog.h"

#include <QFrame>
#include <QItemSelectionModel>
#include <QListView>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ui {

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(nullptr, parent)
{
}

MainWindow::MainWindow(AppContext *context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_providerBar(new ProviderBar)
    , m_areaModel(new AreaListModel(this))
    , m_areaList(new QListView)
    , m_stack(new QStackedWidget)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("OIDC Playground"));
    new FramePacer(this); // at most one repaint per display frame
    resize(1280, 800);

    m_areaList->setObjectName(QStringLiteral("areaList"));
    m_areaList->setModel(m_areaModel);
    m_areaList->setItemDelegate(new AreaItemDelegate(m_areaList));
    m_areaList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_areaList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_areaList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_areaList->setUniformItemSizes(true);
    m_areaList->setMinimumWidth(220);
    m_areaList->setFrameShape(QFrame::NoFrame);
    m_areaList->setAutoFillBackground(true);

    m_stack->setObjectName(QStringLiteral("areaStack"));

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_areaList);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 1040});
    splitter->setChildrenCollapsible(false);

    auto *line = new QFrame;
    line->setFrameShape(QFrame::HLine);
    line->setFrameShadow(QFrame::Sunken);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_providerBar);
    layout->addWidget(line);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    listPlannedAreas();
    registerBuiltPanels();
    if (m_context)
        registerContextPanels();

    // Start on the first area that works. The list shows it selected in the first frame; its
    // panel (in the app the flow page: tens of widgets, the HTTP transport, a monospace font,
    // Fusion's image plugins) is built right after that frame, every other panel when its area is
    // first shown.
    if (const int row = m_areaModel->firstAvailableRow(); row >= 0) {
        m_current = m_areaModel->areaAt(row).id;
        m_areaList->selectionModel()->setCurrentIndex(m_areaModel->index(row), QItemSelectionModel::ClearAndSelect);
        new FirstPaintWatcher(this, [this] { showArea(m_current); });
    }
    connect(m_areaList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showArea(current.data(AreaListModel::IdRole).toString());
            });
}

MainWindow::~MainWindow() = default;

void MainWindow::listPlannedAreas()
{
    struct Planned {
        QStringView id;
        const char *title;
        const char *note;
    };
    // The product's areas in their order. The notes say honestly what each one waits for.
    static constexpr Planned kPlanned[] = {
        {areas::kAuthorizationCode, "Authorization Code + PKCE", "Not built yet · needs the flow engine"},
        {areas::kClientCredentials, "Client Credentials & M2M", "Not built yet · needs the flow engine"},
        {areas::kEnchantedLink, "Enchanted Link", "Not built yet · needs the Descope sandbox"},
        {areas::kMagicLinkOtp, "Magic Link, OTP & TOTP", "Not built yet · needs the Descope sandbox"},
        {areas::kPasskeys, "Passkeys", "Not built yet · needs WebAuthn support"},
        {areas::kStepUp, "Step-up", "Not built yet · needs session features"},
        {areas::kSession, "Session", "Not built yet · needs session features"},
        {areas::kInbox, "Inbox", "Not built yet · needs the sandbox"},
        {areas::kPkceGenerator, "PKCE Generator", "RFC 7636 verifier and challenge"},
        {areas::kJwtInspector, "JWT Inspector", "Decode, explain and verify"},
        {areas::kExchangeLog, "Exchange Log", "Not built yet · needs the flow engine"},
    };
    for (const auto &area : kPlanned)
        m_areaModel->addArea(area.id.toString(), QString::fromUtf8(area.title), QString::fromUtf8(area.note));
}

void MainWindow::registerBuiltPanels()
{
    setAreaFactory(areas::kPkceGenerator.toString(), [] { return new PkceGeneratorPanel; });
    setAreaFactory(areas::kJwtInspector.toString(), [] { return new JwtInspectorPanel; });
}

void MainWindow::registerContextPanels()
{
    AppContext *context = m_context;
    m_providerBar->attach(context);
    m_areaModel->setNote(areas::kAuthorizationCode.toString(), QStringLiteral("Step by step, with every check"));
    m_areaModel->setNote(areas::kExchangeLog.toString(), QStringLiteral("Every HTTP exchange, redacted"));
    // The inspector shares the app's transport, so its JWKS fetches appear in the exchange log.
    setAreaFactory(areas::kJwtInspector.toString(), [context] {
        auto *panel = new JwtInspectorPanel;
        panel->setTransport(&context->transport());
        return panel;
    });
    setAreaFactory(areas::kAuthorizationCode.toString(), [this, context] {
        auto *page = new FlowPage(*context);
        connect(page, &FlowPage::openInInspector, this, &MainWindow::inspectToken);
        connect(&page->runner()->session(), &oidc::flow::FlowSession::browserHop, &sequence(), &oidc::diagram::SequenceRecorder::addHop);
        return page;
    });
    setAreaFactory(areas::kExchangeLog.toString(), [context] { return new ExchangeLogPanel(context->exchangeLog()); });
    m_areaModel->addArea(areas::kSequenceDiagram.toString(), QStringLiteral("Sequence Diagram"), QStringLiteral("The flow as a picture"));
    setAreaFactory(areas::kSequenceDiagram.toString(), [this] {
        auto *panel = new SequenceDiagramPanel(sequence());
        connect(panel, &SequenceDiagramPanel::showExchangeRequested, this, &MainWindow::showExchange);
        return panel;
    });
    m_areaModel->addArea(areas::kHarAnalysis.toString(), QStringLiteral("HAR Analysis"), QStringLiteral("A HAR file's flows and findings"));
    setAreaFactory(areas::kHarAnalysis.toString(), [this] {
        auto *panel = new HarAnalysisPanel;
        connect(panel, &HarAnalysisPanel::inspectToken, this, &MainWindow::inspectToken);
        return panel;
    });
    // The sandbox's QA side: what it "delivered", and the faults it is told to make.
    m_areaModel->setNote(areas::kInbox.toString(), QStringLiteral("What the sandbox delivered"));
    setAreaFactory(areas::kInbox.toString(), [context] { return new InboxPanel(context->sandbox()); });
    // The Descope areas, over the app's DescopeContext.
    m_areaModel->setNote(areas::kSession.toString(), QStringLiteral("Refresh, me, validate, roles, logout"));
    setAreaFactory(areas::kSession.toString(), [this] { return new SessionPanel(descope()); });
    m_areaModel->setNote(areas::kClientCredentials.toString(), QStringLiteral("Machine tokens and the APIs they call"));
    setAreaFactory(areas::kClientCredentials.toString(), [this] { return new M2mPanel(descope()); });
    // Passwordless sign-ins whose proof is typed or clicked, and the step-up of the session.
    m_areaModel->setNote(areas::kMagicLinkOtp.toString(), QStringLiteral("Codes, links, authenticator apps"));
    setAreaFactory(areas::kMagicLinkOtp.toString(), [this] { return new MagicLinkOtpPanel(descope()); });
    m_areaModel->setNote(areas::kStepUp.toString(), QStringLiteral("Re-authenticate: su and amr"));
    setAreaFactory(areas::kStepUp.toString(), [this] { return new StepUpPanel(descope()); });
    m_areaModel->setNote(areas::kEnchantedLink.toString(), QStringLiteral("Numbered links, live polling"));
    setAreaFactory(areas::kEnchantedLink.toString(), [this] { return new EnchantedLinkPanel(descope()); });
    m_areaModel->setNote(areas::kPasskeys.toString(), QStringLiteral("WebAuthn, every byte shown"));
    setAreaFactory(areas::kPasskeys.toString(), [this] { return new PasskeysPanel(descope()); });
    m_areaModel->addArea(areas::kSocialSso.toString(), QStringLiteral("Social Login & SSO"), QStringLiteral("Providers and tenant IdPs, code to session"));
    setAreaFactory(areas::kSocialSso.toString(), [this] { return new SocialLoginPanel(descope()); });
    m_areaModel->addArea(areas::kUsersTenants.toString(), QStringLiteral("Users & Tenants"), QStringLiteral("Management: users, roles, keys"));
    setAreaFactory(areas::kUsersTenants.toString(), [this] { return new ManagementPanel(descope()); });
    m_areaModel->addArea(areas::kSandboxFaults.toString(), QStringLiteral("Sandbox Faults"), QStringLiteral("Make the sandbox misbehave"));
    setAreaFactory(areas::kSandboxFaults.toString(), [context] { return new FaultsPanel(context->sandbox()); });
}

DescopeContext &MainWindow::descope()
{
    DescopeContext &descope = m_context->descope();
    if (!m_descopeConnected) {
        m_descopeConnected = true;
        // A sign-in area: the first of those built (OTP is the quickest to complete).
        connect(&descope, &DescopeContext::signInRequested, this, [this] {
            for (const QStringView id : {areas::kMagicLinkOtp, areas::kEnchantedLink, areas::kPasskeys})
                if (showArea(id.toString()))
                    return;
        });
        connect(&descope, &DescopeContext::showExchangeRequested, this, &MainWindow::showExchange);
        connect(&descope, &DescopeContext::inspectRequested, this, &MainWindow::inspectToken);
    }
    return descope;
}

oidc::diagram::SequenceRecorder &MainWindow::sequence()
{
    if (!m_sequence)
        m_sequence = new oidc::diagram::SequenceRecorder(m_context->exchangeLog(), this);
    return *m_sequence;
}

void MainWindow::showExchange(int recordId)
{
    if (!m_context || !showArea(areas::kExchangeLog.toString()))
        return;
    auto *panel = qobject_cast<ExchangeLogPanel *>(areaPanel(areas::kExchangeLog.toString()));
    const auto &records = m_context->exchangeLog().records();
    for (size_t row = 0; panel && row < records.size(); ++row) {
        if (records[row].id == recordId) {
            panel->selectRow(static_cast<int>(row));
            return;
        }
    }
}

void MainWindow::inspectToken(const QString &token)
{
    if (!showArea(areas::kJwtInspector.toString()))
        return;
    if (auto *inspector = qobject_cast<JwtInspectorPanel *>(areaPanel(areas::kJwtInspector.toString())))
        inspector->setToken(token);
}

void MainWindow::addArea(const QString &id, const QString &title, QWidget *panel, const QString &note)
{
    m_areaModel->addArea(id, title, note);
    setAreaPanel(id, panel);
}

bool MainWindow::setAreaPanel(const QString &id, QWidget *panel)
{
    if (m_areaModel->rowOf(id) < 0 || !panel)
        return false;
    Page &page = m_pages[id];
    if (page.panel && page.panel != panel) {
        m_stack->removeWidget(page.panel);
        page.panel->deleteLater();
    }
    page.panel = panel;
    page.factory = nullptr;
    if (m_stack->indexOf(panel) < 0)
        m_stack->addWidget(panel);
    m_areaModel->setAvailable(id, true);
    if (m_current == id)
        m_stack->setCurrentWidget(panel);
    return true;
}

bool MainWindow::setAreaFactory(const QString &id, PanelFactory factory)
{
    if (m_areaModel->rowOf(id) < 0 || !factory)
        return false;
    Page &page = m_pages[id];
    page.factory = std::move(factory);
    m_areaModel->setAvailable(id, true);
    return true;
}

QWidget *MainWindow::ensurePanel(const QString &id)
{
    const auto found = m_pages.find(id);
    if (found == m_pages.end())
        return nullptr;
    Page &page = found.value();
    if (!page.panel && page.factory) {
        QWidget *panel = page.factory();
        page.panel = panel;
        if (panel)
            m_stack->addWidget(panel);
    }
    return page.panel;
}

QWidget *MainWindow::areaPanel(const QString &id)
{
    return ensurePanel(id);
}

bool MainWindow::showArea(const QString &id)
{
    const AreaListModel::Area *area = m_areaModel->area(id);
    if (!area || !area->available)
        return false;
    QWidget *panel = ensurePanel(id);
    if (!panel)
        return false;
    m_current = id;
    m_stack->setCurrentWidget(panel);
    const QModelIndex index = m_areaModel->index(m_areaModel->rowOf(id));
    if (m_areaList->currentIndex() != index)
        m_areaList->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    return true;
}

QString MainWindow::currentArea() const
{
    return m_current;
}

} // namespace ui
