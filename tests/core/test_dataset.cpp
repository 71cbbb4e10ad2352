// Playground's datasets, CSV and features (issue 8).
#include "helpers.hpp"

#include "core/dataset.hpp"

#include <cmath>

using namespace gf;
using Catch::Matchers::WithinAbs;

namespace {

DataSpec spec_of(DatasetKind k, int points = 500, double noise = 0.0, std::uint64_t seed = 1)
{
    DataSpec s;
    s.kind = k;
    s.points = points;
    s.noise = noise;
    s.seed = seed;
    return s;
}

int positives(const Dataset& d)
{
    int n = 0;
    for (double t : d.t) n += t > 0;
    return n;
}

double max_radius(const Dataset& d)
{
    double r = 0.0;
    for (std::size_t i = 0; i < d.size(); ++i) r = std::max(r, std::hypot(d.x[2 * i], d.x[2 * i + 1]));
    return r;
}

} // namespace

TEST_CASE("each generator gives the asked number of points, split by train_fraction", "[dataset]")
{
    for (DatasetKind k : {DatasetKind::circle, DatasetKind::xor_, DatasetKind::gauss, DatasetKind::spiral,
                          DatasetKind::plane, DatasetKind::gauss_reg}) {
        INFO(to_string(k));
        DataSpec s = spec_of(k, 500);
        s.train_fraction = 0.3;
        const Dataset d = generate(s);
        CHECK(d.size() == 500);
        CHECK(d.t.size() == 500);
        CHECK(d.inputs == 2);
        CHECK(d.train_count == 150);
        CHECK(d.problem == problem_of(k));
    }
}

TEST_CASE("classification datasets are labelled -1/1 and balanced, within Playground's ranges", "[dataset]")
{
    const Dataset circle = generate(spec_of(DatasetKind::circle));
    CHECK(positives(circle) == 250); // without noise the label is the ring the point was drawn in
    CHECK(max_radius(circle) <= 5.0);
    for (std::size_t i = 0; i < circle.size(); ++i) {
        const double r = std::hypot(circle.x[2 * i], circle.x[2 * i + 1]);
        CHECK((circle.t[i] > 0 ? r < 2.5 : (r >= 3.5 && r <= 5.0)));
    }
    const Dataset spiral = generate(spec_of(DatasetKind::spiral));
    CHECK(positives(spiral) == 250);
    CHECK(max_radius(spiral) < 5.0);
    const Dataset gauss = generate(spec_of(DatasetKind::gauss));
    CHECK(positives(gauss) == 250);
    const Dataset x = generate(spec_of(DatasetKind::xor_));
    CHECK(positives(x) > 200);
    CHECK(positives(x) < 300);
    for (std::size_t i = 0; i < x.size(); ++i) {
        CHECK(std::abs(x.x[2 * i]) >= 0.3);
        CHECK(std::abs(x.x[2 * i]) <= 5.3);
        CHECK(x.t[i] == (x.x[2 * i] * x.x[2 * i + 1] >= 0 ? 1.0 : -1.0));
    }
    for (const Dataset* d : {&circle, &spiral, &gauss, &x})
        for (double t : d->t) CHECK((t == 1.0 || t == -1.0));
}

TEST_CASE("noise moves spiral points, widens the Gaussians and mislabels circle points near the border", "[dataset]")
{
    const Dataset spiral = generate(spec_of(DatasetKind::spiral, 500, 50));
    CHECK(max_radius(spiral) > 5.0); // moved by up to 0.5 on each axis
    CHECK(max_radius(spiral) <= 5.0 + std::sqrt(0.5));
    const Dataset circle = generate(spec_of(DatasetKind::circle, 500, 50));
    int mislabelled = 0;
    for (std::size_t i = 0; i < circle.size(); ++i)
        mislabelled += (std::hypot(circle.x[2 * i], circle.x[2 * i + 1]) < 2.5) != (circle.t[i] > 0);
    CHECK(mislabelled > 10);
    CHECK(mislabelled < 200);
    auto spread = [](const Dataset& d) {
        double s = 0.0;
        for (std::size_t i = 0; i < d.size(); ++i) s += std::abs(d.x[2 * i] - (d.t[i] > 0 ? 2.0 : -2.0));
        return s / double(d.size());
    };
    const double quiet = spread(generate(spec_of(DatasetKind::gauss, 500, 0))),
                 loud = spread(generate(spec_of(DatasetKind::gauss, 500, 50)));
    const double kPi = 3.141592653589793;
    // Mean |x − c| of a normal is σ·√(2/π): σ² = 0.5 → 0.56, σ² = 4 → 1.60.
    CHECK_THAT(quiet, WithinAbs(std::sqrt(0.5) * std::sqrt(2 / kPi), 0.08));
    CHECK_THAT(loud, WithinAbs(2.0 * std::sqrt(2 / kPi), 0.2));
}

