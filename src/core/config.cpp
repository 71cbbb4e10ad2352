// [SECTION] Reading JSON values with field names in every message
// [SECTION] complete_config: what a config may leave out
// [SECTION] parse_config
// [SECTION] config_to_json
#include "core/config.hpp"

#include "core/json.hpp"
#include "core/names.hpp"

#include <cmath>
#include <istream>
#include <unordered_set>

namespace gf {

using json::Value;

// -----------------------------------------------------------------------------------------------
// [SECTION] Reading JSON values with field names in every message
// -----------------------------------------------------------------------------------------------

namespace {

[[noreturn]] void fail(const std::string& msg) { throw ConfigError(msg); }

const char* type_name(const Value& v)
{
    switch (v.type()) {
    case json::Type::null: return "null";
    case json::Type::object: return "an object";
    case json::Type::array: return "a list";
    case json::Type::string: return "a string";
    case json::Type::boolean: return "true/false";
    default: return "a number";
    }
}

double read_number(const Value& v, const std::string& field)
{
    if (!v.is_number()) fail(field + " must be a number, not " + type_name(v));
    const double d = v.as_double();
    if (!std::isfinite(d)) fail(field + " is too large to be a finite number");
    return d;
}

Vec read_vector(const Value& v, const std::string& field)
{
    if (!v.is_array()) fail(field + " must be a list of numbers, not " + type_name(v));
    Vec out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(read_number(v[i], field + "[" + std::to_string(i) + "]"));
    return out;
}

int read_size(const Value& v, const std::string& field)
{
    if (!v.is_number_integer() && !(v.is_number() && std::floor(v.as_double()) == v.as_double()))
        fail(field + " must be a whole number of neurons, not " + (v.is_number() ? v.dump() : type_name(v)));
    const double d = v.as_double();
    if (d < 1 || d > kMaxWidth)
        fail(field + " is " + v.dump() + "; every layer needs between 1 and " + std::to_string(kMaxWidth) + " neurons");
    return int(d);
}

std::string read_string(const Value& v, const std::string& field)
{
    if (!v.is_string()) fail(field + " must be a string, not " + type_name(v));
    return v.as_string();
}

const char* const kKnownFields[] = {"name",
                                    "description",
                                    "layers",
                                    "activations",
                                    "loss",
                                    "W",
                                    "b",
                                    "x",
                                    "y",
                                    "samples",
                                    "learning_rate",
                                    "train_biases",
                                    "init_seed",
                                    "dataset",
                                    "batch_size",
                                    "regularization",
                                    "regularization_rate"};

std::string known_fields()
{
    std::string s;
    for (const char* f : kKnownFields) s += std::string(s.empty() ? "" : ", ") + f;
    return s;
}

std::string activation_list() { return "linear, sigmoid, tanh, relu, leaky_relu, softmax"; }

// A NUL byte would end the text where it stands (as it did for nlohmann/json before gf::json):
// refused before parsing, since it would silently drop what follows.
void refuse_nul(std::string_view text, std::size_t offset = 0)
{
    if (auto p = text.find('\0'); p != std::string_view::npos)
        fail("byte " + std::to_string(offset + p) +
             " of the config is a NUL (0x00); a config is JSON text and "
             "nothing may follow it: was the file saved as UTF-16, or is it not a config?");
}

// Where a repeated key is: "samples[1]", "dataset", or "the config" at the top.
std::string where(const std::vector<json::ParseError::Step>& path)
{
    std::string out;
    for (const json::ParseError::Step& step : path) {
        if (step.is_key)
            out += (out.empty() ? "" : ".") + clip_utf8(step.key, 64);
        else
            out += "[" + std::to_string(step.index) + "]";
        if (out.size() > 200) return clip_utf8(out, 200);
    }
    return out.empty() ? "the config" : out;
}

const char* const kDatasetFields[] = {"name",           "csv",  "targets", "points", "noise",
                                      "train_fraction", "seed", "features"};

std::string dataset_names() { return "circle, xor, gauss, spiral (classification), plane, gauss-reg (regression)"; }

std::string feature_names()
{
    std::string s;
    for (int i = 0; i < kFeatureCount; ++i)
        s += std::string(s.empty() ? "" : ", ") + std::string(to_string(Feature(i)));
    return s;
}

// "dataset": {...}: the spec, its points built into `data` (a CSV's errors carry their line), and
// checked against the network it will feed.
DataSpec read_dataset(const Value& jd, const Network& net, Dataset& data)
{
    if (!jd.is_object())
        fail("dataset must be an object like {\"name\": \"spiral\", \"points\": 500} or {\"csv\": "
             "\"x1,x2,label\\n...\"}, "
             "not " +
             std::string(type_name(jd)));
    for (const json::Member& m : jd.members()) {
        bool known = false;
        for (const char* f : kDatasetFields) known |= m.first == f;
        if (!known) {
            std::string list;
            for (const char* f : kDatasetFields) list += std::string(list.empty() ? "" : ", ") + f;
            fail("unknown field dataset." + clip_utf8(m.first, 64) + "; its fields are " + list);
        }
    }
    DataSpec d;
    const bool named = jd.contains("name"), csv = jd.contains("csv");
    if (named == csv)
        fail(std::string(named ? "dataset has both name and csv" : "dataset needs a name or csv") +
             ": give \"name\" (one of " + dataset_names() + ") or \"csv\" (your data as text)");
    if (named) {
        const std::string n = read_string(jd["name"], "dataset.name");
        if (!parse_dataset_kind(n, d.kind))
            fail("dataset.name is \"" + clip_utf8(n, 32) + "\"; choose one of " + dataset_names());
        d.points = default_points(d.kind);
        if (jd.contains("targets")) fail("dataset.targets is for CSV data only; remove it");
    } else {
        d.kind = DatasetKind::csv;
        d.csv = read_string(jd["csv"], "dataset.csv");
        if (jd.contains("points")) fail("dataset.points is for generated data; a CSV has as many points as rows");
        if (jd.contains("noise")) fail("dataset.noise is for generated data; remove it");
        if (jd.contains("targets")) {
            const Value& t = jd["targets"];
            if (!t.is_number_integer() || (t.as_int64() != 1 && t.as_int64() != 2))
                fail("dataset.targets must be 1 or 2: how many of the last columns are targets");
            d.csv_targets = int(t.as_int64());
        }
    }
    if (jd.contains("points")) {
        const Value& p = jd["points"];
        if (!p.is_number() || std::floor(p.as_double()) != p.as_double() || p.as_double() < 2 ||
            p.as_double() > kMaxDataPoints)
            fail("dataset.points must be a whole number from 2 to " + std::to_string(kMaxDataPoints) + ", not " +
                 (p.is_number() ? p.dump() : type_name(p)));
        d.points = int(p.as_double());
    }
    if (jd.contains("noise")) {
        d.noise = read_number(jd["noise"], "dataset.noise");
        if (d.noise < 0 || d.noise > kMaxNoise)
            fail("dataset.noise is " + jd["noise"].dump() + "; it is Playground's noise slider, from 0 to 50");
    }
    if (jd.contains("train_fraction")) {
        d.train_fraction = read_number(jd["train_fraction"], "dataset.train_fraction");
        if (!(d.train_fraction > 0 && d.train_fraction < 1))
            fail("dataset.train_fraction is " + jd["train_fraction"].dump() +
                 "; give the share of points to train on, between 0 and 1 (e.g. 0.5), the rest are for testing");
    }
    if (jd.contains("seed")) {
        const Value& s = jd["seed"];
        if (!s.is_number_unsigned() && !(s.is_number_integer() && s.as_int64() >= 0))
            fail("dataset.seed must be a non-negative whole number");
        d.seed = s.as_uint64();
    }
    if (std::string e = make_dataset(d, data); !e.empty()) fail("dataset.csv: " + e);
    if (jd.contains("features")) {
        const Value& jf = jd["features"];
        if (!jf.is_array() || jf.empty()) fail("dataset.features must be a non-empty list from " + feature_names());
        d.features.clear();
        for (std::size_t i = 0; i < jf.size(); ++i) {
            const std::string f = "dataset.features[" + std::to_string(i) + "]";
            Feature feature;
            const std::string v = read_string(jf[i], f);
            if (!parse_feature(v, feature))
                fail(f + " is \"" + clip_utf8(v, 32) + "\"; choose from " + feature_names());
            for (Feature g : d.features)
                if (g == feature) fail(f + " repeats \"" + v + "\"; list each feature once");
            d.features.push_back(feature);
        }
    } else if (data.inputs != 2)
        d.features.clear(); // a CSV's columns feed layer 0 as they are
    if (std::string e = data_network_error(net, d, data); !e.empty()) fail(e);
    return d;
}

} // namespace

std::string read_config_text(std::istream& in)
{
    std::string text;
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        const std::size_t n = std::size_t(in.gcount());
        if (n == 0) break;
        refuse_nul(std::string_view(buf, n), text.size()); // an endless /dev/zero stops at byte 0
        if (text.size() + n > kMaxConfigBytes)
            fail("the config is over " + std::to_string(kMaxConfigBytes >> 20) +
                 " MiB (reading stopped there); "
                 "the limit is " +
                 std::to_string(kMaxConfigBytes >> 20) + " MiB");
        text.append(buf, n);
    }
    if (in.bad()) fail("the config could not be read to the end (an I/O error)");
    return text;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] complete_config: what a config may leave out
