#pragma once

// The checks of a verification as a table, one line per check (over a CheckListModel it owns),
// and, when asked for, the selected check's rule and detail in full underneath: a details pane
// that follows the selection, as in Wireshark's packet list. New checks select the first
// failure (or the first check), so its detail is what shows. The JWT inspector, the flow page's
// callback, ID-token and refresh steps and the tokens panel all show their checks this way.

#include "oidc/jwt/ClaimChecks.h"

#include <QWidget>

#include <vector>

class QLabel;
class QTableView;

namespace ui {

class CheckListModel;

class CheckListView final : public QWidget {
    Q_OBJECT
public:
    struct Options final {
        bool detailPane = false;   // the selected check's rule and detail underneath
        bool ruleColumn = true;    // false: Check, Result and Detail only (a narrow pane)
        int ruleColumnWidth = 170; // its initial width; the user can resize it
    };

    // `name` names this widget; its table is <name>Table and the detail pane checkDetailLabel.
    CheckListView(const QString &name, const Options &options, QWidget *parent = nullptr);

    [[nodiscard]] CheckListModel *model() const { return m_model; }
    [[nodiscard]] const std::vector<oidc::jwt::ClaimCheck> &checks() const;
    void setChecks(std::vector<oidc::jwt::ClaimCheck> checks);
    void clear();

private:
    void selectFirstFailure();
    void showDetail(int row);

    CheckListModel *m_model;
    QTableView *m_table;
    QLabel *m_detail = nullptr;
};

} // namespace ui
