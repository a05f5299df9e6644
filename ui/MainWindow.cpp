#include "MainWindow.h"

#include "ui/FramePacer.h"

#include "ui/AppContext.h"
#include "ui/sandbox/FaultsPanel.h"
#include "ui/sandbox/InboxPanel.h"
#include "ui/AreaItemDelegate.h"
#include "ui/AreaListModel.h"
#include "ui/FirstPaintWatcher.h"
#include "ui/Presentation.h"
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
#include "ui/descope/SocialSignInRun.h"
#include "ui/descope/SessionPanel.h"
#include "ui/descope/mgmt/ManagementPanel.h"
#include "ui/diagram/SequenceDiagramPanel.h"
#include "ui/flow/FlowPage.h"
#include "ui/har/HarAnalysisPanel.h"
#include "ui/log/ExchangeLogPanel.h"
#include "ui/recording/RecordingSession.h"
#include "ui/recording/RecordingViewer.h"

#include "oidc/diagram/SequenceRecorder.h"
#include "ui/shell/AboutDialog.h"
#include "ui/shell/AppStatusBar.h"
#include "ui/shell/Appearance.h"
#include "ui/shell/FlowPageControl.h"
#include "ui/shell/NarrationBar.h"
#include "ui/shell/Preferences.h"
#include "ui/shell/PreferencesDialog.h"
#include "ui/shell/ShortcutsDialog.h"
#include "ui/shell/TourDialog.h"
#include "ui/shell/WindowState.h"
#include "ui/widgets/PageStack.h"
#include "ui/workspace/WorkspaceController.h"
#include "ui/workspace/WorkspacePane.h"

#include "oidc/flow/FlowStep.h"
#include "oidc/net/ExchangeLog.h"
#include "oidc/recording/RecordingJson.h"
#include "sandbox/SandboxHost.h"
#include "secrets/FallbackSecretStore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QFrame>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QShortcut>
#include <QStatusBar>
#include <QItemSelectionModel>
#include <QListView>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>

namespace ui {

namespace {

// An area's title as a menu item: '&' marks a mnemonic in menus, so "Users & Tenants" needs "&&".
QString menuText(QString title)
{
    return title.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(nullptr, parent)
{
}

MainWindow::MainWindow(AppContext *context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(context)
    , m_providerBar(new ProviderBar)
    , m_providerLine(new QFrame)
    , m_areaModel(new AreaListModel(this))
    , m_areaList(new QListView)
    , m_splitter(new QSplitter(Qt::Horizontal))
    , m_stack(new PageStack)
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
    m_areaList->setAccessibleName(QStringLiteral("Areas"));
    m_areaList->setAccessibleDescription(QStringLiteral("The product's areas; Ctrl+1 to Ctrl+9 show the first nine"));

    m_stack->setObjectName(QStringLiteral("areaStack"));

    // The left column: the areas, and under them (with a context) the open workspace and the
    // recent ones — what the app shows first.
    QWidget *areaColumn = m_areaColumn;
    areaColumn->setObjectName(QStringLiteral("areaColumn"));
    auto *areaColumnLayout = new QVBoxLayout(areaColumn);
    areaColumnLayout->setContentsMargins(0, 0, 0, 0);
    areaColumnLayout->setSpacing(0);
    areaColumnLayout->addWidget(m_areaList, 1);
    if (m_context) {
        // Asking the keychain loads its library (libsecret, over D-Bus): after the first frame.
        m_context->useKeychainAfterFirstPaint(this);
        auto *pane = new WorkspacePane(m_context->workspace());
        connect(pane, &WorkspacePane::openRequested, this, &MainWindow::openWorkspaceFile);
        areaColumnLayout->addWidget(pane);
    }

    QSplitter *splitter = m_splitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(areaColumn);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 1040});
    splitter->setChildrenCollapsible(false);

