#include "core/names.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace gf {

namespace {

// "212" when every index is a single digit, otherwise "2,1,12" (text) — braces added for LaTeX.
std::string subscript(std::initializer_list<int> one_based, NameStyle style)
{
    bool comma = false;
    for (int v : one_based) comma |= v >= 10;
    std::string s;
    for (int v : one_based) {
        if (!s.empty() && comma) s += ',';
        s += std::to_string(v);
    }
    return style == NameStyle::latex ? "_{" + s + "}" : "_" + s;
}

} // namespace

std::string node_name(const Network& net, const NodeRef& n, NameStyle style)
{
    const int l = n.layer + 1, j = n.j + 1, k = n.k + 1;
    switch (n.kind) {
    case NodeKind::weight: return "w" + subscript({l, j, k}, style);
    case NodeKind::bias: return "b" + subscript({l, j}, style);
    case NodeKind::input: return "x" + subscript({j}, style);
    case NodeKind::pre: return "a" + subscript({l, j}, style);
    case NodeKind::post:
        if (n.layer == net.layers() - 1) {
            switch (style) {
            case NameStyle::text: return "ŷ" + subscript({j}, style);
            case NameStyle::ascii: return "yhat" + subscript({j}, style);
            case NameStyle::latex: return "\\hat{y}" + subscript({j}, style);
            }
        }
        return "h" + subscript({l, j}, style);
    case NodeKind::loss: return "L";
    }
    return "?";
}

std::string partial_name(const Network& net, const NodeRef& num, const NodeRef& den, NameStyle style)
{
    const std::string a = node_name(net, num, style), b = node_name(net, den, style);
    switch (style) {
    case NameStyle::text: return "∂" + a + "/∂" + b;
    case NameStyle::ascii: return "d" + a + "/d" + b;
    case NameStyle::latex: return "\\frac{\\partial " + a + "}{\\partial " + b + "}";
    }
    return {};
}

std::string gradient_name(const Network& net, const NodeRef& n, NameStyle style)
{
    return partial_name(net, loss_ref(net), n, style);
}

namespace {

std::string accepted_forms()
{
    return "accepted: w_212 or w_{2,1,12} or W2[1,2] (weight: layer, to neuron, from neuron), "
           "b_21 or b2[1], a_21, h_13, ŷ_1 (also yhat_1), x_1, L — all 1-based";
}

// "2, 1, 12" → {2, 1, 12}; exactly `want` whole numbers.
bool read_list(std::string_view s, std::size_t want, std::vector<int>& out)
{
    out.clear();
    while (true) {
        std::size_t comma = s.find(',');
        std::string_view part = s.substr(0, comma);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        int v = 0;
        auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || ec != std::errc{} || p != part.data() + part.size()) return false;
        out.push_back(v);
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
    }
    return out.size() == want;
}

// Reads the index list after a prefix: "212", "{212}", "2,1,12", "{2,1,12}", and "1" forms.
bool read_indices(std::string_view s, std::size_t want, std::vector<int>& out)
{
    out.clear();
    if (!s.empty() && s.front() == '{') {
        if (s.back() != '}') return false;
        s = s.substr(1, s.size() - 2);
    }
    if (s.empty()) return false;
    if (want == 1 || s.find(',') != std::string_view::npos) return read_list(s, want, out);
    // Unseparated digits: one digit per index, so the count must match.
    if (s.size() != want) return false;
    for (char c : s) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        out.push_back(c - '0');
    }
    return true;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

} // namespace

std::string clip_utf8(std::string_view s, std::size_t max_bytes)
{
    if (s.size() <= max_bytes) return std::string(s);
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut; // a continuation byte
    return std::string(s.substr(0, cut)) + "…";
}

