//! The derivation's numbering: the seed's (1)–(23) in its sections and order, "first of its kind" per
//! section, and consecutive numbers for other widths.

use handprop::derivation::StepKind;
use handprop::{Derivation, Trace, spec};

fn plan(toml: &str) -> Derivation {
    Derivation::new(&Trace::new(
        &spec::parse(toml, "test.toml").unwrap().network,
    ))
}

#[test]
fn the_seed_is_numbered_1_to_23_in_the_seed_s_sections_and_order() {
    use StepKind::*;
    let plan = plan(spec::SEED_TOML);
    let kinds: Vec<(u32, StepKind)> = plan
        .sections
        .iter()
        .flat_map(|s| &s.steps)
        .map(|s| (s.number, s.kind))
        .collect();
    let expected = [
        Net,
        Out,
        OutFull,
        OutFull,
        OutFull,
        ErrorDefinition,
        OutputError,
        OutputError,
        TotalError,
        TotalErrorExpanded,
        OutputGradient,
        Update,
        UpdateLikewise,
        UpdateLikewise,
        UpdateLikewise,
        HiddenChain,
        HiddenOutGradient,
        HiddenGradient,
        Update,
        UpdateLikewise,
        HiddenOutGradient,
        UpdateLikewise,
        UpdateLikewise,
    ];
    let numbered: Vec<(u32, StepKind)> = (1..).zip(expected).collect();
    assert_eq!(kinds, numbered);
    assert_eq!(plan.equations, 23);
    let sections: Vec<(&str, Vec<u32>)> = plan
        .sections
        .iter()
        .map(|s| {
            (
                s.number.as_str(),
                s.steps.iter().map(|s| s.number).collect(),
            )
        })
        .collect();
    let names: Vec<&str> = sections.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["1", "1.1", "1.2", "1.3", "2", "3", "3.1", "3.2"]);
    assert_eq!(sections[2].1, [1, 2, 3]);
    assert_eq!(sections[3].1, [4, 5]);
    assert_eq!(sections[4].1, [6, 7, 8, 9, 10]);
    assert_eq!(sections[6].1, [11, 12, 13, 14, 15]);
    assert_eq!(sections[7].1, (16..=23).collect::<Vec<_>>());
}

#[test]
fn first_of_its_kind_counts_within_a_section() {
    let plan = plan(spec::SEED_TOML);
    let firsts: Vec<u32> = plan
        .sections
        .iter()
        .flat_map(|s| &s.steps)
        .filter(|s| s.first)
        .map(|s| s.number)
        .collect();
    assert_eq!(
        firsts,
        [1, 2, 3, 4, 6, 7, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20]
    );
}

#[test]
fn other_widths_are_numbered_consecutively() {
    for (inputs, hidden, outputs, equations) in [(1, 1, 1, 13), (3, 4, 2, 39), (2, 3, 4, 39)] {
        let row = |n: usize| format!("[{}]", vec!["0.1"; n].join(", "));
        let matrix = |rows: usize, cols: usize| format!("[{}]", vec![row(cols); rows].join(", "));
        let toml = format!(
            "learning_rate = 0.5\ninputs = {}\ntargets = {}\n[[layers]]\nweights = {}\nbias = 0.1\n\
             [[layers]]\nweights = {}\nbias = 0.1\n",
            row(inputs),
            row(outputs),
            matrix(hidden, inputs),
            matrix(outputs, hidden)
        );
        let plan = plan(&toml);
        let numbers: Vec<u32> = plan
            .sections
            .iter()
            .flat_map(|s| &s.steps)
            .map(|s| s.number)
            .collect();
        assert_eq!(
            numbers,
            (1..=equations).collect::<Vec<_>>(),
            "{inputs}-{hidden}-{outputs}"
        );
    }
}

#[test]
fn a_neuron_of_more_than_three_inputs_gets_its_net_and_then_its_out_its_sums_broken_every_3_terms()
{
    use handprop::derivation::{MAX_INPUTS_INSIDE_F, NET_TERMS_PER_LINE};
    let seed = plan(spec::SEED_TOML);
    let steps = || seed.sections.iter().flat_map(|s| &s.steps);
    assert!(steps().all(|s| s.kind != StepKind::NetOut && s.net_terms_per_line == 0));

    let toml = std::fs::read_to_string("examples/3-4-2.toml").unwrap();
    let wide = plan(&toml);
    let forward: Vec<(usize, usize, StepKind, usize)> = (wide.sections.iter())
        .flat_map(|s| &s.steps)
        .take_while(|s| s.kind != StepKind::ErrorDefinition)
        .map(|s| (s.layer, s.neuron, s.kind, s.net_terms_per_line))
        .collect();
    assert_eq!((MAX_INPUTS_INSIDE_F, NET_TERMS_PER_LINE), (3, 3));
    use StepKind::*;
    assert_eq!(
        forward,
        [
            (0, 0, Net, 0), // 3 inputs: as the seed
            (0, 0, Out, 0),
            (0, 1, OutFull, 0),
            (0, 2, OutFull, 0),
            (0, 3, OutFull, 0),
            (1, 0, NetOut, 3), // 4 inputs
            (1, 1, NetOut, 3),
        ]
    );
    let first_net_out = (wide.sections.iter())
        .flat_map(|s| &s.steps)
        .find(|s| s.kind == NetOut);
    assert!(
        first_net_out.unwrap().first,
        "the output layer's lead sentence introduces it"
    );
}
