#pragma once

// The main window: the provider bar on top, the product's areas on the left, the selected
// area's panel on the right. Areas not built yet are listed, disabled, with a note; registering a
// panel (or a factory that creates it on first use) enables an area. The window starts on the
// first enabled area, whose panel is created after the window's first frame (or when asked for).
//
// The menu bar (File, Edit, View, Flow, Help) and every keyboard shortcut come from one table
// (ui/shell/CommandTable.h). With an AppContext the window also has a status bar, applies the
// theme and font size preferences (ui/shell/Appearance.h), and restores its geometry, splitters
// and last area from the app's settings (ui/shell/WindowState.h), saving them when it closes.
//
// View ▸ Presentation mode (ui/Presentation.h) is a clean window for a demo: the provider bar, the
// area list, the status bar and the flow page's Tokens pane step aside for the current area and,
// above it, the current step in one sentence (NarrationBar); the zoom keys change presentation
// mode's own font size; secrets stay masked. Esc (while no step runs for it to cancel) or the same
// command leaves it. It is not remembered: the app always starts in the everyday window, so a
// restart never lands a presenter in a window without its panes.

#include "ui/shell/CommandTable.h"

#include <QHash>
#include <QMap>
#include <QMainWindow>
#include <QPointer>
#include <QStringView>

#include <functional>
#include <memory>

class QAction;
class QFrame;
class QListView;
class QShortcut;
class QMenu;
class QSplitter;
class QStackedWidget;

namespace oidc::diagram {
class SequenceRecorder;
}

namespace ui {

class AppContext;
class AreaListModel;
class AppStatusBar;
class DescopeContext;
class FlowControl;
class NarrationBar;
class ProviderBar;
class RecordingSession;
class WindowState;

// Stable area ids.
namespace areas {
inline constexpr QStringView kAuthorizationCode = u"authorization-code";
inline constexpr QStringView kClientCredentials = u"client-credentials";
inline constexpr QStringView kEnchantedLink = u"enchanted-link";
inline constexpr QStringView kMagicLinkOtp = u"magic-link-otp";
inline constexpr QStringView kPasskeys = u"passkeys";
inline constexpr QStringView kSocialSso = u"social-sso";
inline constexpr QStringView kStepUp = u"step-up";
inline constexpr QStringView kSession = u"session";
inline constexpr QStringView kInbox = u"inbox";
inline constexpr QStringView kPkceGenerator = u"pkce-generator";
inline constexpr QStringView kJwtInspector = u"jwt-inspector";
inline constexpr QStringView kExchangeLog = u"exchange-log";
inline constexpr QStringView kHarAnalysis = u"har-analysis"; // HarAnalysisPanel::openHar(path) opens a file
inline constexpr QStringView kSandboxFaults = u"sandbox-faults";
inline constexpr QStringView kUsersTenants = u"users-tenants";
inline constexpr QStringView kSequenceDiagram = u"sequence-diagram";
inline constexpr QStringView kRecording = u"recording"; // RecordingViewer::openRecording(path) opens a file
} // namespace areas

class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    using PanelFactory = std::function<QWidget *()>;

