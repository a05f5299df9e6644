#pragma once

// Two claim sets side by side, one row per top-level claim: what a refresh or a step-up changed,
// the claims that differ first, then those that stayed, each group by name.
// Columns Claim / Before / After / Change; each value as compact JSON, a time claim (iat, exp,
// nbf, auth_time, rexp…) with its local time too, and the change in words ("changed",
// "+900 s" for a time that moved, "added", "removed", "same"). Changed rows are highlighted
// (background) so the difference is what the eye meets first; setShowUnchanged(false) leaves only
// them. The claims are compared as JSON values, nothing is checked here.

#include "oidc/Json.h"

#include <QAbstractTableModel>
#include <QString>

#include <optional>
#include <vector>

namespace ui {

class ClaimDiffModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ClaimColumn, BeforeColumn, AfterColumn, ChangeColumn, ColumnCount };
    enum class Change { Same, Changed, Added, Removed };
    Q_ENUM(Change)
    enum Role { ChangeRole = Qt::UserRole + 1 }; // int: Change

    explicit ClaimDiffModel(QObject *parent = nullptr);

    // Claim sets are JSON objects (anything else counts as empty).
    void setClaims(const oidc::Json &before, const oidc::Json &after);
    void clear();
    void setShowUnchanged(bool show);

    // The names of the claims that differ, in row order.
    [[nodiscard]] QStringList changedClaims() const;
    // "3 claims changed: iat, exp, jti" or "No claim changed".
    [[nodiscard]] QString summary() const;
    // The row of a claim among those shown, -1 when not shown.
    [[nodiscard]] int rowOf(const QString &claim) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row final {
        QString claim;
        std::optional<oidc::Json> before;
        std::optional<oidc::Json> after;
        Change change = Change::Same;
    };

    void rebuild();
    [[nodiscard]] static QString valueText(const QString &claim, const std::optional<oidc::Json> &value);
    [[nodiscard]] static QString changeText(const Row &row);

    oidc::Json m_before = oidc::Json::object();
    oidc::Json m_after = oidc::Json::object();
    bool m_showUnchanged = true;
    std::vector<Row> m_all;
    std::vector<const Row *> m_shown;
};

} // namespace ui
