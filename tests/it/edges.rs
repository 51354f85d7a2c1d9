//! Numbers at the edges: huge and tiny weights, negative zero, saturated units. Every document stays
//! finite and prints no NaN, no inf and no "-0".

use handprop::{Format, Lang, Lesson, Options, Precision, render, spec};

fn seed_with(from: &str, to: &str) -> handprop::Lesson {
    let text = spec::SEED_TOML.replacen(from, to, 1);
    assert_ne!(text, spec::SEED_TOML, "{from}");
    spec::parse(&text, "edge.toml").unwrap()
}

/// Renders every format and precision; asserts no NaN, inf or negative zero is printed.
#[track_caller]
fn renders_cleanly(network: &handprop::Lesson) -> String {
    let mut markdown = String::new();
    for format in [Format::Md, Format::Html, Format::Json] {
        for precision in [Precision::Full, Precision::Places(4)] {
            let options = Options {
                format,
                lang: Lang::En,
                precision,
                steps: Some(100),
                check: true,
                ..Options::default()
            };
            let text = render(network, &options).unwrap();
            for bad in ["NaN", "inf"] {
                assert!(!text.contains(bad), "{format:?} {precision}: {bad}");
            }
            let negative_zero = [
                "-0 ", "-0$", "-0\n", "-0}", "-0)", "-0,", "(-0)", "−0<", ">-0<",
            ];
            for bad in negative_zero {
                assert!(
                    !text.contains(bad),
                    "{format:?} {precision}: {bad:?} printed"
                );
            }
            if format == Format::Md && precision == Precision::Full {
                markdown = text;
            }
        }
    }
    markdown
}

#[test]
fn a_net_of_plus_or_minus_a_thousand_saturates_without_nan() {
    // net_h1 = 1000·0.05 + 0.2·0.1 + 0.35 ≈ 50; with inputs of 10 and weights of ±100, nets of ±1000.
    let network = seed_with("[0.05, 0.10]", "[10.0, 0.0]");
    let text = spec::SEED_TOML.replacen("[0.05, 0.10]", "[10.0, 0.0]", 1);
    let text = text.replacen("[[0.15, 0.20],", "[[100.0, 0.2],", 1);
    let network = spec::parse(
        &text.replacen("[0.25, 0.30]]", "[-100.0, 0.3]]", 1),
        "edge.toml",
    )
    .map(|lesson| Lesson {
        source: network.source,
        ..lesson
    })
    .unwrap();
    let text = renders_cleanly(&network);
    assert!(text.contains("\\text{out}_{h_1} &= \\frac{1}{1 + e^{-\\text{net}_{h_1}}}"));
    assert!(
        text.contains("&= 1000.35\n"),
        "net = 1000.35 is printed as it is"
    );
    assert!(
        text.contains("&= 1\n\\end{aligned}\n\\tag{2}"),
        "out saturates to 1"
    );
}

#[test]
fn tiny_weights_print_in_scientific_form() {
    let network = seed_with("[[0.15, 0.20],", "[[1e-300, 0.20],");
    let text = renders_cleanly(&network);
    assert!(
        text.contains("w_1 = 1 \\times 10^{-300}"),
        "the parameter list"
    );
    assert!(text.contains("1 \\times 10^{-300} \\times 0.05"), "(1)");
}

#[test]
fn negative_zero_is_printed_as_zero() {
    let network = seed_with("[0.05, 0.10]", "[-0.0, 0.10]");
    let text = renders_cleanly(&network);
    assert!(text.contains("$i_1 = 0$"), "{}", &text[..600]);
    let json = render(
        &network,
        &Options {
            format: Format::Json,
            ..Options::default()
        },
    )
    .unwrap();
    let trace: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        trace["layers"][0]["neurons"][0]["weights"][0]["grad"].as_f64(),
        Some(0.0)
    );
}

#[test]
fn a_dead_relu_layer_has_zero_gradients_not_nan() {
    let text = spec::SEED_TOML.replacen("activation = \"sigmoid\"", "activation = \"relu\"", 1);
    let text = text.replacen("bias = 0.35", "bias = -5.0", 1);
    let network = spec::parse(&text, "relu.toml").unwrap();
    renders_cleanly(&network);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let network = spec::load(std::path::Path::new("examples/3-4-2.toml")).unwrap();
    for format in [Format::Md, Format::Tex, Format::Html, Format::Json] {
        let options = Options {
            format,
            steps: Some(10),
            check: true,
            ..Options::default()
        };
        assert_eq!(
            render(&network, &options).unwrap(),
            render(&network, &options).unwrap()
        );
    }
}