TEST_CASE("regression targets: a plane in [-1.2, 1.2], Gaussian bumps in [-1, 1]", "[dataset]")
{
    const Dataset plane = generate(spec_of(DatasetKind::plane, 1200));
    for (std::size_t i = 0; i < plane.size(); ++i)
        CHECK_THAT(plane.t[i], WithinAbs((plane.x[2 * i] + plane.x[2 * i + 1]) / 10.0, 1e-15));
    const Dataset bumps = generate(spec_of(DatasetKind::gauss_reg, 1200));
    double lo = 0, hi = 0;
    for (double t : bumps.t) {
        lo = std::min(lo, t);
        hi = std::max(hi, t);
    }
    CHECK(lo >= -1.0);
    CHECK(hi <= 1.0);
    CHECK(lo < -0.8);
    CHECK(hi > 0.8);
}

TEST_CASE("the same seed gives the same points, another seed others", "[dataset]")
{
    for (DatasetKind k : {DatasetKind::circle, DatasetKind::spiral, DatasetKind::gauss}) {
        const Dataset a = generate(spec_of(k, 300, 20, 7)), b = generate(spec_of(k, 300, 20, 7)),
                      c = generate(spec_of(k, 300, 20, 8));
        CHECK(a.x == b.x);
        CHECK(a.t == b.t);
        CHECK(a.x != c.x);
    }
}

TEST_CASE("pinned points: wasm and native give these same numbers", "[dataset]")
{
    // Integer draws are exact everywhere; sin, cos and log may differ in the last bit between
    // libms, hence 1e-12 rather than ==.
    Rng rng(1);
    CHECK(rng.next() == 0x910A2DEC89025CC1ull); // splitmix64's published first output for seed 1
    CHECK(rng.below(500) == 372);
    const Dataset spiral = generate(spec_of(DatasetKind::spiral, 500, 0, 1));
    CHECK_THAT(spiral.x[0], WithinAbs(-1.9373365727007181, 1e-12));
    CHECK_THAT(spiral.x[1], WithinAbs(1.4833499263748371, 1e-12));
    CHECK_THAT(spiral.x[3], WithinAbs(4.2531906034642333, 1e-12));
    CHECK(spiral.t[0] == 1.0);
    CHECK(spiral.t[1] == -1.0);
    const Dataset gauss = generate(spec_of(DatasetKind::gauss, 500, 0, 1));
    CHECK_THAT(gauss.x[0], WithinAbs(-1.1048254718807682, 1e-12));
    CHECK_THAT(gauss.x[1], WithinAbs(-2.520207281275689, 1e-12));
    CHECK_THAT(gauss.x[2], WithinAbs(-1.1569615933008388, 1e-12));
    // With noise the labels depend on every draw: their sum pins all 500.
    const Dataset circle = generate(spec_of(DatasetKind::circle, 500, 30, 1));
    CHECK_THAT(circle.x[0], WithinAbs(4.0957341304504435, 1e-12));
    CHECK_THAT(circle.x[1], WithinAbs(2.6825866669909337, 1e-12));
    double sum = 0.0;
    for (double t : circle.t) sum += t;
    CHECK(sum == -76.0);
}

TEST_CASE("features are Playground's", "[dataset]")
{
    const std::vector<Feature> all = {Feature::x1,   Feature::x2,     Feature::x1_sq, Feature::x2_sq,
                                      Feature::x1x2, Feature::sin_x1, Feature::sin_x2};
    double out[7];
    apply_features(all, 2.0, -3.0, out);
    CHECK(out[0] == 2.0);
    CHECK(out[1] == -3.0);
    CHECK(out[2] == 4.0);
    CHECK(out[3] == 9.0);
    CHECK(out[4] == -6.0);
    CHECK(out[5] == std::sin(2.0));
    CHECK(out[6] == std::sin(-3.0));
    for (Feature f : all) {
        Feature back;
        REQUIRE(parse_feature(to_string(f), back));
        CHECK(back == f);
    }
}

