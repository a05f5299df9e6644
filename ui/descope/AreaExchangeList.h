#pragma once

// The requests one Descope area sent, as they happen: method, path, status and duration (and the
// operation, "Descope OTP verify"), newest last, redacted like the Exchange Log (it reads the same
// log: AreaExchangeModel). Every request a client from DescopeContext::client(area) sends is
// listed, including those it sends on its own (the project's keys, each enchanted-link poll).
// Failed exchanges are red. "Show in Exchange Log" (or a double-click) asks MainWindow to open the
// Exchange Log at that exchange (DescopeContext::requestShowExchange), where request and response
// can be read in full. Object names: areaExchanges (the list), areaExchangesTable,
// areaExchangesShow (the button).

#include <QStringView>
#include <QWidget>

class QPushButton;
class QTableView;

namespace ui {

class AreaExchangeModel;
class DescopeContext;

class AreaExchangeList final : public QWidget {
    Q_OBJECT
public:
    // `area`: one of descope_area (DescopeContext.h), the name the area's client labels with.
    AreaExchangeList(DescopeContext &context, QStringView area, QWidget *parent = nullptr);

    [[nodiscard]] AreaExchangeModel *model() const { return m_model; }

private:
    void showSelected();

    DescopeContext &m_context;
    AreaExchangeModel *m_model;
    QTableView *m_table;
    QPushButton *m_show;
};

} // namespace ui
