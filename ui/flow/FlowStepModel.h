#pragma once

// The steps of the authorization-code flow page as a list: what each step is, its state
// (pending / running / ok / failed / cancelled), its one-line outcome, the error that stopped it
// (category, code and message, shown as plain text), the checks it ran and the exchange-log
// records it caused. FlowRunner writes it; the step list, the detail pane and the tests read it.

#include "oidc/Result.h"
#include "oidc/flow/FlowStep.h"
#include "oidc/jwt/ClaimChecks.h"

#include <QAbstractListModel>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace ui {

class FlowStepModel final : public QAbstractListModel {
    Q_OBJECT
public:
    // Rows, in the order a login goes through them; the last three act on the session afterwards.
    // The core's steps: the rows are its first twelve (client credentials has no row).
    using Step = oidc::flow::FlowStep;
    static constexpr int kStepCount = 12;
    static constexpr int kLoginStepCount = 9; // Discovery … UserInfo
    static_assert(static_cast<int>(Step::Logout) == kStepCount - 1, "the rows are the core's first twelve steps");

    enum class State { Pending, Running, Ok, Failed, Cancelled };
    Q_ENUM(State)

    enum Role {
        StepRole = Qt::UserRole + 1, // int: Step
        StateRole,                   // int: State
        StateTextRole,               // QString: "pending", "running", "ok", "failed", "cancelled"
        SummaryRole,                 // QString: the outcome in one line (plain text)
        ErrorRole,                   // QString: "CATEGORY CODE: message (expected …, got …)" or empty
        ErrorCategoryRole,           // QString: "IDT", "AUTHZ" … or empty
        ErrorCodeRole,               // QString
        NumberRole,                  // QString: "1" … "9" for login steps, empty for actions
        DescriptionRole,             // QString: what the step does and which rule it follows
    };

    struct Entry final {
        Step step = Step::Discovery;
        State state = State::Pending;
        QString summary;
        std::optional<oidc::Error> error;
        std::vector<oidc::jwt::ClaimCheck> checks;
        QList<int> recordIds; // ExchangeRecord ids
        QStringList notes;    // stray requests, refused callbacks, hops worth noting
    };

    explicit FlowStepModel(QObject *parent = nullptr);

    [[nodiscard]] static QString title(Step step);
    [[nodiscard]] static QString description(Step step);
    [[nodiscard]] static QString stateText(State state);
    [[nodiscard]] static bool isLoginStep(Step step) { return static_cast<int>(step) < kLoginStepCount; }
    [[nodiscard]] static bool isRow(Step step) { return static_cast<int>(step) < kStepCount; }

    [[nodiscard]] const Entry &entry(Step step) const { return m_entries.at(static_cast<size_t>(step)); }
    [[nodiscard]] State state(Step step) const { return entry(step).state; }
    [[nodiscard]] QModelIndex indexOf(Step step) const { return index(static_cast<int>(step)); }

    void setRunning(Step step, const QString &summary = {});
    void setOk(Step step, const QString &summary, std::vector<oidc::jwt::ClaimCheck> checks = {});
    void setFailed(Step step, const oidc::Error &error, const QString &summary = {}, std::vector<oidc::jwt::ClaimCheck> checks = {});
    void setCancelled(Step step, const QString &summary);
    void setChecks(Step step, std::vector<oidc::jwt::ClaimCheck> checks);
    void addRecord(Step step, int recordId);
    void addNote(Step step, const QString &note);
    // Back to pending, forgetting outcome, records and notes.
    void reset(Step step);
    void resetAll();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void stepChanged(oidc::flow::FlowStep step);

private:
    Entry &mutableEntry(Step step) { return m_entries.at(static_cast<size_t>(step)); }
    void changed(Step step);

    std::vector<Entry> m_entries;
};

} // namespace ui
