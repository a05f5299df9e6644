#include "AuthorizeStepPage.h"

#include "ui/CopyableField.h"
#include "ui/flow/AuthorizeParameterTable.h"
#include "ui/widgets/Layouting.h"

#include <QBoxLayout>

namespace ui {

AuthorizeStepPage::AuthorizeStepPage(QWidget *parent)
    : StepPage(parent)
    , m_parameters(new AuthorizeParameterTable)
    , m_url(new CopyableField(QStringLiteral("authorizationUrlField")))
{
    m_url->setPlaceholderText(QStringLiteral("Run this step to build the URL"));
    layout::attach(this, layout::column({layout::Item(m_parameters, 1), m_url}, {.margins = layout::kFlush}));
}

void AuthorizeStepPage::setUrl(const QUrl &url)
{
    m_url->setText(url.toString(QUrl::FullyEncoded));
}

void AuthorizeStepPage::setToolBar(QWidget *bar)
{
    if (auto *box = qobject_cast<QBoxLayout *>(layout()))
        box->insertWidget(0, bar);
}

void AuthorizeStepPage::refresh(const FlowRunner &, FlowStepModel::Step)
{
}

} // namespace ui

#include "moc_AuthorizeStepPage.cpp"
