#include "ClaimTreeModel.h"

#include "ui/UiText.h"

#include "oidc/HumanTime.h"
#include "oidc/jwt/ClaimCatalog.h"

#include <nlohmann/json.hpp>

#include <QDateTime>

#include <cmath>

namespace ui {

using OrderedJson = nlohmann::ordered_json;

struct ClaimTreeModel::Node final {
    Node *parent = nullptr;
    int row = 0;
    QString name;
    QString value;       // display text (time claims compute theirs live)
    QString json;        // compact JSON of the value
    QString meaning;     // a few words
    QString explanation; // tooltip: title, source, explanation
    std::optional<int64_t> unixTime;
    bool section = false;
    bool catalogued = false;
    bool expiry = false; // "exp": drawn red once past
    std::vector<std::unique_ptr<Node>> children;
};

namespace {

// Where a member sits decides what it means: "roles" at the top is project roles, inside a
// tenant it is that tenant's roles.
enum class Context { Header, Claims, Tenants, Tenant, Nsec, Nested };

QString dump(const OrderedJson &value)
{
    return qs(value.dump(-1, ' ', false, OrderedJson::error_handler_t::replace));
}

bool isScalarArray(const OrderedJson &value)
{
    for (const auto &element : value)
        if (element.is_structured())
            return false;
    return true;
}

QString displayValue(const OrderedJson &value)
{
    if (value.is_object())
        return value.empty() ? QStringLiteral("{ }")
                             : value.size() == 1 ? QStringLiteral("{1 member}") : QStringLiteral("{%1 members}").arg(value.size());
    if (value.is_array()) {
        if (!isScalarArray(value))
            return value.size() == 1 ? QStringLiteral("[1 item]") : QStringLiteral("[%1 items]").arg(value.size());
        QStringList parts;
        for (const auto &element : value)
            parts << dump(element);
        return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
    }
    return dump(value);
}

QString describe(const oidc::jwt::ClaimInfo &info)
{
    return qs(info.title) + QStringLiteral(" — ") + qs(info.source) + QStringLiteral("\n") + qs(info.explanation);
}

void explain(ClaimTreeModel::Node &node, Context context)
{
    const std::string name = toStd(node.name);
    switch (context) {
    case Context::Header:
        if (const auto *info = oidc::jwt::headerInfo(name)) {
            node.meaning = qs(info->title);
            node.explanation = describe(*info);
            node.catalogued = true;
        } else {
            node.meaning = QStringLiteral("Not a registered header parameter");
        }
        return;
    case Context::Claims:
        if (const auto *info = oidc::jwt::claimInfo(name)) {
            node.meaning = qs(info->title);
            node.explanation = describe(*info);
            node.catalogued = true;
        } else {
            node.meaning = QStringLiteral("Not a registered claim");
            node.explanation = QStringLiteral("A private or provider-specific claim: not defined by RFC 7519, OIDC Core or Descope.");
        }
        return;
    case Context::Tenants:
        node.meaning = QStringLiteral("Tenant (ID)");
        node.explanation = QStringLiteral("Descope: a tenant the user belongs to; its members are the user's roles and permissions in it.");
        node.catalogued = true;
        return;
    case Context::Tenant:
        if (node.name == QLatin1String("roles")) {
            node.meaning = QStringLiteral("Roles in this tenant");
            node.explanation = QStringLiteral("Descope: the user's roles within this tenant.");
            node.catalogued = true;
        } else if (node.name == QLatin1String("permissions")) {
            node.meaning = QStringLiteral("Permissions in this tenant");
            node.explanation = QStringLiteral("Descope: the permissions the user's roles grant within this tenant.");
            node.catalogued = true;
        }
        return;
    case Context::Nsec:
        node.meaning = QStringLiteral("Client-requested claim");
        node.explanation = QStringLiteral("Descope: a custom claim the client asked for (loginOptions.customClaims). "
                                          "Any client can request it, so do not trust it for authorization.");
        node.catalogued = true;
        return;
    case Context::Nested:
        return;
    }
}

Context childContext(Context context, const QString &name)
{
    if (context == Context::Claims && name == QLatin1String("tenants"))
        return Context::Tenants;
    if (context == Context::Claims && name == QLatin1String("nsec"))
        return Context::Nsec;
    if (context == Context::Tenants)
        return Context::Tenant;
    return Context::Nested;
}

std::unique_ptr<ClaimTreeModel::Node> makeNode(ClaimTreeModel::Node *parent, int row, const QString &name,
                                               const OrderedJson &value, Context context, std::vector<ClaimTreeModel::Node *> &timeNodes)
{
    auto node = std::make_unique<ClaimTreeModel::Node>();
    node->parent = parent;
    node->row = row;
    node->name = name;
    node->value = displayValue(value);
    node->json = dump(value);
    explain(*node, context);

    if (context == Context::Claims) {
        const auto *info = oidc::jwt::claimInfo(toStd(name));
        if (info && info->kind == oidc::jwt::ClaimKind::Time) {
            if (value.is_number()) { // NumericDate, RFC 7519 §2
                const double seconds = value.get<double>();
                if (std::isfinite(seconds) && std::fabs(seconds) < 1e15)
                    node->unixTime = static_cast<int64_t>(std::floor(seconds));
            } else if (value.is_string()) { // some providers send RFC 3339 text
                const QDateTime when = QDateTime::fromString(qs(value.get<std::string>()), Qt::ISODateWithMs);
                if (when.isValid())
                    node->unixTime = when.toSecsSinceEpoch();
            }
            if (node->unixTime) {
                node->expiry = name == QLatin1String("exp");
                timeNodes.push_back(node.get());
            }
        }
    }

    const Context inner = childContext(context, name);
    if (value.is_object()) {
        int childRow = 0;
        for (const auto &[key, member] : value.items())
            node->children.push_back(makeNode(node.get(), childRow++, qs(key), member, inner, timeNodes));
    } else if (value.is_array() && !isScalarArray(value)) {
        int childRow = 0;
        for (const auto &element : value) {
            node->children.push_back(
                makeNode(node.get(), childRow, QStringLiteral("[%1]").arg(childRow), element, Context::Nested, timeNodes));
            ++childRow;
        }
    }
    return node;
}

// Two trees with the same members in the same places: names, sections and nesting.
bool sameClaimTreeShape(const std::vector<std::unique_ptr<ClaimTreeModel::Node>> &a, const std::vector<std::unique_ptr<ClaimTreeModel::Node>> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i]->name != b[i]->name || a[i]->section != b[i]->section || !sameClaimTreeShape(a[i]->children, b[i]->children))
            return false;
    return true;
}

