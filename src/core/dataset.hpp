// Data in the plane: TensorFlow Playground's six generated datasets, CSV, and the input features
// that turn a point into layer 0's values.
//
// A Dataset is network-independent: raw points (x₁, x₂ for the generators, any number of input
// columns for CSV) and raw targets (±1 for classification, as Playground labels them). It becomes
// network samples through make_samples(), which applies the features and encodes each target the
// way the network's output and loss need (see encode_target). The same seed gives the same points
// with every compiler and standard library: our own splitmix64, uniform and Box–Muller, never
// std:: distributions.
#pragma once

#include "core/network.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gf {

// splitmix64: 64-bit state, the same stream everywhere. uniform01() takes the top 53 bits.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next();
    double uniform01() { return double(next() >> 11) * 0x1.0p-53; }          // [0, 1)
    double uniform(double a, double b) { return a + (b - a) * uniform01(); } // [a, b)
    double normal(double mean, double variance);                             // Box–Muller
    std::size_t below(std::size_t n);                                        // [0, n), n ≥ 1

private:
    std::uint64_t s_;
};

enum class Problem { classification, regression };

enum class DatasetKind { circle, xor_, gauss, spiral, plane, gauss_reg, csv };
std::string_view to_string(DatasetKind k); // "circle", "xor", "gauss", "spiral", "plane", "gauss-reg", "csv"
bool parse_dataset_kind(std::string_view s, DatasetKind& out); // the generators only (not "csv")
Problem problem_of(DatasetKind k);                             // csv: see Dataset::problem
int default_points(DatasetKind k);                             // Playground's 500, or 1200 for regression

// Playground's input features of a 2-D point.
enum class Feature { x1, x2, x1_sq, x2_sq, x1x2, sin_x1, sin_x2 };
inline constexpr int kFeatureCount = 7;
std::string_view to_string(Feature f); // "x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"
bool parse_feature(std::string_view s, Feature& out);
// out[i] = features[i](x1, x2); the one definition the trainer and the heatmaps use.
void apply_features(const std::vector<Feature>& features, double x1, double x2, double* out);

inline constexpr int kMaxDataPoints = 10000;         // generated points and CSV rows
inline constexpr std::size_t kMaxCsvBytes = 1000000; // 1 MB of CSV text
inline constexpr int kMaxCsvColumns = 64;            // inputs + targets
inline constexpr double kMaxNoise = 50.0;            // Playground's noise slider, 0–50

// What the config's "dataset" says. Either a generator (kind != csv) or CSV text.
struct DataSpec {
    DatasetKind kind = DatasetKind::circle;
    int points = 500;            // generators: how many points (train + test)
    double noise = 0.0;          // generators: Playground's slider, 0–50 (percent of the radius)
    double train_fraction = 0.5; // share of the points used for training, the rest test
    std::uint64_t seed = 1;      // points, their split, and the epochs' shuffles
    std::vector<Feature> features = {Feature::x1, Feature::x2}; // empty for CSV with ≠ 2 inputs
    std::string csv;                                            // kind == csv: the text
    int csv_targets = 1;                                        // kind == csv: the last 1 or 2 columns are targets
    bool operator==(const DataSpec&) const = default;
};

struct Dataset {
    Problem problem = Problem::classification;
    int inputs = 2;              // raw input columns (2 for the generators)
    int targets = 1;             // raw target columns
    Vec x;                       // size()·inputs, row-major
    Vec t;                       // size()·targets, row-major; classification labels are ±1
    std::size_t train_count = 0; // points [0, train_count) train, the rest test (already shuffled)
    std::size_t size() const { return inputs ? x.size() / std::size_t(inputs) : 0; }
};

// A generator's points: Playground's definitions, our PRNG. Deterministic in spec.seed; shuffled
// and split by train_fraction. Preconditions (checked by the config parser): points ≥ 2.
Dataset generate(const DataSpec& spec);

// CSV: numeric columns separated by commas (or semicolons/tabs), an optional header row (a first
// line that is not all numbers), the last `targets` columns are targets. On a bad row, a size
// over the limits or too few rows, returns false and sets `error` ("line 7: ...", 1-based) and
// leaves `out` untouched. Classification when there is one target column holding only −1/1 or
// 0/1 (0 becomes −1); otherwise regression.
bool parse_csv(std::string_view text, int targets, double train_fraction, std::uint64_t seed, Dataset& out,
               std::string& error);

// Builds the dataset a spec describes (generate or parse_csv). Empty string when fine.
std::string make_dataset(const DataSpec& spec, Dataset& out);

// How many values layer 0 needs for this spec and dataset: the features, or the CSV's columns.
int input_width(const DataSpec& spec, const Dataset& d);

// Empty when `net` can learn from `d` through `spec`'s features; otherwise the reason and the fix
// (layer 0's width, the output's width and activation for the problem).
std::string data_network_error(const Network& net, const DataSpec& spec, const Dataset& d);

// Target encoding. Classification labels are ±1 (Playground); each output/loss wants its own:
//   1 output, tanh or linear (Playground: tanh, ½ squared error):  y = label (−1 or 1)
//   1 output, sigmoid (binary cross-entropy or squared error):      y = (label + 1)/2 (0 or 1)
//   2 outputs (softmax, categorical cross-entropy):                 y = one-hot, ŷ_1 = class −1, ŷ_2 = class +1
// Regression targets are used as they are.
void encode_target(const Network& net, Problem p, const double* raw, Vec& y);
// The predicted label (−1 or +1) of a classification output ŷ, the inverse of encode_target.
double predicted_label(const Network& net, const Vec& yhat);

// Network samples for points [begin, end) of `d`: x from the features (or the CSV columns), y
// encoded for `net`.
std::vector<Sample> make_samples(const Network& net, const DataSpec& spec, const Dataset& d, std::size_t begin,
                                 std::size_t end);

} // namespace gf
