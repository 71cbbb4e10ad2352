// [SECTION] PRNG
// [SECTION] Names
// [SECTION] Features
// [SECTION] Generators (Playground's definitions)
// [SECTION] CSV
// [SECTION] Samples for a network
#include "core/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace gf {

// -----------------------------------------------------------------------------------------------
// [SECTION] PRNG
// -----------------------------------------------------------------------------------------------

std::uint64_t Rng::next()
{
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double Rng::normal(double mean, double variance)
{
    // Box–Muller with u1 in (0, 1] so the log is finite; one of the pair is used, so each call
    // takes exactly two draws and the stream does not depend on what was asked before.
    constexpr double kTwoPi = 6.283185307179586;
    const double u1 = 1.0 - uniform01(), u2 = uniform01();
    return mean + std::sqrt(variance) * std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

std::size_t Rng::below(std::size_t n)
{
    // Multiply-shift on the top 32 bits: n ≤ 10 000 here, so the bias (n / 2³²) is negligible
    // and, unlike %, the same on 32-bit size_t (wasm).
    return std::size_t(((next() >> 32) * std::uint64_t(n)) >> 32);
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Names
// -----------------------------------------------------------------------------------------------

std::string_view to_string(DatasetKind k)
{
    switch (k) {
    case DatasetKind::circle: return "circle";
    case DatasetKind::xor_: return "xor";
    case DatasetKind::gauss: return "gauss";
    case DatasetKind::spiral: return "spiral";
    case DatasetKind::plane: return "plane";
    case DatasetKind::gauss_reg: return "gauss-reg";
    case DatasetKind::csv: return "csv";
    }
    return "?";
}

bool parse_dataset_kind(std::string_view s, DatasetKind& out)
{
    for (DatasetKind k : {DatasetKind::circle, DatasetKind::xor_, DatasetKind::gauss, DatasetKind::spiral,
                          DatasetKind::plane, DatasetKind::gauss_reg})
        if (s == to_string(k)) {
            out = k;
            return true;
        }
    return false;
}

Problem problem_of(DatasetKind k)
{
    return k == DatasetKind::plane || k == DatasetKind::gauss_reg ? Problem::regression : Problem::classification;
}

int default_points(DatasetKind k) { return problem_of(k) == Problem::regression ? 1200 : 500; }

std::string_view to_string(Feature f)
{
    switch (f) {
    case Feature::x1: return "x1";
    case Feature::x2: return "x2";
    case Feature::x1_sq: return "x1^2";
    case Feature::x2_sq: return "x2^2";
    case Feature::x1x2: return "x1x2";
    case Feature::sin_x1: return "sin_x1";
    case Feature::sin_x2: return "sin_x2";
    }
    return "?";
}

bool parse_feature(std::string_view s, Feature& out)
{
    for (int i = 0; i < kFeatureCount; ++i)
        if (s == to_string(Feature(i))) {
            out = Feature(i);
            return true;
        }
    return false;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Features
// -----------------------------------------------------------------------------------------------

void apply_features(const std::vector<Feature>& features, double x1, double x2, double* out)
{
    for (std::size_t i = 0; i < features.size(); ++i) {
        switch (features[i]) {
        case Feature::x1: out[i] = x1; break;
        case Feature::x2: out[i] = x2; break;
        case Feature::x1_sq: out[i] = x1 * x1; break;
        case Feature::x2_sq: out[i] = x2 * x2; break;
        case Feature::x1x2: out[i] = x1 * x2; break;
        case Feature::sin_x1: out[i] = std::sin(x1); break;
        case Feature::sin_x2: out[i] = std::sin(x2); break;
        }
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Generators (Playground's definitions)
// -----------------------------------------------------------------------------------------------
// Playground (dataset.ts) draws every coordinate in the order written below; we keep that order
// so a person comparing the two sees the same shapes, though not the same points (its PRNG is
// seedrandom's ARC4, ours splitmix64). noise is Playground's slider value / 100.

namespace {

constexpr double kPi = 3.141592653589793;

struct Builder {
    Dataset& d;
    void add(double x1, double x2, double label)
    {
        d.x.push_back(x1);
        d.x.push_back(x2);
        d.t.push_back(label);
    }
};

// Circle: half the points inside radius 2.5, half in the ring 3.5–5; the label is +1 when the
// noisy point lies within 2.5 of the centre (so noise mislabels points near the border).
void circle(Rng& rng, int n, double noise, Builder& b)
{
    const double radius = 5.0;
    auto label = [&](double x, double y) { return std::sqrt(x * x + y * y) < radius * 0.5 ? 1.0 : -1.0; };
    for (int ring = 0; ring < 2; ++ring)
        for (int i = 0; i < n / 2; ++i) {
            const double r = ring == 0 ? rng.uniform(0.0, radius * 0.5) : rng.uniform(radius * 0.7, radius);
            const double angle = rng.uniform(0.0, 2.0 * kPi);
            const double x = r * std::sin(angle), y = r * std::cos(angle);
            const double nx = rng.uniform(-radius, radius) * noise, ny = rng.uniform(-radius, radius) * noise;
            b.add(x, y, label(x + nx, y + ny));
        }
}

// Exclusive or: uniform in [−5, 5]², pushed 0.3 away from the axes; +1 in the 1st and 3rd quadrants.
void exclusive_or(Rng& rng, int n, double noise, Builder& b)
{
    const double padding = 0.3;
    for (int i = 0; i < n; ++i) {
        double x = rng.uniform(-5.0, 5.0);
        x += x > 0 ? padding : -padding;
        double y = rng.uniform(-5.0, 5.0);
        y += y > 0 ? padding : -padding;
        const double nx = rng.uniform(-5.0, 5.0) * noise, ny = rng.uniform(-5.0, 5.0) * noise;
        b.add(x, y, (x + nx) * (y + ny) >= 0 ? 1.0 : -1.0);
    }
}

// Two Gaussians at (2, 2) (+1) and (−2, −2) (−1); the variance grows from 0.5 to 4 as noise goes 0 → 0.5.
void two_gaussians(Rng& rng, int n, double noise, Builder& b)
{
    const double variance = 0.5 + (4.0 - 0.5) * (noise / 0.5);
    for (const double c : {2.0, -2.0})
        for (int i = 0; i < n / 2; ++i) {
            const double x = rng.normal(c, variance);
            const double y = rng.normal(c, variance);
            b.add(x, y, c > 0 ? 1.0 : -1.0);
        }
}

// Two spirals, 1.75 turns out to radius 5, the second turned by π; uniform noise on each coordinate.
void spiral(Rng& rng, int n, double noise, Builder& b)
{
    const int half = n / 2;
    for (int arm = 0; arm < 2; ++arm)
        for (int i = 0; i < half; ++i) {
            const double r = double(i) / half * 5.0;
            const double t = 1.75 * double(i) / half * 2.0 * kPi + (arm == 0 ? 0.0 : kPi);
            const double x = r * std::sin(t) + rng.uniform(-1.0, 1.0) * noise;
            const double y = r * std::cos(t) + rng.uniform(-1.0, 1.0) * noise;
            b.add(x, y, arm == 0 ? 1.0 : -1.0);
        }
}

// Plane: uniform in [−6, 6]², the value (x + y)/10 of the noisy point (in [−1.2, 1.2]).
void plane(Rng& rng, int n, double noise, Builder& b)
{
    const double radius = 6.0;
    for (int i = 0; i < n; ++i) {
        const double x = rng.uniform(-radius, radius), y = rng.uniform(-radius, radius);
        const double nx = rng.uniform(-radius, radius) * noise, ny = rng.uniform(-radius, radius) * noise;
        b.add(x, y, (x + nx + y + ny) / 10.0);
    }
}

// Six Gaussian bumps of alternating sign on a 3 × 2 grid; the value is the bump largest in
// magnitude, each falling linearly from ±1 at its centre to 0 at distance 2.
void gaussians_regression(Rng& rng, int n, double noise, Builder& b)
{
    const double bumps[6][3] = {{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1}, {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
    auto value = [&](double x, double y) {
        double v = 0.0;
        for (const auto& g : bumps) {
            const double d = std::sqrt((x - g[0]) * (x - g[0]) + (y - g[1]) * (y - g[1]));
            const double nv = g[2] * std::clamp(1.0 - d / 2.0, 0.0, 1.0);
            if (std::abs(nv) > std::abs(v)) v = nv;
        }
        return v;
    };
    const double radius = 6.0;
    for (int i = 0; i < n; ++i) {
        const double x = rng.uniform(-radius, radius), y = rng.uniform(-radius, radius);
        const double nx = rng.uniform(-radius, radius) * noise, ny = rng.uniform(-radius, radius) * noise;
        b.add(x, y, value(x + nx, y + ny));
    }
}

// Fisher–Yates over whole rows of x and t, then the split point.
void shuffle_and_split(Dataset& d, Rng& rng, double train_fraction)
{
    const std::size_t n = d.size(), ni = std::size_t(d.inputs), nt = std::size_t(d.targets);
    for (std::size_t i = n; i > 1; --i) {
        const std::size_t j = rng.below(i);
        for (std::size_t k = 0; k < ni; ++k) std::swap(d.x[(i - 1) * ni + k], d.x[j * ni + k]);
        for (std::size_t k = 0; k < nt; ++k) std::swap(d.t[(i - 1) * nt + k], d.t[j * nt + k]);
    }
    // At least one point on each side, so both losses exist.
    const auto train = std::size_t(std::floor(double(n) * train_fraction));
    d.train_count = std::clamp<std::size_t>(train, 1, n > 1 ? n - 1 : 1);
}

} // namespace

Dataset generate(const DataSpec& spec)
{
    Dataset d;
    d.problem = problem_of(spec.kind);
    d.inputs = 2;
    d.targets = 1;
    d.x.reserve(std::size_t(spec.points) * 2);
    d.t.reserve(std::size_t(spec.points));
    Rng rng(spec.seed);
    Builder b{d};
    const double noise = spec.noise / 100.0;
    switch (spec.kind) {
    case DatasetKind::circle: circle(rng, spec.points, noise, b); break;
    case DatasetKind::xor_: exclusive_or(rng, spec.points, noise, b); break;
    case DatasetKind::gauss: two_gaussians(rng, spec.points, noise, b); break;
    case DatasetKind::spiral: spiral(rng, spec.points, noise, b); break;
    case DatasetKind::plane: plane(rng, spec.points, noise, b); break;
    case DatasetKind::gauss_reg: gaussians_regression(rng, spec.points, noise, b); break;
    case DatasetKind::csv: break;
    }
    shuffle_and_split(d, rng, spec.train_fraction);
    return d;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] CSV
// -----------------------------------------------------------------------------------------------

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// A whole field as a finite number. std::from_chars for double is missing from Emscripten 3.1.6's
// libc++, so strtod on a bounded copy (the "C" locale: '.' is the decimal point), then insist that
// all of the field was the number.
bool field_number(std::string_view field, double& v)
{
    char buf[72];
    if (field.empty() || field.size() >= sizeof buf) return false;
    field.copy(buf, field.size());
    buf[field.size()] = '\0';
    char* end = nullptr;
    v = std::strtod(buf, &end);
    return end == buf + field.size() && std::isfinite(v);
}

// Splits on the separator and reads each field as a finite number; on failure says which column.
bool read_row(std::string_view line, char sep, Vec& out, std::string& why)
{
    out.clear();
    std::size_t start = 0;
    for (int column = 1;; ++column) {
        const std::size_t end = line.find(sep, start);
        const std::string_view field = trim(line.substr(start, end == std::string_view::npos ? end : end - start));
        double v = 0.0;
        if (!field_number(field, v)) {
            why = "column " + std::to_string(column) + " is " +
                  (field.empty() ? std::string("empty") : "\"" + std::string(field.substr(0, 24)) + "\"") +
                  ", not a finite number";
            return false;
        }
        if (out.size() >= std::size_t(kMaxCsvColumns)) {
            why = "it has more than " + std::to_string(kMaxCsvColumns) + " columns";
            return false;
        }
        out.push_back(v);
        if (end == std::string_view::npos) return true;
        start = end + 1;
    }
}

// A header names its columns: not one of its fields is a number. A first row with a number in it
// is data, and a bad field in it is an error like any other row's (not silently dropped).
bool is_header(std::string_view line, char sep)
{
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = line.find(sep, start);
        const std::string_view field = trim(line.substr(start, end == std::string_view::npos ? end : end - start));
        double v = 0.0;
        if (field_number(field, v)) return false;
        if (end == std::string_view::npos) return true;
        start = end + 1;
    }
}

} // namespace

bool parse_csv(std::string_view text, int targets, double train_fraction, std::uint64_t seed, Dataset& out,
               std::string& error)
{
    if (text.size() > kMaxCsvBytes) {
        error = "the CSV is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(kMaxCsvBytes) +
                " bytes (1 MB) and " + std::to_string(kMaxDataPoints) + " rows";
        return false;
    }
    if (targets < 1 || targets > 2) {
        error = "targets must be 1 or 2 (the last columns of each row)";
        return false;
    }
    // The separator is the first of , ; tab that appears (a paste from a spreadsheet has tabs).
    char sep = ',';
    for (char c : {',', ';', '\t'})
        if (text.find(c) != std::string_view::npos) {
            sep = c;
            break;
        }
    Dataset d;
    d.targets = targets;
    d.inputs = 0;
    Vec row;
    std::string why;
    std::size_t line_no = 0, pos = 0, rows = 0;
    bool first_content = true;
    while (pos <= text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const std::string_view line = trim(text.substr(pos, nl == std::string_view::npos ? nl : nl - pos));
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        if (line.empty()) continue;
        const bool ok = read_row(line, sep, row, why);
        if (first_content) {
            first_content = false;
            if (!ok && is_header(line, sep)) continue;
        }
        if (!ok) {
            error = "line " + std::to_string(line_no) + ": " + why;
            return false;
        }
        if (d.inputs == 0) {
            if (int(row.size()) <= targets) {
                error = "line " + std::to_string(line_no) + ": " + std::to_string(row.size()) +
                        " column(s); a row needs at least one input column and " + std::to_string(targets) +
                        " target column(s), e.g. \"0.5, -1.2, 1\"";
                return false;
            }
            d.inputs = int(row.size()) - targets;
        } else if (int(row.size()) != d.inputs + targets) {
            error = "line " + std::to_string(line_no) + ": " + std::to_string(row.size()) +
                    " columns; the rows before it have " + std::to_string(d.inputs + targets);
            return false;
        }
        if (++rows > std::size_t(kMaxDataPoints)) {
            error = "line " + std::to_string(line_no) + ": more than " + std::to_string(kMaxDataPoints) +
                    " rows; the limit is " + std::to_string(kMaxDataPoints) + " rows (and 1 MB)";
            return false;
        }
        d.x.insert(d.x.end(), row.begin(), row.begin() + d.inputs);
        d.t.insert(d.t.end(), row.begin() + d.inputs, row.end());
    }
    if (rows < 2) {
        error = "the CSV has " + std::to_string(rows) +
                " data row(s); give at least 2 (one to train on, one to test), one point per line";
        return false;
    }
    // One target of only −1/1 or 0/1 is a class label; 0 means the negative class, as −1.
    bool labels = targets == 1;
    for (double v : d.t) labels = labels && (v == -1.0 || v == 0.0 || v == 1.0);
    d.problem = labels ? Problem::classification : Problem::regression;
    if (labels)
        for (double& v : d.t) v = v > 0 ? 1.0 : -1.0;
    Rng rng(seed);
    shuffle_and_split(d, rng, train_fraction);
    out = std::move(d);
    return true;
}

std::string make_dataset(const DataSpec& spec, Dataset& out)
{
    if (spec.kind != DatasetKind::csv) {
        out = generate(spec);
        return {};
    }
    std::string error;
    if (!parse_csv(spec.csv, spec.csv_targets, spec.train_fraction, spec.seed, out, error)) return error;
    return {};
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Samples for a network
// -----------------------------------------------------------------------------------------------

int input_width(const DataSpec& spec, const Dataset& d)
{
    return spec.features.empty() ? d.inputs : int(spec.features.size());
}

std::string data_network_error(const Network& net, const DataSpec& spec, const Dataset& d)
{
    if (!spec.features.empty() && d.inputs != 2)
        return "dataset.features applies to 2 input columns (x1, x2); the CSV has " + std::to_string(d.inputs) +
               ". Remove \"features\" to feed the columns as they are";
    const int need = input_width(spec, d);
    if (net.inputs() != need)
        return "layers[0] is " + std::to_string(net.inputs()) + " but the dataset gives " + std::to_string(need) +
               (spec.features.empty() ? " input columns" : " features") + "; make layers[0] " + std::to_string(need);
    if (d.problem == Problem::regression) {
        if (net.outputs() != d.targets)
            return "the dataset has " + std::to_string(d.targets) + " target(s) but the output layer has " +
                   std::to_string(net.outputs()) + " neurons; make the last of layers " + std::to_string(d.targets);
        if (net.loss == Loss::cross_entropy)
            return "a regression dataset needs a squared-error loss (sse, half_sse or mse), not cross_entropy";
        return {};
    }
    const Activation out = net.act.back();
    if (net.outputs() == 1 && out == Activation::softmax)
        return "a softmax over one output is always 1; for classification use 1 tanh/sigmoid output or 2 softmax "
               "outputs";
    if (net.outputs() != 1 && net.outputs() != 2)
        return "a classification dataset (labels -1/1) needs 1 output (tanh, as Playground, or sigmoid) or 2 "
               "(softmax); the output layer has " +
               std::to_string(net.outputs());
    return {};
}

void encode_target(const Network& net, Problem p, const double* raw, Vec& y)
{
    const std::size_t n = std::size_t(net.outputs());
    y.resize(n);
    if (p == Problem::regression) {
        for (std::size_t i = 0; i < n; ++i) y[i] = raw[i];
        return;
    }
    const bool positive = raw[0] > 0;
    if (n == 2) {
        y[0] = positive ? 0.0 : 1.0;
        y[1] = positive ? 1.0 : 0.0;
    } else if (net.act.back() == Activation::sigmoid)
        y[0] = positive ? 1.0 : 0.0;
    else
        y[0] = positive ? 1.0 : -1.0;
}

double predicted_label(const Network& net, const Vec& yhat)
{
    if (yhat.size() == 2) return yhat[1] > yhat[0] ? 1.0 : -1.0;
    const double threshold = net.act.back() == Activation::sigmoid ? 0.5 : 0.0;
    return yhat[0] >= threshold ? 1.0 : -1.0;
}

std::vector<Sample> make_samples(const Network& net, const DataSpec& spec, const Dataset& d, std::size_t begin,
                                 std::size_t end)
{
    std::vector<Sample> out(end - begin);
    const std::size_t ni = std::size_t(d.inputs), nt = std::size_t(d.targets);
    for (std::size_t i = begin; i < end; ++i) {
        Sample& s = out[i - begin];
        const double* x = d.x.data() + i * ni;
        if (spec.features.empty())
            s.x.assign(x, x + ni);
        else {
            s.x.resize(spec.features.size());
            apply_features(spec.features, x[0], x[1], s.x.data());
        }
        encode_target(net, d.problem, d.t.data() + i * nt, s.y);
    }
    return out;
}

} // namespace gf
