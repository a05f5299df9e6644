#pragma once

// The management API's client (ManagementApi.h), asynchronous like DescopeClient: each call is
// build → send → process over the injected transport (the exchange log sees it, labelled
// "Descope management: …", with the Authorization value and any "cleartext" hidden), answers
// once through its callback on this object's thread, and returns a handle that cancels it. The
// management key is held here, a secret: never logged, never part of an error.
// BlockingManagementClient is the same client for the headless CLI.

#include "oidc/descope/ManagementApi.h"
#include "oidc/net/HttpTransport.h"

#include <QObject>

#include <functional>

namespace oidc::descope {

class ManagementClient final : public QObject {
    Q_OBJECT
public:
    template <typename T>
    using Callback = std::function<void(Result<T>)>;

    ManagementClient(net::HttpTransport &transport, DescopeProject project, std::string managementKey, QObject *parent = nullptr);

    [[nodiscard]] const DescopeProject &project() const { return m_project; }

    // Any management call: its answer's JSON object.
    net::RequestHandle call(const ManagementCall &call, Callback<Json> done);
    // The access-key create, whose cleartext comes back this once.
    net::RequestHandle createAccessKey(const ManagementCall &create, Callback<CreatedAccessKey> done);

private:
    template <typename T>
    net::RequestHandle send(const ManagementCall &call, Callback<T> done, std::function<Result<T>(const net::HttpResponse &)> process);

    net::HttpTransport &m_transport;
    DescopeProject m_project;
    std::string m_managementKey; // SECRET
};

class BlockingManagementClient final {
public:
    BlockingManagementClient(net::HttpTransport &transport, DescopeProject project, std::string managementKey);

    void cancel() const { m_current.cancel(); }
    [[nodiscard]] Result<Json> call(const ManagementCall &call);
    [[nodiscard]] Result<CreatedAccessKey> createAccessKey(const ManagementCall &create);

private:
    template <typename T, typename Start>
    T wait(Start start);

    ManagementClient m_client;
    net::RequestHandle m_current;
};

} // namespace oidc::descope