    // The bare window: areas listed, the context-free panels registered (tests).
    explicit MainWindow(QWidget *parent = nullptr);
    // The application's window: the flow pages and the exchange log use `context` (not owned).
    explicit MainWindow(AppContext *context, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The app-wide objects (transport, exchange log, profiles, sandbox); nullptr for a bare window.
    [[nodiscard]] AppContext *context() const { return m_context; }

    // Registers `panel` (ownership taken) for the area `id`, appending the area when it is new,
    // and enables it.
    void addArea(const QString &id, const QString &title, QWidget *panel, const QString &note = {});
    // Registers a panel for an area that is already listed and enables it. False for an unknown id.
    bool setAreaPanel(const QString &id, QWidget *panel);
    // As setAreaPanel, but the panel is created the first time the area is shown.
    bool setAreaFactory(const QString &id, PanelFactory factory);

    // Shows the area's panel (creating it if needed). False when the area is unknown or disabled.
    bool showArea(const QString &id);
    [[nodiscard]] QString currentArea() const;
    // The area's panel, created on demand; nullptr when it has none.
    [[nodiscard]] QWidget *areaPanel(const QString &id);

    // Menu hooks for later features: `action` goes to the end of `menu`'s own items (File: above
    // Quit). An action without a parent becomes the window's.
    void addMenuAction(Menu menu, QAction *action);
    void addFileAction(QAction *action) { addMenuAction(Menu::File, action); }
    void addEditAction(QAction *action) { addMenuAction(Menu::Edit, action); }
    void addViewAction(QAction *action) { addMenuAction(Menu::View, action); }
    void addHelpAction(QAction *action) { addMenuAction(Menu::Help, action); }
    // The menu bar's action for `command`.
    [[nodiscard]] QAction *action(Command command) const;

    // What the Flow menu drives: the Authorization Code page's FlowPageControl once that page
    // exists. nullptr: the Flow commands are disabled.
    void setFlowControl(FlowControl *control);

    // File ▸ Open HAR, and a .har file dropped anywhere on the window: the HAR Analysis area opens it.
    void openHarFile(const QString &path);
    // File ▸ Open recording: the Recording area opens it.
    void openRecordingFile(const QString &path);

    // View ▸ Presentation mode, on or off.
    void setPresenting(bool on);
    [[nodiscard]] bool isPresenting() const { return m_presenting; }

    // Workspaces (File ▸ New / Open / Save / Save as, the recent list): each asks about unsaved
    // changes first where something would be replaced. False when cancelled or refused (a refused
    // file is explained in a message box and changes nothing).
    bool openWorkspaceFile(const QString &path);
    bool saveWorkspaceTo(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Page final {
        QPointer<QWidget> panel;
        PanelFactory factory;
    };

    void listPlannedAreas();
    void registerBuiltPanels();
    void registerContextPanels();
    QWidget *ensurePanel(const QString &id);
    // The app's DescopeContext, its navigation requests (sign in, show an exchange, inspect a
    // token) connected the first time: every Descope area's factory takes the context from here,
    // so start-up creates none of it.
    DescopeContext &descope();
    // The exchange log and the flow page's browser hops as a sequence diagram, made when the flow
    // page or the Sequence Diagram area is first made.
    oidc::diagram::SequenceRecorder &sequence();
    void showExchange(int recordId);
    void inspectToken(const QString &token);

    // Menus and shortcuts (MainWindow.cpp, after the areas).
    void buildMenus();
    void runCommand(Command command);
    void updateAreaActions();
    void updateFlowActions();
    // Hooks a panel into the window's commands and state when it is created.
    void panelCreated(const QString &id, QWidget *panel);
    void zoomBy(int points);
    void copyFocused();
    void copyAsCurl();
    void copyToken();
    void findInLog();
    void openHar();
    void askForFileToOpen(const QString &title, const QString &filter, void (MainWindow::*open)(const QString &));
    void exportHar();
    // File ▸ Open recording…, Start recording…, Stop recording and save… (ui/recording).
    void openRecording();
    void startRecording();
    void stopRecording();
    void updateRecordingActions();
    void newWorkspace();
    void openWorkspace();
    bool saveWorkspace();
    bool saveWorkspaceAs();
    // Save / Discard / Cancel when the workspace has unsaved changes; true to go on.
    bool settleUnsavedWorkspace();
    void showWorkspaceError(const QString &what, const QString &message);
    void updateWindowTitle();
    void wireWorkspace();
    void showPreferences();
    void showShortcuts();
    void toggleTokensPane(bool visible);
    // The panes a presenter does not want, shown as their View toggles say unless presenting.
    void showPanesForMode();
    void updateLeavePresentationKey();
    void saveState();

    AppContext *m_context = nullptr;
    ProviderBar *m_providerBar;
    QFrame *m_providerLine;
    NarrationBar *m_narrationBar = nullptr;
    QShortcut *m_leavePresentation = nullptr; // Esc, while presenting and no step runs
    bool m_presenting = false;
    AreaListModel *m_areaModel;
    QListView *m_areaList;
    QWidget *m_areaColumn = new QWidget; // m_areaList and, with a context, the workspace pane
    QSplitter *m_splitter;
    QStackedWidget *m_stack;
    QHash<QString, Page> m_pages;
    QString m_current;
    bool m_descopeConnected = false;
    oidc::diagram::SequenceRecorder *m_sequence = nullptr;
    RecordingSession *m_recording = nullptr; // with a context only

    QMap<Command, QAction *> m_actions;
    QMap<Menu, QMenu *> m_menus;
    QMap<Menu, QAction *> m_menuEnds; // the separator before a menu's closing items (File: Quit)
    QList<QAction *> m_extraAreaActions; // View: the areas after the ninth (no shortcut)
    QAction *m_areaActionsEnd = nullptr;  // View: the separator below the areas
    QPointer<FlowControl> m_flowControl;
    AppStatusBar *m_statusBar = nullptr;
    std::unique_ptr<WindowState> m_windowState; // with a context only
};

} // namespace ui