TEST_CASE("CSV: header, separators, labels, targets", "[dataset][csv]")
{
    Dataset d;
    std::string err;
    REQUIRE(parse_csv("a,b,label\n1,2,1\n3,4,0\n\n5,6,1\n", 1, 0.5, 1, d, err));
    CHECK(d.size() == 3);
    CHECK(d.inputs == 2);
    CHECK(d.problem == Problem::classification);
    int pos = 0;
    for (double t : d.t) {
        CHECK((t == 1.0 || t == -1.0));
        pos += t > 0;
    }
    CHECK(pos == 2);
    CHECK(d.train_count == 1);
    REQUIRE(parse_csv("1;2;3;0.5;0.25\n4;5;6;-0.5;7\n", 2, 0.5, 1, d, err));
    CHECK(d.inputs == 3);
    CHECK(d.targets == 2);
    CHECK(d.problem == Problem::regression);
    REQUIRE(parse_csv("1\t2\t0.3\n+4\t-5e-1\t0.7\n", 1, 0.5, 1, d, err));
    CHECK(d.problem == Problem::regression);
}

TEST_CASE("CSV: a bad row is refused with its line number and why, and nothing is changed", "[dataset][csv]")
{
    Dataset kept;
    std::string err;
    REQUIRE(parse_csv("1,2,1\n3,4,-1\n", 1, 0.5, 1, kept, err));
    const Vec x = kept.x;
    auto refused = [&](std::string_view text, int targets = 1) {
        err.clear();
        const bool ok = parse_csv(text, targets, 0.5, 1, kept, err);
        CHECK(kept.x == x);
        return !ok;
    };
    CHECK(refused("x,y,l\n1,2,1\n3,oops,1\n"));
    CHECK(err == "line 3: column 2 is \"oops\", not a finite number");
    CHECK(refused("1,x,1\n3,4,1\n5,6,-1\n")); // a first row with numbers is data, not a header
    CHECK(err == "line 1: column 2 is \"x\", not a finite number");
    CHECK(refused("1,2,1\n3,4,1,5\n"));
    CHECK(err == "line 2: 4 columns; the rows before it have 3");
    CHECK(refused("1,2,1\n\n3,,1\n"));
    CHECK(err == "line 3: column 2 is empty, not a finite number");
    CHECK(refused("1,2,1\n3,inf,1\n"));
    CHECK(err.rfind("line 2: column 2", 0) == 0);
    CHECK(refused("1,2\n3,4\n", 2));
    CHECK(err.rfind("line 1: 2 column(s); a row needs at least one input column and 2", 0) == 0);
    CHECK(refused("x,y,label\n1,2,1\n"));
    CHECK(err.find("1 data row(s); give at least 2") != std::string::npos);
    std::string many;
    for (int i = 0; i <= kMaxDataPoints; ++i) many += "1,2,1\n";
    CHECK(refused(many));
    CHECK(err.rfind("line 10001: more than 10000 rows", 0) == 0);
    CHECK(refused(std::string(kMaxCsvBytes + 1, '1')));
    CHECK(err.find("the limit is 1000000 bytes (1 MB)") != std::string::npos);
}

TEST_CASE("targets are encoded for the output and decoded back to the label", "[dataset]")
{
    Network tanh_out, sig_out, soft_out;
    tanh_out.sizes = sig_out.sizes = {2, 1};
    soft_out.sizes = {2, 2};
    tanh_out.act = {Activation::tanh};
    sig_out.act = {Activation::sigmoid};
    soft_out.act = {Activation::softmax};
    Vec y;
    const double pos = 1.0, neg = -1.0;
    encode_target(tanh_out, Problem::classification, &neg, y);
    CHECK(y == Vec{-1.0});
    encode_target(sig_out, Problem::classification, &neg, y);
    CHECK(y == Vec{0.0});
    encode_target(soft_out, Problem::classification, &pos, y);
    CHECK(y == Vec{0.0, 1.0});
    CHECK(predicted_label(soft_out, y) == 1.0);
    CHECK(predicted_label(sig_out, Vec{0.4}) == -1.0);
    CHECK(predicted_label(tanh_out, Vec{0.1}) == 1.0);
}
