//! The loss curve of a training run: E_total against the number of steps, on a logarithmic scale when it
//! falls by more than a hundredfold (as it does for the seed), else on a linear one. Plain geometry from
//! the run's curve points; the tick labels are printed by [`Precision::format`] or as powers of ten.

use super::{Anchor, Figure, Label, Line};
use crate::number::Precision;
use crate::training::Training;

/// The plot area's width and height, in cm.
const WIDTH: f64 = 10.0;
const HEIGHT: f64 = 5.5;
/// A tick's length, in cm.
const TICK: f64 = 0.12;

/// How values map to heights: linear between `low` and `high`, or linear in log₁₀.
struct Scale {
    log: bool,
    low: f64,
    high: f64,
}

impl Scale {
    fn new(values: impl Iterator<Item = f64> + Clone) -> Scale {
        let min = values.clone().fold(f64::INFINITY, f64::min);
        let max = values.fold(f64::NEG_INFINITY, f64::max);
        if min > 0.0 && max / min > 100.0 {
            Scale {
                log: true,
                low: min.log10().floor(),
                high: max.log10().ceil(),
            }
        } else {
            let high = if max > 0.0 { max } else { 1.0 };
            Scale {
                log: false,
                low: 0.0_f64.min(min),
                high,
            }
        }
    }

    /// The height of `value` above the plot's bottom, in cm (y grows downwards, so HEIGHT − this).
    fn y(&self, value: f64) -> f64 {
        let v = if self.log { value.log10() } else { value };
        let span = (self.high - self.low).max(f64::MIN_POSITIVE);
        HEIGHT - HEIGHT * ((v - self.low) / span).clamp(0.0, 1.0)
    }

    /// The ticks: (height, label).
    fn ticks(&self, precision: Precision) -> Vec<(f64, String)> {
        if self.log {
            let decades = (self.high - self.low) as i64;
            let step = (decades / 6).max(1);
            (0..=decades / step)
                .map(|i| {
                    let exponent = self.low as i64 + i * step;
                    (
                        self.y(10f64.powi(exponent as i32)),
                        format!("10^{{{exponent}}}"),
                    )
                })
                .collect()
        } else {
            [self.low, (self.low + self.high) / 2.0, self.high]
                .iter()
                .map(|&v| (self.y(v), precision.format(v)))
                .collect()
        }
    }
}

impl Figure {
    /// The curve of `training`'s total error against its steps.
    pub fn loss(training: &Training, precision: Precision) -> Figure {
        let scale = Scale::new(training.curve.iter().map(|c| c.total_error));
        let last = training.steps.max(1) as f64;
        let x = |step: usize| WIDTH * step as f64 / last;
        let mut figure = Figure::default();
        let axes = vec![(0.0, 0.0), (0.0, HEIGHT), (WIDTH, HEIGHT)];
        figure.lines.push(Line {
            points: axes,
            curve: false,
        });
        for (y, label) in scale.ticks(precision) {
            figure.lines.push(Line {
                points: vec![(-TICK, y), (0.0, y)],
                curve: false,
            });
            figure.labels.push(Label {
                at: (-TICK - 0.1, y),
                tex: label,
                anchor: Anchor::End,
            });
        }
        for step in [0, training.steps / 2, training.steps] {
            figure.lines.push(Line {
                points: vec![(x(step), HEIGHT), (x(step), HEIGHT + TICK)],
                curve: false,
            });
            let label = Label {
                at: (x(step), HEIGHT + 0.45),
                tex: step.to_string(),
                anchor: Anchor::Centre,
            };
            figure.labels.push(label);
        }
        let tex = "E_{\\text{total}}".to_owned();
        figure.labels.push(Label {
            at: (0.15, -0.35),
            tex,
            anchor: Anchor::Start,
        });
        let curve = training
            .curve
            .iter()
            .map(|c| (x(c.step), scale.y(c.total_error)))
            .collect();
        figure.lines.push(Line {
            points: curve,
            curve: true,
        });
        figure.fit(0.3);
        figure
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_s_curve_is_on_a_log_scale_and_falls() {
        let run = crate::training::train(&crate::spec::seed(), 10_000);
        let figure = Figure::loss(&run, Precision::Full);
        let curve = &figure.lines.last().unwrap().points;
        assert_eq!(curve.len(), run.curve.len());
        assert!(
            curve.windows(2).all(|w| w[1].0 > w[0].0),
            "steps grow to the right"
        );
        assert!(
            curve.last().unwrap().1 > curve[0].1,
            "the error falls (y grows downwards)"
        );
        let ticks: Vec<&str> = figure.labels.iter().map(|l| l.tex.as_str()).collect();
        assert!(
            ticks.contains(&"10^{-5}") && ticks.contains(&"10^{0}"),
            "{ticks:?}"
        );
        assert!(ticks.contains(&"10000") && ticks.contains(&"5000"));
        assert!(figure.svg().contains("<polyline") && figure.tikz().contains("\\draw[thick"));
    }

    #[test]
    fn a_short_run_is_on_a_linear_scale() {
        let run = crate::training::train(&crate::spec::seed(), 10);
        let figure = Figure::loss(&run, Precision::Places(2));
        let ticks: Vec<&str> = figure.labels.iter().map(|l| l.tex.as_str()).collect();
        assert!(ticks.contains(&"0") && ticks.contains(&"0.30"), "{ticks:?}");
    }
}