    QFrame *line = m_providerLine;
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
    if (m_context) {
        registerContextPanels();
        setAcceptDrops(true); // a .har file dropped anywhere opens in the HAR Analysis area
    }

    buildMenus();
    // Presentation mode's narration line goes above the area; the hint names the keys that leave.
    QStringList leaveKeys{QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText)};
    for (const QKeySequence &keys : action(Command::TogglePresentation)->shortcuts())
        leaveKeys.append(keys.toString(QKeySequence::NativeText));
    m_narrationBar = new NarrationBar(leaveKeys.join(QStringLiteral(" or ")));
    m_narrationBar->hide();
    layout->insertWidget(layout->indexOf(splitter), m_narrationBar);
    m_leavePresentation = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    m_leavePresentation->setObjectName(QStringLiteral("leavePresentationShortcut"));
    m_leavePresentation->setEnabled(false);
    connect(m_leavePresentation, &QShortcut::activated, this, [this] { setPresenting(false); });
    if (m_context) {
        m_statusBar = new AppStatusBar;
        setStatusBar(m_statusBar);
        m_statusBar->attach(m_context, this);
        new Appearance(m_context->preferences(), this);
        m_windowState = std::make_unique<WindowState>(m_context->settings());
        m_windowState->restoreWindow(this);
        m_windowState->restoreSplitters(QStringLiteral("main"), m_splitter);
        wireWorkspace();
    }

