#pragma once

// The "Authorization Code + PKCE" area: the flow's steps on the left (each runnable alone, or all
// in a row with Run all / Next step / Cancel), the selected step in the middle — what it does,
// its status (errors as plain text with their category and code), its own page (a StepPage: the
// parameter table, the browser, the checks…) and the HTTP request and response it caused, from
// the exchange log — and the session's tokens on the right. Refresh, revoke and logout act on the
// session afterwards. The flow settings of the provider profile are one tab away.

#include "ui/Throttle.h"
#include "ui/flow/FlowRunner.h"

#include <QTimer>
#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace ui {

class AppContext;
class AuthorizeStepPage;
class BrowserPane;
class CallbackStepPage;
class FlowSettingsPanel;
class PanelHeader;
class StepPage;
class TabbedPages;
class TokensPanel;

class FlowPage final : public QWidget {
    Q_OBJECT
public:
    using Step = FlowStepModel::Step;

    explicit FlowPage(AppContext &context, QWidget *parent = nullptr);
    ~FlowPage() override;

    // The flow this page drives and shows.
    [[nodiscard]] FlowRunner *runner() const { return m_runner; }

    [[nodiscard]] Step selectedStep() const { return m_selected; }
    void selectStep(Step step);

    // System-browser mode: who opens the URL (tests and the benchmark play the browser).
    void setSystemBrowserOpener(FlowRunner::Opener opener);
    // Writes pending settings edits to the profile store now (they are otherwise debounced).
    void flushSettings();

    // What the Reset button does: every step back to pending, the browser idle, step 1 shown.
    void resetFlow();
    // The Tokens pane on the right (View ▸ Tokens pane).
    void setTokensPaneVisible(bool visible);
    // The token of the Tokens pane's tab (Edit ▸ Copy selected token); empty when none.
    [[nodiscard]] QString selectedToken() const;

Q_SIGNALS:
    void openInInspector(const QString &token);

private:
    QWidget *buildHeader();
    QWidget *buildStepColumn();
    QWidget *buildDetailColumn();
    QWidget *buildStepPages();
    QWidget *buildExchangeView();
    void connectRunner();
    void connectTokens();

    void loadProfile();
    void onProfileUpdated(const QString &id);
    void onSettingsEdited(const oidc::flow::ProviderProfile &edited);
    void updateHeader();
    void updateButtons();
    void refreshDetail();
    void follow(Step step); // shows `step` at the detail pane's pace
    void scheduleDetail();
    void followTheFlow();
    void showStepPage();
    void refreshRecords();
    void showRecord(int comboIndex);
    void fillExchangePane();
    void onStepChanged(Step step);

    AppContext &m_context;
    FlowRunner *m_runner;
    Step m_selected = Step::Discovery;
    std::optional<oidc::flow::ProviderProfile> m_pendingEdit;
    QTimer m_saveTimer;
    // The detail and the tokens follow the flow on a later turn, coalesced and paced: a change a
    // person makes shows at once (the detail waits 30 ms for the flow's next step to start), a
    // burst of them (a whole flow against the built-in sandbox) at most ten times a second, and
    // the GUI thread stays responsive between the updates (issue 12).
    static constexpr int kFollowIntervalMs = 100;
    Throttle *m_detailPacer = nullptr;
    Throttle *m_tokensPacer = nullptr;
    std::optional<Step> m_follow; // the last step that started running, shown on the next update

    // Header.
    PanelHeader *m_header = nullptr;
    QLabel *m_warningBanner = nullptr;
    QPushButton *m_runAllButton = nullptr;
    QPushButton *m_nextButton = nullptr;
    QPushButton *m_cancelButton = nullptr;

    // Steps column.
    QListView *m_stepList = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QComboBox *m_revokeWhich = nullptr;
    QCheckBox *m_revokeHint = nullptr;
    QPushButton *m_revokeButton = nullptr;
    QPushButton *m_logoutButton = nullptr;

    // Detail column: the step, its page, its exchanges.
    TabbedPages *m_detailTabs = nullptr;
    QLabel *m_stepTitle = nullptr;
    QLabel *m_stepDescription = nullptr;
    QPushButton *m_runStepButton = nullptr;
    QLabel *m_statusBanner = nullptr;
    QStackedWidget *m_pages = nullptr;
    std::array<StepPage *, FlowStepModel::kStepCount> m_stepPages{}; // nullptr: the browser
    AuthorizeStepPage *m_authorizePage = nullptr;
    CallbackStepPage *m_callbackPage = nullptr;
    BrowserPane *m_browser = nullptr;
    QWidget *m_exchangeView = nullptr;
    QComboBox *m_recordCombo = nullptr;
    TabbedPages *m_exchangeTabs = nullptr;
    QPlainTextEdit *m_requestText = nullptr;
    QPlainTextEdit *m_responseText = nullptr;
    static constexpr int kNoRecord = -1;
    QList<int> m_comboRecordIds;           // the records the combo lists
    int m_recordId = kNoRecord;            // the record the combo selects
    // The record each pane shows: only the pane of the current tab is filled (formatting a body
    // and laying out its text), the other one when its tab is shown; a record never changes once
    // logged, so a pane that shows the selected record already is left as it is.
    int m_requestRecordId = kNoRecord;
    int m_responseRecordId = kNoRecord;
    QStringList m_shownNotes;         // the browser's and callback's notes shown
    FlowSettingsPanel *m_settings = nullptr;

    TokensPanel *m_tokens = nullptr;
    QWidget *m_tokensPane = nullptr;
};

} // namespace ui