// The values of `from` into the nodes of `into` (the same shape), which keep their place.
void adoptClaimValues(std::vector<std::unique_ptr<ClaimTreeModel::Node>> &into, const std::vector<std::unique_ptr<ClaimTreeModel::Node>> &from,
                      std::vector<ClaimTreeModel::Node *> &timeNodes)
{
    for (size_t i = 0; i < into.size(); ++i) {
        ClaimTreeModel::Node &node = *into[i];
        const ClaimTreeModel::Node &source = *from[i];
        node.value = source.value;
        node.json = source.json;
        node.meaning = source.meaning;
        node.explanation = source.explanation;
        node.unixTime = source.unixTime;
        node.catalogued = source.catalogued;
        node.expiry = source.expiry;
        if (node.unixTime) // only the claims' time members have one (makeNode)
            timeNodes.push_back(&node);
        adoptClaimValues(node.children, source.children, timeNodes);
    }
}

std::optional<OrderedJson> parseObject(std::string_view text)
{
    OrderedJson value = OrderedJson::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded() || !value.is_object())
        return std::nullopt;
    return value;
}

} // namespace

ClaimTreeModel::ClaimTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_now(QDateTime::currentSecsSinceEpoch())
{
}

ClaimTreeModel::~ClaimTreeModel() = default;

bool ClaimTreeModel::setToken(std::string_view headerJson, std::string_view claimsJson)
{
    // Parsed again here, order-preserving: the core's decoder keeps members sorted, while people
    // expect to see them in the order the token has them.
    const auto header = parseObject(headerJson);
    const auto claims = parseObject(claimsJson);
    if (!header || !claims) {
        clear();
        return false;
    }
    std::vector<std::unique_ptr<Node>> roots;
    std::vector<Node *> timeNodes;

    auto headerNode = std::make_unique<Node>();
    headerNode->section = true;
    headerNode->row = 0;
    headerNode->name = QStringLiteral("Header");
    headerNode->meaning = QStringLiteral("JOSE header — RFC 7515 §4");
    headerNode->explanation = QStringLiteral("How the token is signed: algorithm, key ID, type. It is not protected from "
                                             "the token's author, so a verifier never lets it choose the algorithm or the key.");
    QStringList summary;
    for (const char *key : {"alg", "kid", "typ"})
        if (const auto found = header->find(key); found != header->end() && found->is_string())
            summary << QString::fromLatin1(key) + QLatin1Char(' ') + qs(found->get<std::string>());
    headerNode->value = summary.join(QStringLiteral(" · "));
    int row = 0;
    for (const auto &[key, member] : header->items())
        headerNode->children.push_back(makeNode(headerNode.get(), row++, qs(key), member, Context::Header, timeNodes));

    auto claimsNode = std::make_unique<Node>();
    claimsNode->section = true;
    claimsNode->row = 1;
    claimsNode->name = QStringLiteral("Payload");
    claimsNode->meaning = QStringLiteral("JWT claims set — RFC 7519 §4");
    claimsNode->explanation = QStringLiteral("What the issuer asserts about the subject. Trust it only after the signature "
                                             "and the claim checks pass.");
    claimsNode->value = claims->size() == 1 ? QStringLiteral("1 claim") : QStringLiteral("%1 claims").arg(claims->size());
    row = 0;
    for (const auto &[key, member] : claims->items())
        claimsNode->children.push_back(makeNode(claimsNode.get(), row++, qs(key), member, Context::Claims, timeNodes));

    roots.push_back(std::move(headerNode));
    roots.push_back(std::move(claimsNode));
    if (sameClaimTreeShape(m_roots, roots)) {
        // Another token with the same members (the next login's, a refresh's): the values change
        // in place, so the view keeps its rows, expansion and scroll bars and repaints only.
        m_timeNodes.clear();
        adoptClaimValues(m_roots, roots, m_timeNodes);
        announceValues(QModelIndex(), m_roots);
        return true;
    }
    beginResetModel();
    m_roots = std::move(roots);
    m_timeNodes = std::move(timeNodes);
    endResetModel();
    return true;
}