#[test]
fn tanh_of_a_number_in_scientific_form_is_a_base_in_parentheses() {
    // Found by the renderers' proptest: (1 - 1 \times 10^{-12}^2) is a double superscript, which
    // pulldown-latex (HTML) and KaTeX reject.
    let text = spec::SEED_TOML.replacen("activation = \"sigmoid\"", "activation = \"tanh\"", 1);
    let text = text.replacen("[[0.15, 0.20],", "[[1e-11, 0.0],", 1);
    let network = spec::parse(&text.replacen("bias = 0.35", "bias = 0.0", 1), "tanh.toml").unwrap();
    let md = renders_cleanly(&network);
    assert!(
        md.contains("(1 - (5 \\times 10^{-13})^2)"),
        "the base is parenthesised"
    );
}

#[test]
fn a_training_run_that_passes_through_nan_is_refused_even_if_relu_hides_it_later() {
    // Found by the renderers' proptest in CI: E_total became inf at step 4, and a ReLU layer turned the
    // NaN that followed into a clean 0 by step 5; the loss curve then had NaN points.
    let text = "update_biases = true\nlearning_rate = 0.93\ninputs = [0.0, 0.0]\ntargets = [0.0, 0.0, 0.0]\n\
                [[layers]]\nweights = [[0.0, 0.0], [0.0, 0.0]]\nbias = 0.0\n\
                [[layers]]\nweights = [[0.0, 0.0], [0.0, 0.0]]\nbias = -250.0\nactivation = \"identity\"\n\
                [[layers]]\nweights = [[0.0, 0.0], [0.0, 0.0], [0.0, -250.0]]\nbias = 0.0\nactivation = \"relu\"\n";
    let network = spec::parse(text, "diverges.toml").unwrap();
    let options = Options {
        steps: Some(5),
        ..Options::default()
    };
    let error = render(&network, &options).unwrap_err().to_string();
    assert!(error.contains("E_total after 4 steps is inf"), "{error}");
}

#[test]
fn json_prints_no_negative_zero() {
    // Found in review: a dead ReLU's gradients serialised as -0.0.
    let network = spec::load(std::path::Path::new("examples/2-3-3-1-relu.toml")).unwrap();
    let json = render(
        &network,
        &Options {
            format: Format::Json,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(
        !json
            .lines()
            .any(|l| l.trim_end_matches(',').ends_with("-0.0")),
        "no -0.0"
    );
    assert!(json.contains(": 0.0"), "the zeros are there, positive");
}

#[test]
fn a_neuron_of_four_inputs_has_its_net_broken_after_three_terms_then_its_out() {
    let toml = std::fs::read_to_string("examples/3-4-2.toml").unwrap();
    let network = handprop::spec::parse(&toml, "3-4-2.toml").unwrap();
    let text = renders_cleanly(&network);
    let trace = handprop::Trace::new(&network.network);
    let o1 = &trace.layers[1].neurons[0];
    let p = |x: f64| handprop::Precision::Full.format(x);
    let x = |k: usize| p(o1.weights[k].from_value);
    let expected = format!(
        "\\text{{net}}_{{o_1}} &= w_{{13}} \\cdot \\text{{out}}_{{h_1}} + w_{{14}} \\cdot \\text{{out}}_{{h_2}} + \
         w_{{15}} \\cdot \\text{{out}}_{{h_3}} \\\\\n&\\quad + w_{{16}} \\cdot \\text{{out}}_{{h_4}} + b_5 \\cdot 1 \\\\\n\
         &= 0.4 \\times {} + 0.45 \\times {} + (-0.3) \\times {} \\\\\n&\\quad + 0.2 \\times {} + 0.6 \\times 1 \\\\\n\
         &= {} \\\\\n\\text{{out}}_{{o_1}} &= \\frac{{1}}{{1 + e^{{-\\text{{net}}_{{o_1}}}}}} \\\\\n\
         &= \\frac{{1}}{{1 + e^{{-{}}}}} \\\\\n&= {}\n\\end{{aligned}}",
        x(0),
        x(1),
        x(2),
        x(3),
        p(o1.net),
        p(o1.net),
        p(o1.out)
    );
    assert!(text.contains(&expected), "{expected}\nnot in\n{text}");
}
