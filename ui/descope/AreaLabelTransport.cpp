#include "AreaLabelTransport.h"

namespace ui {

AreaLabelTransport::AreaLabelTransport(oidc::net::HttpTransport &inner, const QString &area)
    : m_inner(inner)
    , m_area(area)
{
}

QString AreaLabelTransport::labelPrefix(const QString &area)
{
    return area + QStringLiteral(" · ");
}

oidc::net::RequestHandle AreaLabelTransport::send(oidc::net::HttpRequest request, QObject *context, Callback callback)
{
    request.label = labelPrefix(m_area) + (request.label.isEmpty() ? QString::fromLatin1(request.method) : request.label);
    return m_inner.send(std::move(request), context, std::move(callback));
}

} // namespace ui