bool parse_node(const Network& net, std::string_view name, NodeRef& out, std::string& error)
{
    std::string_view s = name;
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    const int L = net.layers();
    auto fail = [&](const std::string& why) {
        error = "cannot read \"" + clip_utf8(name, 64) + "\": " + why + "; " + accepted_forms();
        return false;
    };
    if (s == "L") {
        out = loss_ref(net);
        return true;
    }

    NodeKind kind{};
    std::size_t want = 0;
    std::string_view rest;
    bool bracket = false; // W2[1,2] / b2[1]: layer before the bracket
    int bracket_layer = 0;
    for (std::string_view p : {"\\hat{y}_", "y_hat_", "yhat_", "ŷ_"}) {
        if (starts_with(s, p)) {
            kind = NodeKind::post;
            want = 1;
            rest = s.substr(p.size());
            break;
        }
    }
    if (want == 0) {
        if (s.size() < 2) return fail("too short");
        const char c = s[0];
        if ((c == 'W' || c == 'b') && std::isdigit(static_cast<unsigned char>(s[1]))) {
            std::size_t open = s.find('[');
            if (open == std::string_view::npos || s.back() != ']') return fail("a bracket form needs [..]");
            auto [p, ec] = std::from_chars(s.data() + 1, s.data() + open, bracket_layer);
            if (ec != std::errc{} || p != s.data() + open) return fail("bad layer number");
            bracket = true;
            kind = c == 'W' ? NodeKind::weight : NodeKind::bias;
            want = c == 'W' ? 2 : 1;
            rest = s.substr(open + 1, s.size() - open - 2);
            if (rest.find(',') == std::string_view::npos && want == 2) return fail("W needs [row, column]");
        } else {
            if (s[1] != '_') return fail("expected a name like w_212");
            switch (c) {
            case 'w':
                kind = NodeKind::weight;
                want = 3;
                break;
            case 'b':
                kind = NodeKind::bias;
                want = 2;
                break;
            case 'a':
                kind = NodeKind::pre;
                want = 2;
                break;
            case 'h':
                kind = NodeKind::post;
                want = 2;
                break;
            case 'x':
                kind = NodeKind::input;
                want = 1;
                break;
            default: return fail("unknown name '" + std::string(1, c) + "'");
            }
            rest = s.substr(2);
        }
    }
    std::vector<int> idx;
    if (bracket) {
        // Bracket forms are always comma separated: W2[1,12], b2[12].
        if (!read_list(rest, want, idx))
            return fail("expected " + std::to_string(want) + " comma-separated indices in [..]");
        idx.insert(idx.begin(), bracket_layer);
        ++want;
    } else if (!read_indices(rest, want, idx)) {
        return fail("expected " + std::to_string(want) + " indices (separate them with commas when one is 10 or more)");
    }
    for (int v : idx)
        if (v < 1) return fail("indices are 1-based");

    NodeRef r;
    r.kind = kind;
    auto check_layer = [&](int layer1) {
        if (layer1 < 1 || layer1 > L) {
            error = "\"" + clip_utf8(name, 64) + "\": layer " + std::to_string(layer1) +
                    " does not exist; layers with parameters are 1.." + std::to_string(L);
            return false;
        }
        return true;
    };
    auto check_neuron = [&](int layer0, int j1, const char* what) { // layer0: sizes index
        if (j1 < 1 || j1 > net.sizes[std::size_t(layer0)]) {
            error = "\"" + clip_utf8(name, 64) + "\": " + what + " " + std::to_string(j1) + " does not exist; layer " +
                    std::to_string(layer0) + " has neurons 1.." + std::to_string(net.sizes[std::size_t(layer0)]);
            return false;
        }
        return true;
    };
    switch (kind) {
    case NodeKind::weight:
        if (!check_layer(idx[0]) || !check_neuron(idx[0], idx[1], "neuron") ||
            !check_neuron(idx[0] - 1, idx[2], "source neuron"))
            return false;
        r.layer = idx[0] - 1;
        r.j = idx[1] - 1;
        r.k = idx[2] - 1;
        break;
    case NodeKind::bias:
    case NodeKind::pre:
    case NodeKind::post:
        if (want == 1) { // ŷ_j
            r.layer = L - 1;
            if (!check_neuron(L, idx[0], "output")) return false;
            r.j = idx[0] - 1;
            break;
        }
        if (!check_layer(idx[0]) || !check_neuron(idx[0], idx[1], "neuron")) return false;
        r.layer = idx[0] - 1;
        r.j = idx[1] - 1;
        break;
    case NodeKind::input:
        if (!check_neuron(0, idx[0], "input")) return false;
        r.layer = -1;
        r.j = idx[0] - 1;
        break;
    case NodeKind::loss: break;
    }
    out = r;
    return true;
}

double node_value(const Network& net, const Trace& t, const NodeRef& n)
{
    const std::size_t l = std::size_t(n.layer), j = std::size_t(n.j);
    switch (n.kind) {
    case NodeKind::weight: return net.W[l](n.j, n.k);
    case NodeKind::bias: return net.b[l][j];
    case NodeKind::input: return t.x[j];
    case NodeKind::pre: return t.a[l][j];
    case NodeKind::post: return t.h[l][j];
    case NodeKind::loss: return t.loss;
    }
    return 0.0;
}

double node_gradient(const Trace& t, const NodeRef& n)
{
    const std::size_t l = std::size_t(n.layer), j = std::size_t(n.j);
    switch (n.kind) {
    case NodeKind::weight: return t.dW[l](n.j, n.k);
    case NodeKind::bias: return t.db[l][j];
    case NodeKind::input: return t.dx[j];
    case NodeKind::pre: return t.da[l][j];
    case NodeKind::post: return t.dh[l][j];
    case NodeKind::loss: return 1.0;
    }
    return 0.0;
}

std::size_t edit_distance(std::string_view a, std::string_view b)
{
    // Levenshtein with one row; names are short (callers pass bounded text).
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

} // namespace gf
