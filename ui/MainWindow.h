#pragma once

// The main window: the provider bar on top, the product's areas on the left, the selected
// area's panel on the right. Areas not built yet are listed, disabled, with a note; registering a
// panel (or a factory that creates it on first use) enables an area. The window starts on the
// first enabled area, whose panel is created after the window's first frame (or when asked for).

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QStringView>

#include <functional>

class QListView;
class QStackedWidget;

namespace oidc::diagram {
class SequenceRecorder;
}

namespace ui {

class AppContext;
class AreaListModel;
class DescopeContext;
class ProviderBar;

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

    AppContext *m_context = nullptr;
    ProviderBar *m_providerBar;
    AreaListModel *m_areaModel;
    QListView *m_areaList;
    QStackedWidget *m_stack;
    QHash<QString, Page> m_pages;
    QString m_current;
    bool m_descopeConnected = false;
    oidc::diagram::SequenceRecorder *m_sequence = nullptr;
};

} // namespace ui