    // Start on the area shown last, else the first area that works. The list shows it selected in
    // the first frame; its panel (in the app the flow page: tens of widgets, the HTTP transport, a
    // monospace font, Fusion's image plugins) is built right after that frame, every other panel
    // when its area is first shown.
    int startRow = m_areaModel->firstAvailableRow();
    if (m_windowState) {
        const AreaListModel::Area *last = m_areaModel->area(m_windowState->lastArea());
        if (last && last->available)
            startRow = m_areaModel->rowOf(last->id);
    }
    if (const int row = startRow; row >= 0) {
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

MainWindow::~MainWindow()
{
    // The presentation state is the app's: a window that goes while presenting ends it.
    if (m_presenting)
        Presentation::instance().setActive(false);
}

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
        // The narration follows the flow in the core's words: a step that starts running, and a
        // login step an operation ran with the one before it (the keys after discovery, the
        // callback with the browser's redirect), which reports done without running alone. The
        // step told last is not told again when its row changes (a new summary, a record).
        FlowStepModel *steps = page->runner()->steps();
        connect(steps, &FlowStepModel::stepChanged, this,
                [steps, last = std::optional<oidc::flow::FlowStep>()](oidc::flow::FlowStep step) mutable {
                    const FlowStepModel::State state = steps->state(step);
                    const bool started = state == FlowStepModel::State::Running && last != step;
                    const bool reported = (state == FlowStepModel::State::Ok || state == FlowStepModel::State::Failed)
                        && oidc::flow::loginStepNumber(step) > (last ? oidc::flow::loginStepNumber(*last) : 0);
                    if (!started && !reported)
                        return;
                    last = step;
                    Presentation::narrate(oidc::flow::flowStepNarration(step));
                });
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
    setAreaFactory(areas::kSocialSso.toString(), [this] {
        auto *panel = new SocialLoginPanel(descope());
        // The browser's part of a social or SSO sign-in, which no transport sees, in the diagram
        // beside the flow page's (the panel's runs are its children).
        for (SocialSignInRun *run : panel->findChildren<SocialSignInRun *>())
            connect(run, &SocialSignInRun::browserHop, &sequence(), &oidc::diagram::SequenceRecorder::addHop);
        return panel;
    });
    m_areaModel->addArea(areas::kUsersTenants.toString(), QStringLiteral("Users & Tenants"), QStringLiteral("Management: users, roles, keys"));
    setAreaFactory(areas::kUsersTenants.toString(), [this] { return new ManagementPanel(descope()); });
    m_areaModel->addArea(areas::kSandboxFaults.toString(), QStringLiteral("Sandbox Faults"), QStringLiteral("Make the sandbox misbehave"));
    setAreaFactory(areas::kSandboxFaults.toString(), [context] { return new FaultsPanel(context->sandbox()); });
    m_areaModel->addArea(areas::kRecording.toString(), QStringLiteral("Recording"), QStringLiteral("A recorded flow, step by step"));
    setAreaFactory(areas::kRecording.toString(), [context] { return new RecordingViewer(context->sandbox()); });
    m_recording = new RecordingSession(this);
    connect(m_recording, &RecordingSession::recordingChanged, this, &MainWindow::updateRecordingActions);
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
        if (m_recording)
            connect(&descope, &DescopeContext::actionReported, m_recording, &RecordingSession::addDescopeAction);
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
        if (panel) {
            m_stack->addWidget(panel);
            panelCreated(id, panel);
        }
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

// ---------------------------------------------------------------------------------------------
// Menus, shortcuts and the window's state

void MainWindow::buildMenus()
{
    for (const Menu menu : {Menu::File, Menu::Edit, Menu::View, Menu::Flow, Menu::Help}) {
        QMenu *created = menuBar()->addMenu(menuTitle(menu));
        created->setObjectName(QStringLiteral("%1Menu").arg(menuTitle(menu).remove(QLatin1Char('&')).toLower()));
        m_menus.insert(menu, created);
    }
    menuBar()->setAccessibleName(QStringLiteral("Menu bar"));
    for (const CommandSpec &spec : commandTable()) {
        auto *created = new QAction(QString::fromUtf8(spec.text), this);
        created->setObjectName(QString::fromLatin1(spec.objectName));
        created->setShortcuts(shortcutsOf(spec));
        created->setToolTip(QString::fromUtf8(spec.description));
        created->setStatusTip(QString::fromUtf8(spec.description));
        created->setCheckable(spec.checkable);
        const Command command = spec.command;
        connect(created, &QAction::triggered, this, [this, command] { runCommand(command); });
        m_actions.insert(command, created);
        QMenu *menu = m_menus.value(spec.menu);
        // Closing items (File ▸ Quit) come after a separator that later items are inserted above.
        if (command == Command::Quit)
            m_menuEnds.insert(Menu::File, menu->addSeparator());
        menu->addAction(created);
        if (command == Command::ShowArea9)
            m_areaActionsEnd = menu->addSeparator(); // the areas after the ninth go above it
        else if (command == Command::SaveWorkspaceAs || command == Command::CopyToken || command == Command::ZoomReset || command == Command::CancelFlow || command == Command::Tour)
            menu->addSeparator();
    }
    action(Command::ToggleAreaList)->setChecked(true);
    action(Command::ToggleTokensPane)->setChecked(true);
    action(Command::ToggleTokensPane)->setEnabled(false); // until the flow page exists
    // Without an AppContext there are no preferences to zoom or edit, and no exchange log.
    for (const Command command : {Command::Preferences, Command::ZoomIn, Command::ZoomOut, Command::ZoomReset, Command::CopyAsCurl,
                                  Command::Find, Command::OpenHar, Command::ExportHar, Command::OpenRecording, Command::NewWorkspace,
                                  Command::OpenWorkspace, Command::SaveWorkspace, Command::SaveWorkspaceAs})
        action(command)->setEnabled(m_context != nullptr);
    updateRecordingActions();
    connect(m_areaModel, &QAbstractItemModel::dataChanged, this, &MainWindow::updateAreaActions);
    connect(m_areaModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateAreaActions);
    updateAreaActions();
    updateFlowActions();
}

void MainWindow::addMenuAction(Menu menu, QAction *item)
{
    QMenu *target = m_menus.value(menu);
    if (!target || !item)
        return;
    if (!item->parent())
        item->setParent(this);
    if (QAction *end = m_menuEnds.value(menu))
        target->insertAction(end, item);
    else
        target->addAction(item);
}

QAction *MainWindow::action(Command command) const
{
    return m_actions.value(command);
}

void MainWindow::updateAreaActions()
{
    // Ctrl+1 … Ctrl+9: the first nine areas in the list's order; the others are listed after them.
    const int rows = m_areaModel->rowCount();
    for (int index = 0; index < 9; ++index) {
        QAction *areaAction = action(showAreaCommand(index));
        if (index >= rows) {
            areaAction->setVisible(false);
            continue;
        }
        const AreaListModel::Area &area = m_areaModel->areaAt(index);
        areaAction->setText(menuText(area.title));
        areaAction->setVisible(true);
        areaAction->setEnabled(area.available);
    }
    QMenu *view = m_menus.value(Menu::View);
    for (int index = 9; index < rows; ++index) {
        const AreaListModel::Area &area = m_areaModel->areaAt(index);
        if (m_extraAreaActions.size() <= index - 9) {
            auto *extra = new QAction(this);
            extra->setObjectName(QStringLiteral("showArea%1Action").arg(index + 1));
            view->insertAction(m_areaActionsEnd, extra);
            connect(extra, &QAction::triggered, this, [this, extra] { showArea(extra->data().toString()); });
            m_extraAreaActions.append(extra);
        }
        QAction *extra = m_extraAreaActions.at(index - 9);
        extra->setText(menuText(area.title));
        extra->setData(area.id);
        extra->setEnabled(area.available);
    }
}

void MainWindow::setFlowControl(FlowControl *control)
{
    if (m_flowControl)
        disconnect(m_flowControl, nullptr, this, nullptr);
    m_flowControl = control;
    if (control)
        connect(control, &FlowControl::availabilityChanged, this, &MainWindow::updateFlowActions);
    updateFlowActions();
}

void MainWindow::updateFlowActions()
{
    const FlowControl::Availability can = m_flowControl ? m_flowControl->availability() : FlowControl::Availability{};
    action(Command::RunAll)->setEnabled(can.runAll);
    action(Command::NextStep)->setEnabled(can.nextStep);
    action(Command::CancelFlow)->setEnabled(can.cancel);
    action(Command::ResetFlow)->setEnabled(can.reset);
    action(Command::RefreshTokens)->setEnabled(can.refreshTokens);
    updateLeavePresentationKey();
}

void MainWindow::updateLeavePresentationKey()
{
    // Esc is Flow ▸ Cancel while a step runs; two enabled shortcuts on one key would both stay silent.
    if (m_leavePresentation)
        m_leavePresentation->setEnabled(m_presenting && !action(Command::CancelFlow)->isEnabled());
}

void MainWindow::setPresenting(bool on)
{
    if (m_presenting == on)
        return;
    m_presenting = on;
    action(Command::TogglePresentation)->setChecked(on);
    Presentation::instance().setActive(on); // masks secrets, and Appearance takes the presentation font size
    showPanesForMode();
    m_narrationBar->setVisible(on);
    updateLeavePresentationKey();
}

void MainWindow::showPanesForMode()
{
    m_providerBar->setVisible(!m_presenting);
    m_providerLine->setVisible(!m_presenting);
    // The whole left column: the areas and the workspace pane under them.
    m_areaColumn->setVisible(!m_presenting && action(Command::ToggleAreaList)->isChecked());
    if (m_statusBar)
        m_statusBar->setVisible(!m_presenting);
    toggleTokensPane(!m_presenting && action(Command::ToggleTokensPane)->isChecked());
}

void MainWindow::panelCreated(const QString &id, QWidget *panel)
{
    if (m_windowState)
        m_windowState->restoreSplitters(id, panel);
    if (auto *page = qobject_cast<FlowPage *>(panel)) {
        if (m_recording)
            m_recording->watch(page->runner());
        if (!m_flowControl)
            setFlowControl(new FlowPageControl(page));
        action(Command::ToggleTokensPane)->setEnabled(true);
        page->setTokensPaneVisible(!m_presenting && action(Command::ToggleTokensPane)->isChecked());
    }
    if (auto *log = qobject_cast<ExchangeLogPanel *>(panel); log && m_context) {
        Preferences &preferences = m_context->preferences();
        log->setRevealConfirmation([log, &preferences] {
            if (!preferences.confirmReveal())
                return true;
            return QMessageBox::question(log, QStringLiteral("Reveal secrets?"),
                                         QStringLiteral("The selected exchange will show live credentials (client secrets, codes, "
                                                        "tokens). Anything copied from it can be used by whoever gets it."),
                                         QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
                == QMessageBox::Yes;
        });
    }
}

void MainWindow::runCommand(Command command)
{
    const int areaIndex = static_cast<int>(command) - static_cast<int>(Command::ShowArea1);
    if (areaIndex >= 0 && areaIndex < 9) {
        if (areaIndex < m_areaModel->rowCount())
            showArea(m_areaModel->areaAt(areaIndex).id);
        return;
    }
    switch (command) {
    case Command::NewWorkspace: newWorkspace(); return;
    case Command::OpenWorkspace: openWorkspace(); return;
    case Command::SaveWorkspace: (void)saveWorkspace(); return;
    case Command::SaveWorkspaceAs: (void)saveWorkspaceAs(); return;
    case Command::OpenHar: openHar(); return;
    case Command::ExportHar: exportHar(); return;
    case Command::OpenRecording: openRecording(); return;
    case Command::StartRecording: startRecording(); return;
    case Command::StopRecording: stopRecording(); return;
    case Command::Quit: close(); return;
    case Command::Copy: copyFocused(); return;
    case Command::CopyAsCurl: copyAsCurl(); return;
    case Command::CopyToken: copyToken(); return;
    case Command::Find: findInLog(); return;
    case Command::Preferences: showPreferences(); return;
    case Command::ZoomIn: zoomBy(1); return;
    case Command::ZoomOut: zoomBy(-1); return;
    case Command::ZoomReset:
        if (m_context && m_presenting)
            m_context->preferences().setPresentationFontPointSize(0);
        else if (m_context)
            m_context->preferences().setFontPointSize(0);
        return;
    case Command::ToggleAreaList:
    case Command::ToggleTokensPane: showPanesForMode(); return;
    case Command::TogglePresentation: setPresenting(action(command)->isChecked()); return;
    case Command::RunAll:
    case Command::NextStep:
    case Command::CancelFlow:
    case Command::ResetFlow:
    case Command::RefreshTokens: {
        if (!m_flowControl)
            return;
        const FlowControl::Availability can = m_flowControl->availability();
        if (command == Command::RunAll && can.runAll)
            m_flowControl->runAll();
        else if (command == Command::NextStep && can.nextStep)
            m_flowControl->nextStep();
        else if (command == Command::CancelFlow && can.cancel)
            m_flowControl->cancel();
        else if (command == Command::ResetFlow && can.reset)
            m_flowControl->reset();
        else if (command == Command::RefreshTokens && can.refreshTokens)
            m_flowControl->refreshTokens();
        return;
    }
    case Command::KeyboardShortcuts: showShortcuts(); return;
    case Command::Tour: {
        auto *tour = new TourDialog(this);
        tour->setAttribute(Qt::WA_DeleteOnClose);
        tour->show();
        return;
    }
    case Command::About: {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->show();
        return;
    }
    default: return; // the area commands, handled above
    }
}

void MainWindow::zoomBy(int points)
{
    if (!m_context)
        return;
    Preferences &preferences = m_context->preferences();
    // Presenting, the keys change presentation mode's own size and leave the everyday one alone.
    if (m_presenting) {
        preferences.setPresentationFontPointSize(
            std::clamp(preferences.presentationFontPointSize() + points, Preferences::kMinFontPoints, Preferences::kMaxFontPoints));
        return;
    }
    const int current = preferences.fontPointSize() > 0 ? preferences.fontPointSize() : QApplication::font().pointSize();
    preferences.setFontPointSize(std::clamp(current + points, Preferences::kMinFontPoints, Preferences::kMaxFontPoints));
}

void MainWindow::copyFocused()
{
    // Line edits and text views copy their selection through a copy() slot; focused widgets that
    // copy on their own (item views) took Ctrl+C before this action saw it.
    QWidget *focused = QApplication::focusWidget();
    if (focused && focused->metaObject()->indexOfSlot("copy()") >= 0)
        QMetaObject::invokeMethod(focused, "copy");
}

void MainWindow::copyAsCurl()
{
    auto *log = m_context ? qobject_cast<ExchangeLogPanel *>(areaPanel(areas::kExchangeLog.toString())) : nullptr;
    if (!log)
        return;
    if (const QString curl = log->curlText(); !curl.isEmpty()) {
        QGuiApplication::clipboard()->setText(curl);
        statusBar()->showMessage(QStringLiteral("Copied the selected exchange as curl"), 3000);
    }
}

void MainWindow::copyToken()
{
    QString token;
    if (auto *page = qobject_cast<FlowPage *>(m_stack->currentWidget()))
        token = page->selectedToken();
    else if (auto *inspector = qobject_cast<JwtInspectorPanel *>(m_stack->currentWidget()))
        token = inspector->token().trimmed();
    if (token.isEmpty()) {
        statusBar()->showMessage(QStringLiteral("No token to copy in this area"), 3000);
        return;
    }
    QGuiApplication::clipboard()->setText(token);
    statusBar()->showMessage(QStringLiteral("Copied the token"), 3000);
}

void MainWindow::findInLog()
{
    if (!m_context || !showArea(areas::kExchangeLog.toString()))
        return;
    if (auto *log = qobject_cast<ExchangeLogPanel *>(areaPanel(areas::kExchangeLog.toString())))
        log->focusFilter();
}

void MainWindow::openHar()
{
    if (!m_context)
        return;
    askForFileToOpen(QStringLiteral("Open a HAR file"), QStringLiteral("HAR files (*.har *.json);;All files (*)"), &MainWindow::openHarFile);
}

void MainWindow::askForFileToOpen(const QString &title, const QString &filter, void (MainWindow::*open)(const QString &))
{
    // Window-modal and not blocking: the chosen file goes to `open` when the dialog closes.
    auto *dialog = new QFileDialog(this, title, QString(), filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, open);
    dialog->open();
}

void MainWindow::openHarFile(const QString &path)
{
    if (!m_context || path.isEmpty() || !showArea(areas::kHarAnalysis.toString()))
        return;
    if (auto *har = qobject_cast<HarAnalysisPanel *>(areaPanel(areas::kHarAnalysis.toString())))
        har->openHar(path);
}

void MainWindow::exportHar()
{
    if (!m_context || !showArea(areas::kExchangeLog.toString()))
        return;
    if (auto *log = qobject_cast<ExchangeLogPanel *>(areaPanel(areas::kExchangeLog.toString())))
        log->exportHar();
}

void MainWindow::openRecording()
{
    if (!m_context)
        return;
    askForFileToOpen(QStringLiteral("Open a recording"), QStringLiteral("Recordings (*.json);;All files (*)"), &MainWindow::openRecordingFile);
}

void MainWindow::openRecordingFile(const QString &path)
{
    if (!m_context || path.isEmpty() || !showArea(areas::kRecording.toString()))
        return;
    if (auto *viewer = qobject_cast<RecordingViewer *>(areaPanel(areas::kRecording.toString())))
        viewer->openRecording(path);
}

void MainWindow::startRecording()
{
    if (!m_recording || m_recording->isRecording())
        return;
    // The sandbox's faults now, as the snapshot on this thread has them.
    oidc::Json faults = oidc::Json::array();
    QString issuer;
    if (sandbox::SandboxHost *host = m_context->hasSandbox() ? m_context->sandbox() : nullptr; host && host->isRunning()) {
        issuer = host->issuer();
        for (const sandbox::Fault &fault : host->faults()) {
            oidc::Json json = fault.toJson();
            json.erase("id");
            if (json["count"].is_null())
                json.erase("count");
            faults.push_back(std::move(json));
        }
    }
    m_recording->start(m_context->exchangeLog(), std::move(faults), issuer);
    statusBar()->showMessage(QStringLiteral("Recording: the flow's steps and checks and every exchange, redacted"), 5000);
}

void MainWindow::stopRecording()
{
    if (!m_recording || !m_recording->isRecording())
        return;
    auto recording = m_recording->stop();
    if (!recording)
        return;
    auto *dialog = new QFileDialog(this, QStringLiteral("Save the recording"), QStringLiteral("recording.json"),
                                   QStringLiteral("Recordings (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("json"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, kept = *recording](const QString &path) {
        if (auto written = oidc::recording::writeRecordingFile(kept, path); !written)
            QMessageBox::warning(this, QStringLiteral("Recording not saved"), QString::fromStdString(written.error().summary()));
        else
            statusBar()->showMessage(QStringLiteral("Recording saved to %1").arg(path), 5000);
    });
    dialog->open();
}

void MainWindow::updateRecordingActions()
{
    const bool recording = m_recording && m_recording->isRecording();
    action(Command::StartRecording)->setEnabled(m_recording && !recording);
    action(Command::StopRecording)->setEnabled(recording);
}

namespace {

// The one local file a drag carries, when it is one.
QString droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
        return {};
    return mime->urls().first().toLocalFile();
}

} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_context && droppedFile(event->mimeData()).endsWith(QLatin1String(".har"), Qt::CaseInsensitive))
        event->acceptProposedAction();
    else
        QMainWindow::dragEnterEvent(event);
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (!m_context || !path.endsWith(QLatin1String(".har"), Qt::CaseInsensitive)) {
        QMainWindow::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    openHarFile(path);
}

void MainWindow::showPreferences()
{
    if (!m_context)
        return;
    if (auto *open = findChild<PreferencesDialog *>(QString(), Qt::FindDirectChildrenOnly)) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new PreferencesDialog(m_context->preferences(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog([this](Command command) { return action(command)->text(); }, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::toggleTokensPane(bool visible)
{
    if (auto *page = qobject_cast<FlowPage *>(m_pages.value(areas::kAuthorizationCode.toString()).panel.data()))
        page->setTokensPaneVisible(visible);
}

void MainWindow::saveState()
{
    if (!m_windowState)
        return;
    m_windowState->saveWindow(this);
    m_windowState->saveSplitters(QStringLiteral("main"), m_splitter);
    for (auto page = m_pages.cbegin(); page != m_pages.cend(); ++page)
        if (page.value().panel)
            m_windowState->saveSplitters(page.key(), page.value().panel);
    if (!m_current.isEmpty())
        m_windowState->setLastArea(m_current);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!settleUnsavedWorkspace()) {
        event->ignore();
        return;
    }
    // The everyday window's panes back first, so their sizes are saved as they are without the mode.
    setPresenting(false);
    saveState();
    QMainWindow::closeEvent(event);
}

// ---------------------------------------------------------------------------------------------
// Workspaces: the file menu's first four commands, the title, the prompt about unsaved changes

namespace {

const QString kWorkspaceFilter = QStringLiteral("OIDC Playground workspaces (*.json);;All files (*)");

} // namespace

void MainWindow::wireWorkspace()
{
    WorkspaceController &workspace = m_context->workspace();
    connect(&workspace, &WorkspaceController::stateChanged, this, &MainWindow::updateWindowTitle);
    if (!workspace.startProblem().isEmpty())
        statusBar()->showMessage(workspace.startProblem(), 15000);
    updateWindowTitle();
}

void MainWindow::updateWindowTitle()
{
    if (!m_context)
        return;
    const WorkspaceController &workspace = m_context->workspace();
    // [*] is where Qt shows the modified marker.
    setWindowTitle(QStringLiteral("%1[*] — OIDC Playground").arg(workspace.displayName()));
    setWindowModified(workspace.isDirty());
}

bool MainWindow::settleUnsavedWorkspace()
{
    if (!m_context || !m_context->workspace().isDirty())
        return true;
    QMessageBox box(QMessageBox::Question, QStringLiteral("Unsaved changes"),
                    QStringLiteral("Save the changes to the workspace “%1”?").arg(m_context->workspace().displayName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedWorkspaceBox"));
    box.setInformativeText(QStringLiteral("Secrets are kept apart from the file and are not affected."));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save: return saveWorkspace();
    case QMessageBox::Discard: return true;
    default: return false;
    }
}

void MainWindow::showWorkspaceError(const QString &what, const QString &message)
{
    // Window-modal without blocking: the workspace that is open stays usable behind it.
    auto *box = new QMessageBox(QMessageBox::Warning, what, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("workspaceErrorBox"));
    box->setTextFormat(Qt::PlainText); // a path or a provider's name is text, never markup
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::newWorkspace()
{
    if (!m_context || !settleUnsavedWorkspace())
        return;
    m_context->workspace().newWorkspace();
}

void MainWindow::openWorkspace()
{
    if (!m_context)
        return;
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open workspace"), QString(), kWorkspaceFilter);
    if (!path.isEmpty())
        openWorkspaceFile(path);
}

bool MainWindow::openWorkspaceFile(const QString &path)
{
    if (!m_context || !settleUnsavedWorkspace())
        return false;
    const oidc::Status opened = m_context->workspace().open(path);
    if (!opened.ok()) {
        showWorkspaceError(QStringLiteral("Workspace not opened"),
                           QStringLiteral("%1\n\n%2 (%3)").arg(QDir::toNativeSeparators(path), QString::fromStdString(opened.error().message),
                                                             QString::fromStdString(opened.error().code)));
        return false;
    }
    statusBar()->showMessage(QStringLiteral("Opened the workspace %1").arg(m_context->workspace().displayName()), 5000);
    return true;
}

bool MainWindow::saveWorkspace()
{
    if (!m_context)
        return false;
    if (m_context->workspace().path().isEmpty())
        return saveWorkspaceAs();
    return saveWorkspaceTo(m_context->workspace().path());
}

bool MainWindow::saveWorkspaceAs()
{
    if (!m_context)
        return false;
    QString suggested = m_context->workspace().path();
    if (suggested.isEmpty())
        suggested = QFileInfo(m_context->workspace().defaultPath()).dir().filePath(QStringLiteral("workspace.oidcplay.json"));
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save workspace as"), suggested, kWorkspaceFilter);
    return !path.isEmpty() && saveWorkspaceTo(path);
}

bool MainWindow::saveWorkspaceTo(const QString &path)
{
    if (!m_context)
        return false;
    const oidc::Status saved = m_context->workspace().saveAs(path);
    if (!saved.ok()) {
        showWorkspaceError(QStringLiteral("Workspace not saved"),
                           QStringLiteral("%1\n\n%2: %3").arg(QDir::toNativeSeparators(path), QString::fromStdString(saved.error().message),
                                                             QString::fromStdString(saved.error().actual)));
        return false;
    }
    statusBar()->showMessage(QStringLiteral("Saved the workspace to %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

} // namespace ui

#include "moc_MainWindow.cpp"