void ClaimTreeModel::announceValues(const QModelIndex &parent, const std::vector<std::unique_ptr<Node>> &nodes)
{
    if (nodes.empty())
        return;
    Q_EMIT dataChanged(index(0, 0, parent), index(static_cast<int>(nodes.size()) - 1, ColumnCount - 1, parent));
    for (const auto &node : nodes)
        if (!node->children.empty())
            announceValues(createIndex(node->row, 0, node.get()), node->children);
}

void ClaimTreeModel::clear()
{
    if (m_roots.empty())
        return;
    beginResetModel();
    m_roots.clear();
    m_timeNodes.clear();
    endResetModel();
}

void ClaimTreeModel::setNow(int64_t unixSeconds)
{
    if (unixSeconds == m_now)
        return;
    m_now = unixSeconds;
    for (Node *node : m_timeNodes) {
        const QModelIndex changed = createIndex(node->row, ValueColumn, node);
        Q_EMIT dataChanged(changed, changed, {Qt::DisplayRole, Qt::ToolTipRole, Qt::ForegroundRole});
    }
}

QModelIndex ClaimTreeModel::memberIndex(int section, const QString &name, int column) const
{
    if (section < 0 || section >= static_cast<int>(m_roots.size()))
        return {};
    for (const auto &child : m_roots[static_cast<size_t>(section)]->children)
        if (child->name == name)
            return createIndex(child->row, column, child.get());
    return {};
}

ClaimTreeModel::Node *ClaimTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

QModelIndex ClaimTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const auto &list = parent.isValid() ? nodeOf(parent)->children : m_roots;
    return createIndex(row, column, list[static_cast<size_t>(row)].get());
}

QModelIndex ClaimTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    if (!node || !node->parent)
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int ClaimTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return static_cast<int>(m_roots.size());
    if (parent.column() != 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int ClaimTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QString ClaimTreeModel::timeText(int64_t unix) const
{
    const QString local = qs(oidc::formatLocal(unix));
    const QString utc = qs(oidc::formatUtc(unix));
    QString text = qs(oidc::formatRelative(unix, m_now)) + QStringLiteral(" · ") + local;
    if (local != utc)
        text += QStringLiteral(" · ") + utc;
    return text;
}

QVariant ClaimTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *node = nodeOf(index);
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == NameColumn)
            return node->name;
        if (column == ValueColumn)
            return node->unixTime ? timeText(*node->unixTime) : node->value;
        return node->meaning;
    case Qt::ToolTipRole:
        if (column == ValueColumn) {
            if (node->unixTime)
                return plainToolTip(QStringLiteral("%1 (as sent)\n%2 (Unix seconds)\nlocal: %3\nUTC: %4\n%5")
                                        .arg(node->json, QString::number(*node->unixTime), qs(oidc::formatLocal(*node->unixTime)),
                                             qs(oidc::formatUtc(*node->unixTime)), qs(oidc::formatRelative(*node->unixTime, m_now))));
            return node->section ? QVariant() : QVariant(plainToolTip(node->json));
        }
        return node->explanation.isEmpty() ? QVariant() : QVariant(plainToolTip(node->explanation));
    case Qt::FontRole: {
        if (node->section) {
            if (column != NameColumn)
                return {};
            QFont font;
            font.setWeight(QFont::DemiBold);
            return font;
        }
        if (column != NameColumn)
            return {};
        return monospaceFont();
    }
    case Qt::ForegroundRole:
        if (column == MeaningColumn && !node->catalogued && !node->section)
            return mutedColor();
        if (column == ValueColumn && node->expiry && node->unixTime && *node->unixTime <= m_now)
            return failColor();
        if (column != NameColumn && node->section)
            return mutedColor();
        return {};
    case JsonRole:
        return node->section ? QVariant() : QVariant(node->json);
    case UnixTimeRole:
        return node->unixTime ? QVariant(static_cast<qint64>(*node->unixTime)) : QVariant();
    case SectionRole:
        return node->section;
    default:
        return {};
    }
}

QVariant ClaimTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return QStringLiteral("Name");
    case ValueColumn: return QStringLiteral("Value");
    case MeaningColumn: return QStringLiteral("Meaning");
    default: return {};
    }
}

Qt::ItemFlags ClaimTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeOf(index)->children.empty() || index.column() != 0)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

} // namespace ui

#include "moc_ClaimTreeModel.cpp"
