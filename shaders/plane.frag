// The input plane's forward pass, fragment stage: one pixel is one grid cell, whose centre goes
// through the network as gf::forward_loss does on the CPU (in float32). Out: the first four
// outputs ŷ_1..ŷ_4 (the plane uses one or two). The `#version` line and precision are prepended at
// run time (src/platform/plane_gl.cpp).
//
// Weights in u_weights (R32F): layer l's neuron j is row u_row[l] + j, its weights from the
// previous layer's k in column k and its bias in column 8 (kMaxIn). Widths up to 8 (Playground's),
// up to 16 layers (kMaxLayers, input included); the platform refuses anything larger.
#define MAX_LAYERS 16
#define MAX_W 8

uniform sampler2D u_weights;
uniform int u_layers;              // weight layers (sizes.size() − 1)
uniform int u_sizes[MAX_LAYERS];   // neurons per layer, input first
uniform int u_row[MAX_LAYERS];     // u_weights row of layer l's neuron 0
uniform int u_act[MAX_LAYERS];     // layer l's activation: gf::Activation's order
uniform int u_features[MAX_W];     // input i = feature u_features[i] of (x1, x2): gf::Feature's order
uniform vec4 u_box;                // x_min, x_max, y_min, y_max
uniform float u_n;                 // cells per side

out vec4 frag_value;

float feature(int f, float x1, float x2)
{
    if (f == 0) return x1;
    if (f == 1) return x2;
    if (f == 2) return x1 * x1;
    if (f == 3) return x2 * x2;
    if (f == 4) return x1 * x2;
    if (f == 5) return sin(x1);
    return sin(x2);
}

// tanh written out: GLSL ES 3.00's built-in may lose accuracy near 0 on some drivers.
float act(int a, float z)
{
    if (a == 1) return 1.0 / (1.0 + exp(-z));                      // sigmoid
    if (a == 2) {                                                  // tanh
        float e = exp(-2.0 * abs(z));
        return sign(z) * (1.0 - e) / (1.0 + e);
    }
    if (a == 3) return max(z, 0.0);                                // relu
    if (a == 4) return z > 0.0 ? z : 0.01 * z;                     // leaky_relu (kLeakyReluSlope)
    return z;                                                      // linear; softmax: after the layer
}

void main()
{
    // Pixel (c, r) from the bottom: the cell's centre; the CPU flips rows so row 0 is the top.
    float x1 = u_box.x + (floor(gl_FragCoord.x) + 0.5) * (u_box.y - u_box.x) / u_n;
    float x2 = u_box.z + (floor(gl_FragCoord.y) + 0.5) * (u_box.w - u_box.z) / u_n;
    float h[MAX_W];
    float a[MAX_W];
    for (int i = 0; i < MAX_W; ++i) {
        h[i] = i < u_sizes[0] ? feature(u_features[i], x1, x2) : 0.0;
        a[i] = 0.0;
    }
    for (int l = 0; l < MAX_LAYERS - 1; ++l) {
        if (l >= u_layers) break;
        int in_w = u_sizes[l];
        int out_w = u_sizes[l + 1];
        for (int j = 0; j < MAX_W; ++j) {
            if (j >= out_w) break;
            int row = u_row[l] + j;
            float z = texelFetch(u_weights, ivec2(MAX_W, row), 0).r;
            for (int k = 0; k < MAX_W; ++k) {
                if (k >= in_w) break;
                z += texelFetch(u_weights, ivec2(k, row), 0).r * h[k];
            }
            a[j] = z;
        }
        int f = u_act[l];
        if (f == 5) { // softmax over the layer, shifted by its largest for range
            float m = a[0];
            for (int j = 1; j < MAX_W; ++j)
                if (j < out_w) m = max(m, a[j]);
            float sum = 0.0;
            for (int j = 0; j < MAX_W; ++j) {
                h[j] = j < out_w ? exp(a[j] - m) : 0.0;
                sum += h[j];
            }
            for (int j = 0; j < MAX_W; ++j) h[j] /= sum;
        } else {
            for (int j = 0; j < MAX_W; ++j) h[j] = j < out_w ? act(f, a[j]) : 0.0;
        }
    }
    frag_value = vec4(h[0], h[1], h[2], h[3]);
}
