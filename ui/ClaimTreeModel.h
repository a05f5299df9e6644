#pragma once

// A decoded token as a tree: the JOSE header and the claims, in the token's own member order,
// with columns Name / Value / Meaning. Registered, OIDC and Descope members carry an explanation
// (oidc::jwt::claimInfo / headerInfo); nested objects and arrays of objects become children;
// time claims show local time, UTC and a relative time that follows setNow().

#include <QAbstractItemModel>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace ui {

class ClaimTreeModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, MeaningColumn, ColumnCount };
    enum Role {
        JsonRole = Qt::UserRole + 1, // QString: the member's value as compact JSON
        UnixTimeRole,                // qint64 for time claims, invalid otherwise
        SectionRole,                 // bool: the "Header" / "Payload" rows
    };

    explicit ClaimTreeModel(QObject *parent = nullptr);
    ~ClaimTreeModel() override;

    // Shows a token from its decoded header and payload JSON texts. Returns false (and shows
    // nothing) when either is not a JSON object. A token with the same members in the same places
    // as the one shown changes the values in place (dataChanged); any other resets the model.
    bool setToken(std::string_view headerJson, std::string_view claimsJson);
    void clear();
    [[nodiscard]] bool isEmpty() const { return m_roots.empty(); }

    // The clock for relative times ("in 4 min 12 s"); refreshes the time claims' values.
    void setNow(int64_t unixSeconds);
    [[nodiscard]] int64_t now() const { return m_now; }

    // Index of a top-level member: section 0 = header, 1 = claims. Invalid when absent.
    [[nodiscard]] QModelIndex memberIndex(int section, const QString &name, int column = NameColumn) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    struct Node;

private:
    [[nodiscard]] Node *nodeOf(const QModelIndex &index) const;
    [[nodiscard]] QString timeText(int64_t unix) const;
    void announceValues(const QModelIndex &parent, const std::vector<std::unique_ptr<Node>> &nodes);

    std::vector<std::unique_ptr<Node>> m_roots;
    std::vector<Node *> m_timeNodes;
    int64_t m_now = 0;
};

} // namespace ui
