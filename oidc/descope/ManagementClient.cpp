#include "ManagementClient.h"

#include "oidc/descope/DescopeOperation.h"
#include "oidc/descope/DescopeResponse.h"

#include "oidc/descope/BlockingWait.h"

namespace oidc::descope {

ManagementClient::ManagementClient(net::HttpTransport &transport, DescopeProject project, std::string managementKey, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_project(std::move(project))
    , m_managementKey(std::move(managementKey))
{
}

template <typename T>
net::RequestHandle ManagementClient::send(const ManagementCall &call, Callback<T> done, std::function<Result<T>(const net::HttpResponse &)> process)
{
    auto operation = DescopeOperation<Result<T>>::start(std::move(done));
    auto request = buildManagementRequest(m_project, m_managementKey, call);
    if (!request) {
        operation->fail(request.error());
        return {};
    }
    operation->follow(m_transport.send(std::move(request).value(), this, [operation, process](Result<net::HttpResponse> answer) {
        if (operation->isFinished())
            return;
        if (!answer)
            operation->fail(descopeTransportError(answer.error()));
        else
            operation->finish(process(*answer));
    }));
    return operation->handle();
}

net::RequestHandle ManagementClient::call(const ManagementCall &call, Callback<Json> done)
{
    return send<Json>(call, std::move(done), processManagementResponse);
}

net::RequestHandle ManagementClient::createAccessKey(const ManagementCall &create, Callback<CreatedAccessKey> done)
{
    return send<CreatedAccessKey>(create, std::move(done), processCreatedAccessKeyResponse);
}

BlockingManagementClient::BlockingManagementClient(net::HttpTransport &transport, DescopeProject project, std::string managementKey)
    : m_client(transport, std::move(project), std::move(managementKey))
{
}

template <typename T, typename Start>
T BlockingManagementClient::wait(Start start)
{
    return waitForCallback<T>(m_current, std::move(start));
}

Result<Json> BlockingManagementClient::call(const ManagementCall &call)
{
    return wait<Result<Json>>([&](auto done) { return m_client.call(call, done); });
}

Result<CreatedAccessKey> BlockingManagementClient::createAccessKey(const ManagementCall &create)
{
    return wait<Result<CreatedAccessKey>>([&](auto done) { return m_client.createAccessKey(create, done); });
}

} // namespace oidc::descope

#include "moc_ManagementClient.cpp"
