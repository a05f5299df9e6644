#include "BlockingSend.h"

#include <QEventLoop>

namespace oidc::net {

Result<HttpResponse> sendAndWait(HttpTransport &transport, HttpRequest request)
{
    QEventLoop loop;
    std::optional<Result<HttpResponse>> outcome;
    (void)transport.send(std::move(request), &loop, [&](Result<HttpResponse> result) {
        outcome.emplace(std::move(result));
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return std::move(*outcome);
}

} // namespace oidc::net
