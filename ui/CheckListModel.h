#pragma once

// The outcome of a verification as a table: one row per named check (oidc::jwt::ClaimCheck),
// with columns Check / Result / Rule / Detail. PASS, FAIL and SKIP are coloured.

#include "oidc/jwt/ClaimChecks.h"

#include <QAbstractTableModel>

#include <vector>

namespace ui {

class CheckListModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { CheckColumn, ResultColumn, RuleColumn, DetailColumn, ColumnCount };
    enum Role {
        OutcomeRole = Qt::UserRole + 1, // int: oidc::jwt::CheckOutcome
        CodeRole,                       // QString: the failure code
    };

    explicit CheckListModel(QObject *parent = nullptr);

    void setChecks(std::vector<oidc::jwt::ClaimCheck> checks);
    void clear();
    [[nodiscard]] const std::vector<oidc::jwt::ClaimCheck> &checks() const { return m_checks; }
    [[nodiscard]] int rowOf(const QString &checkId) const; // -1 when absent

    [[nodiscard]] static QString outcomeText(oidc::jwt::CheckOutcome outcome);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<oidc::jwt::ClaimCheck> m_checks;
};

} // namespace ui
