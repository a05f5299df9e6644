#pragma once

// The "Authorization Code + PKCE" area: the flow's steps on the left (each runnable alone, or all
// in a row with Run all / Next step / Cancel), the selected step in the middle — what it does,
// its status (errors as plain text with their category and code), its own view (the parameter
// table, the browser, the checks…) and the HTTP request and response it caused, from the
// exchange log — and the session's tokens on the right. Refresh, revoke and logout act on the
// session afterwards. The flow settings of the provider profile are one tab away.

#include "ui/flow/FlowRunner.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace ui {

class AppContext;
class AuthorizeParameterTable;
class BrowserPane;
class CheckListModel;
class CheckListView;
class CopyableField;
class FlowSettingsPanel;
class TokensPanel;

class FlowPage final : public QWidget {
    Q_OBJECT
public:
    using Step = FlowStepModel::Step;

    explicit FlowPage(AppContext &context, QWidget *parent = nullptr);
    ~FlowPage() override;

    [[nodiscard]] FlowRunner *runner() const { return m_runner; }
    [[nodiscard]] FlowStepModel *stepModel() const { return m_runner->steps(); }
    [[nodiscard]] AuthorizeParameterTable *parameterTable() const { return m_parameters; }
    [[nodiscard]] TokensPanel *tokensPanel() const { return m_tokens; }
    [[nodiscard]] BrowserPane *browserPane() const { return m_browser; }
    [[nodiscard]] FlowSettingsPanel *settingsPanel() const { return m_settings; }
    [[nodiscard]] CheckListModel *idTokenChecks() const;
    [[nodiscard]] CheckListModel *callbackChecks() const;
    [[nodiscard]] QListView *stepList() const { return m_stepList; }
    [[nodiscard]] QLabel *statusBanner() const { return m_statusBanner; }
    [[nodiscard]] QLabel *warningBanner() const { return m_warningBanner; }
    [[nodiscard]] QPlainTextEdit *requestText() const { return m_requestText; }
    [[nodiscard]] QPlainTextEdit *responseText() const { return m_responseText; }
    [[nodiscard]] QPushButton *runAllButton() const { return m_runAllButton; }
    [[nodiscard]] QPushButton *nextButton() const { return m_nextButton; }
    [[nodiscard]] QPushButton *cancelButton() const { return m_cancelButton; }
    [[nodiscard]] QPushButton *runStepButton() const { return m_runStepButton; }
    [[nodiscard]] QPushButton *refreshButton() const { return m_refreshButton; }
    [[nodiscard]] QPushButton *revokeButton() const { return m_revokeButton; }
    [[nodiscard]] QPushButton *logoutButton() const { return m_logoutButton; }
    [[nodiscard]] QComboBox *revokeWhichCombo() const { return m_revokeWhich; }
    [[nodiscard]] QCheckBox *revokeHintCheck() const { return m_revokeHint; }
    [[nodiscard]] QLineEdit *callbackPasteEdit() const { return m_callbackPaste; }
    [[nodiscard]] QPushButton *callbackCheckButton() const { return m_callbackCheckButton; }

    [[nodiscard]] Step selectedStep() const { return m_selected; }
    void selectStep(Step step);

    // System-browser mode: who opens the URL (tests and the benchmark play the browser).
    void setSystemBrowserOpener(FlowRunner::Opener opener);
    // Writes pending settings edits to the profile store now (they are otherwise debounced).
    void flushSettings();

Q_SIGNALS:
    void openInInspector(const QString &token);

private:
    QWidget *buildStepColumn();
    QWidget *buildDetailColumn();
    QWidget *buildStepPages();
    QWidget *buildExchangeView();

    void loadProfile();
    void onProfileUpdated(const QString &id);
    void onSettingsEdited(const oidc::flow::ProviderProfile &edited);
    void updateHeader();
    void updateButtons();
    void refreshDetail();
    void scheduleDetail();
    void followTheFlow();
    void refreshStepPage();
    void refreshRecords();
    void showRecord(int comboIndex);
    void onStepChanged(Step step);

    AppContext &m_context;
    FlowRunner *m_runner;
    Step m_selected = Step::Discovery;
    std::optional<oidc::flow::ProviderProfile> m_pendingEdit;
    QTimer m_saveTimer;
    // The detail and the tokens follow the flow on a later turn, coalesced: a fast flow changes
    // several steps per turn, and the GUI thread stays responsive between the updates.
    QTimer m_detailTimer;
    QTimer m_tokensTimer;
    std::optional<Step> m_follow; // the last step that started running, shown on the next update

    // Header.
    QLabel *m_subtitle = nullptr;
    QLabel *m_warningBanner = nullptr;
    QPushButton *m_runAllButton = nullptr;
    QPushButton *m_nextButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_resetButton = nullptr;

    // Steps column.
    QListView *m_stepList = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QComboBox *m_revokeWhich = nullptr;
    QCheckBox *m_revokeHint = nullptr;
    QPushButton *m_revokeButton = nullptr;
    QPushButton *m_logoutButton = nullptr;

    // Detail column.
    QTabWidget *m_detailTabs = nullptr;
    QLabel *m_stepTitle = nullptr;
    QLabel *m_stepDescription = nullptr;
    QPushButton *m_runStepButton = nullptr;
    QLabel *m_statusBanner = nullptr;
    QStackedWidget *m_pages = nullptr;
    QPlainTextEdit *m_metadataText = nullptr;
    QPlainTextEdit *m_keysText = nullptr;
    CopyableField *m_challengeField = nullptr;
    CopyableField *m_stateField = nullptr;
    CopyableField *m_nonceField = nullptr;
    QLabel *m_verifierNote = nullptr;
    AuthorizeParameterTable *m_parameters = nullptr;
    CopyableField *m_urlField = nullptr;
    BrowserPane *m_browser = nullptr;
    CheckListView *m_callbackChecks = nullptr;
    QLineEdit *m_callbackPaste = nullptr;
    QPushButton *m_callbackCheckButton = nullptr;
    QPlainTextEdit *m_callbackNotes = nullptr;
    QPlainTextEdit *m_tokenText = nullptr;
    CheckListView *m_idTokenChecks = nullptr;
    QPlainTextEdit *m_userInfoText = nullptr;
    CheckListView *m_refreshChecks = nullptr;
    QPlainTextEdit *m_afterText = nullptr;
    QWidget *m_exchangeView = nullptr;
    QComboBox *m_recordCombo = nullptr;
    QPlainTextEdit *m_requestText = nullptr;
    QPlainTextEdit *m_responseText = nullptr;
    FlowSettingsPanel *m_settings = nullptr;

    TokensPanel *m_tokens = nullptr;
};

} // namespace ui