// -----------------------------------------------------------------------------------------------

void complete_config(Config& c, const Dataset* data)
{
    Network& net = c.net;
    const std::size_t L = net.sizes.size() - 1;
    if (net.W.empty()) {
        std::vector<Vec> given_b = std::move(net.b); // init_weights zeroes b: a given b must survive it
        init_weights(net, c.init_seed.value_or(1));
        if (!c.init_seed) c.init_seed = 1;
        if (!given_b.empty()) net.b = std::move(given_b);
    }
    if (net.b.empty()) {
        net.b.assign(L, Vec{});
        for (std::size_t l = 0; l < L; ++l) net.b[l].assign(std::size_t(net.sizes[l + 1]), 0.0);
    }
    if (c.samples.empty() && c.dataset) {
        Dataset built;
        if (data == nullptr) {
            if (std::string e = make_dataset(*c.dataset, built); !e.empty()) fail("dataset.csv: " + e);
            if (std::string e = data_network_error(net, *c.dataset, built); !e.empty()) fail(e);
            data = &built;
        }
        c.samples.push_back(make_samples(net, *c.dataset, *data, 0, 1).front());
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] parse_config
// -----------------------------------------------------------------------------------------------

Config parse_config(std::string_view text)
{
    if (text.size() > kMaxConfigBytes)
        fail("the config is " + std::to_string(text.size() >> 20) + " MiB; the limit is " +
             std::to_string(kMaxConfigBytes >> 20) + " MiB");
    refuse_nul(text);
    Value j;
    try {
        json::ParseOptions options;
        options.refuse_duplicate_keys = true; // the last would silently count
        j = json::parse(text, options);
    } catch (const json::ParseError& e) {
        switch (e.kind) {
        case json::ParseError::Kind::number_too_large:
            fail("the config holds a number too large for a double (over about 1.8e308)");
        case json::ParseError::Kind::duplicate_key:
            fail("the key \"" + clip_utf8(e.key, 64) + "\" appears twice in " + where(e.path) +
                 "; only one can count, so remove the other");
        default: fail("the config is not valid JSON (" + std::string(e.what()) + ")");
        }
    }
    if (!j.is_object())
        fail("the config must be a JSON object like {\"layers\": [4, 4, 2], ...}, not " + std::string(type_name(j)));
    for (const json::Member& m : j.members()) {
        bool known = false;
        for (const char* f : kKnownFields) known |= m.first == f;
        if (!known) fail("unknown field \"" + clip_utf8(m.first, 64) + "\"; the fields are " + known_fields());
    }

    Config c;
    if (j.contains("name")) c.name = read_string(j["name"], "name");
    if (j.contains("description")) c.description = read_string(j["description"], "description");

    // layers
    if (!j.contains("layers")) fail("layers is missing: list the layer sizes, input first, e.g. \"layers\": [4, 4, 2]");
    const Value& jl = j["layers"];
    if (!jl.is_array()) fail("layers must be a list of sizes, input first, e.g. [4, 4, 2]");
    if (jl.size() < 2) fail("layers needs at least two sizes (the inputs and one layer), e.g. [4, 4, 2]");
    if (jl.size() > std::size_t(kMaxLayers))
        fail("layers has " + std::to_string(jl.size()) + " entries; gradflow supports at most " +
             std::to_string(kMaxLayers) + " (input included)");
    Network& net = c.net;
    for (std::size_t i = 0; i < jl.size(); ++i)
        net.sizes.push_back(read_size(jl[i], "layers[" + std::to_string(i) + "]"));
    if (net.param_count() > kMaxParams)
        fail("the network would have " + std::to_string(net.param_count()) + " parameters; the limit is " +
             std::to_string(kMaxParams) + ". Use fewer or narrower layers");
    const std::size_t L = net.sizes.size() - 1;

    // activations
    if (!j.contains("activations"))
        fail("activations is missing: give one per non-input layer (" + std::to_string(L) + "), from " +
             activation_list());
    const Value& ja = j["activations"];
    if (!ja.is_array()) fail("activations must be a list with one entry per non-input layer");
    if (ja.size() != L)
        fail("activations has " + std::to_string(ja.size()) + " entries; layers " + jl.dump() + " needs " +
             std::to_string(L) + " (one per non-input layer)");
    for (std::size_t i = 0; i < L; ++i) {
        const std::string f = "activations[" + std::to_string(i) + "]";
        Activation a;
        if (!parse_activation(read_string(ja[i], f), a))
            fail(f + " is \"" + clip_utf8(ja[i].as_string(), 32) + "\"; choose one of " + activation_list());
        net.act.push_back(a);
    }

    // loss
    if (!j.contains("loss")) fail("loss is missing: choose one of sse, half_sse, mse, cross_entropy");
    if (!parse_loss(read_string(j["loss"], "loss"), net.loss))
        fail("loss is \"" + clip_utf8(j["loss"].as_string(), 32) +
             "\"; choose one of sse, half_sse, mse, cross_entropy");
    if (auto e = loss_pairing_error(net.act.back(), net.loss); !e.empty()) fail(e);

    // W and b
    if (j.contains("init_seed")) {
        const Value& s = j["init_seed"];
        if (!s.is_number_unsigned() && !(s.is_number_integer() && s.as_int64() >= 0))
            fail("init_seed must be a non-negative whole number");
        c.init_seed = s.as_uint64();
    }
    if (j.contains("W")) {
        const Value& jw = j["W"];
        if (!jw.is_array()) fail("W must be a list of matrices, one per non-input layer");
        if (jw.size() != L)
            fail("W has " + std::to_string(jw.size()) + " matrices; layers " + jl.dump() + " needs " +
                 std::to_string(L));
        net.W.resize(L);
        for (std::size_t l = 0; l < L; ++l) {
            const std::string f = "W[" + std::to_string(l) + "]";
            const Value& m = jw[l];
            const int rows = net.sizes[l + 1], cols = net.sizes[l];
            if (!m.is_array())
                fail(f + " must be a list of rows (" + std::to_string(rows) + " × " + std::to_string(cols) + ")");
            if (m.size() != std::size_t(rows))
                fail(f + " has " + std::to_string(m.size()) + " rows; layer " + std::to_string(l + 1) + " has " +
                     std::to_string(rows) + " neurons (W is stored out × in: one row per neuron fed)");
            net.W[l] = Matrix(rows, cols);
            for (int r = 0; r < rows; ++r) {
                const std::string fr = f + "[" + std::to_string(r) + "]";
                const Value& row = m[std::size_t(r)];
                if (!row.is_array()) fail(fr + " must be a list of " + std::to_string(cols) + " numbers");
                if (row.size() != std::size_t(cols))
                    fail(f + " has " + std::to_string(row.size()) + " columns in row " + std::to_string(r) +
                         "; layer " + std::to_string(l) + " has " + std::to_string(cols) +
                         " neurons (one column per neuron it comes from)");
                for (int k = 0; k < cols; ++k)
                    net.W[l](r, k) = read_number(row[std::size_t(k)], fr + "[" + std::to_string(k) + "]");
            }
        }
    }
    if (j.contains("b")) {
        const Value& jb = j["b"];
        if (!jb.is_array()) fail("b must be a list of bias vectors, one per non-input layer");
        if (jb.size() != L)
            fail("b has " + std::to_string(jb.size()) + " vectors; layers " + jl.dump() + " needs " +
                 std::to_string(L));
        net.b.resize(L);
        for (std::size_t l = 0; l < L; ++l) {
            const std::string f = "b[" + std::to_string(l) + "]";
            net.b[l] = read_vector(jb[l], f);
            if (net.b[l].size() != std::size_t(net.sizes[l + 1]))
                fail(f + " has " + std::to_string(net.b[l].size()) + " entries; layer " + std::to_string(l + 1) +
                     " has " + std::to_string(net.sizes[l + 1]) + " neurons");
        }
    }

    // samples
    auto read_sample = [&](const Value& js, const std::string& prefix) {
        Sample s;
        if (!js.contains("x")) fail(prefix + "x is missing: give " + std::to_string(net.inputs()) + " input values");
        if (!js.contains("y")) fail(prefix + "y is missing: give " + std::to_string(net.outputs()) + " target values");
        s.x = read_vector(js["x"], prefix + "x");
        s.y = read_vector(js["y"], prefix + "y");
        if (auto e = validate_sample(net, s); !e.empty()) fail(prefix + e);
        return s;
    };
    Dataset data;
    if (j.contains("dataset")) c.dataset = read_dataset(j["dataset"], net, data);
    if (j.contains("x") || j.contains("y")) c.samples.push_back(read_sample(j, ""));
    if (j.contains("samples")) {
        const Value& js = j["samples"];
        if (!js.is_array()) fail("samples must be a list of {\"x\": [...], \"y\": [...]} objects");
        for (std::size_t i = 0; i < js.size(); ++i) {
            const std::string p = "samples[" + std::to_string(i) + "].";
            if (!js[i].is_object()) fail("samples[" + std::to_string(i) + "] must be an object with x and y");
            Sample s = read_sample(js[i], p);
            if (c.samples.empty() || !(s == c.samples.front())) c.samples.push_back(std::move(s));
        }
    }
    complete_config(c, c.dataset ? &data : nullptr); // W, b and samples[0] where the text left them out
    if (c.samples.empty())
        fail("x and y are missing: give one sample as \"x\": [...], \"y\": [...] (or a \"samples\" list)");

    if (j.contains("learning_rate")) {
        c.learning_rate = read_number(j["learning_rate"], "learning_rate");
        if (c.learning_rate < 0) fail("learning_rate must not be negative");
    }
    if (j.contains("train_biases")) {
        if (!j["train_biases"].is_boolean()) fail("train_biases must be true or false");
        c.train_biases = j["train_biases"].as_bool();
    }
    if (j.contains("batch_size")) {
        const Value& b = j["batch_size"];
        if (!b.is_number() || std::floor(b.as_double()) != b.as_double() || b.as_double() < 1 ||
            b.as_double() > kMaxBatchSize)
            fail("batch_size must be a whole number of points from 1 to " + std::to_string(kMaxBatchSize) + ", not " +
                 (b.is_number() ? b.dump() : type_name(b)));
        c.batch_size = int(b.as_double());
    }
    if (j.contains("regularization")) {
        const std::string r = read_string(j["regularization"], "regularization");
        if (!parse_regularization(r, c.regularization))
            fail("regularization is \"" + clip_utf8(r, 32) + "\"; choose one of none, l1, l2");
    }
    if (j.contains("regularization_rate")) {
        c.regularization_rate = read_number(j["regularization_rate"], "regularization_rate");
        if (c.regularization_rate < 0) fail("regularization_rate must not be negative (0 turns it off)");
    }
    if (auto e = validate_network(net); !e.empty()) fail(e);
    return c;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] config_to_json
// -----------------------------------------------------------------------------------------------

std::string config_to_json(const Config& c, int indent) { return config_to_value(c).dump(indent); }

Value config_to_value(const Config& c)
{
    Value j = Value::object(); // fields in the documented order
    if (!c.name.empty()) j["name"] = c.name;
    if (!c.description.empty()) j["description"] = c.description;
    j["layers"] = c.net.sizes;
    Value acts = Value::array();
    for (Activation a : c.net.act) acts.push_back(std::string(to_string(a)));
    j["activations"] = std::move(acts);
    j["loss"] = std::string(to_string(c.net.loss));
    Value W = Value::array();
    for (const Matrix& m : c.net.W) {
        Value rows = Value::array();
        for (int r = 0; r < m.rows; ++r) rows.push_back(Vec(m.row(r), m.row(r) + m.cols));
        W.push_back(std::move(rows));
    }
    j["W"] = std::move(W);
    j["b"] = c.net.b;
    j["x"] = c.sample().x;
    j["y"] = c.sample().y;
    if (c.samples.size() > 1) {
        Value s = Value::array();
        for (std::size_t i = 1; i < c.samples.size(); ++i)
            s.push_back(Value::object({{"x", c.samples[i].x}, {"y", c.samples[i].y}}, json::Order::sorted));
        j["samples"] = std::move(s);
    }
    j["learning_rate"] = c.learning_rate;
    j["train_biases"] = c.train_biases;
    if (c.dataset) {
        const DataSpec& d = *c.dataset;
        Value jd = Value::object();
        if (d.kind == DatasetKind::csv) {
            jd["csv"] = d.csv;
            jd["targets"] = d.csv_targets;
        } else {
            jd["name"] = std::string(to_string(d.kind));
            jd["points"] = d.points;
            jd["noise"] = d.noise;
        }
        jd["train_fraction"] = d.train_fraction;
        jd["seed"] = d.seed;
        if (!d.features.empty()) {
            Value f = Value::array();
            for (Feature x : d.features) f.push_back(std::string(to_string(x)));
            jd["features"] = std::move(f);
        }
        j["dataset"] = std::move(jd);
    }
    if (c.dataset || c.batch_size != 10) j["batch_size"] = c.batch_size;
    if (c.dataset || c.regularization != Regularization::none) {
        j["regularization"] = std::string(to_string(c.regularization));
        j["regularization_rate"] = c.regularization_rate;
    }
    return j;
}

} // namespace gf
