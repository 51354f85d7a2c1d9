//! A [`Figure`] as a standalone SVG image, for Markdown. The labels' TeX (symbols with subscripts,
//! `\text{…}`, numbers, `\times 10^{…}`) is set as SVG text: letters in italics, subscripts and
//! superscripts smaller and shifted, with absolute `dy` offsets (no `baseline-shift`, which not every
//! viewer supports).

use std::fmt::{self, Write};

use super::{Anchor, Figure, RADIUS};

/// The comment every figure carries (whose a figure file is, is told by the folder's figure manifest,
/// [`crate::publish::figures`], not by this comment, which anyone can copy).
const MARK: &str = "<!-- drawn by handprop -->";

/// SVG user units per cm.
const SCALE: f64 = 40.0;
/// The font size of neuron names and side labels, in user units.
const NAME: f64 = 17.0;
/// The font size of the weights on the edges, in user units.
const WEIGHT: f64 = 12.0;

/// A number printed as `{:.1}` prints it (one decimal, the exact value rounded), made faster. The
/// product by ten, `scaled`, is a multiple of its own ulp, and so is 0.5 (below 2⁵²): unless `scaled`
/// ends in exactly .5, the exact product (within half an ulp of it) rounds as `scaled` does; when it
/// does, the product's rounding error (exact, by a fused multiply-add) says which way. A true tie (and
/// the very large) goes through `{:.1}`. An exercise set draws thousands of figures.
struct Tenths(f64);

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let x = self.0;
        let scaled = x.abs() * 10.0;
        if !scaled.is_finite() || scaled >= 1e15 {
            return write!(f, "{x:.1}");
        }
        let tenths = if scaled.fract() != 0.5 {
            scaled.round()
        } else {
            let error = x.abs().mul_add(10.0, -scaled);
            match error.partial_cmp(&0.0) {
                Some(std::cmp::Ordering::Greater) => scaled.ceil(),
                Some(std::cmp::Ordering::Less) => scaled.floor(),
                _ => return write!(f, "{x:.1}"),
            }
        } as u64;
        if x.is_sign_negative() {
            f.write_char('-')?;
        }
        fmt::Display::fmt(&(tenths / 10), f)?;
        f.write_char('.')?;
        f.write_char(char::from(b'0' + (tenths % 10) as u8))
    }
}

/// A run of text of one style: italic or not, its size, and its rise above the baseline.
struct Run {
    text: String,
    italic: bool,
    size: f64,
    rise: f64,
}

/// The argument of `_` or `^` at the start of `rest`: a braced group or one character; and what follows.
fn argument(rest: &str) -> (&str, &str) {
    match rest.strip_prefix('{') {
        Some(inner) => {
            let mut depth = 1;
            for (i, c) in inner.char_indices() {
                depth += match c {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                if depth == 0 {
                    return (&inner[..i], &inner[i + 1..]);
                }
            }
            (inner, "")
        }
        None => rest.split_at(rest.chars().next().map_or(0, char::len_utf8)),
    }
}

/// Appends the runs of `tex` at `size` and `rise`.
fn runs(mut tex: &str, size: f64, rise: f64, out: &mut Vec<Run>) {
    let push = |text: &str, italic: bool, out: &mut Vec<Run>| match out.last_mut() {
        Some(last) if last.italic == italic && last.size == size && last.rise == rise => {
            last.text.push_str(text)
        }
        _ => out.push(Run {
            text: text.to_owned(),
            italic,
            size,
            rise,
        }),
    };
    while let Some(c) = tex.chars().next() {
        let rest = &tex[c.len_utf8()..];
        tex = match c {
            '\\' if rest.starts_with("text") => {
                let (inner, after) = argument(&rest[4..]);
                push(inner, false, out);
                after
            }
            '\\' if rest.starts_with("times") => {
                push("×", false, out);
                &rest[5..]
            }
            '\\' if rest.starts_with("partial") => {
                push("∂", false, out);
                &rest[7..]
            }
            '\\' if rest.starts_with("delta") => {
                push("δ", true, out);
                &rest[5..]
            }
            '_' | '^' => {
                let (inner, after) = argument(rest);
                let shift = if c == '_' { -0.22 * size } else { 0.38 * size };
                runs(inner, size * 0.72, rise + shift, out);
                after
            }
            '{' => {
                let (inner, after) = argument(tex);
                runs(inner, size, rise, out);
                after
            }
            '-' => {
                push("−", false, out);
                rest
            }
            '=' => {
                push("\u{a0}=\u{a0}", false, out);
                rest
            }
            ' ' => rest, // as in TeX's math mode, spacing comes from the symbols
            c => {
                let mut buffer = [0; 4];
                let text = match c {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    c => c.encode_utf8(&mut buffer),
                };
                push(text, c.is_alphabetic(), out);
                rest
            }
        };
    }
}

/// One `<text>` element for the TeX `tex` at `(x, y)` (in cm), `anchor` being SVG's `text-anchor`.
fn text(svg: &mut String, (x, y): (f64, f64), tex: &str, size: f64, anchor: &str) {
    let mut pieces = Vec::new();
    runs(tex, size, 0.0, &mut pieces);
    let _ = write!(
        svg,
        "  <text x=\"{}\" y=\"{}\" font-size=\"{size}\" text-anchor=\"{anchor}\">",
        Tenths(x * SCALE),
        Tenths(y * SCALE + 0.35 * size)
    );
    let mut rise = 0.0;
    for run in pieces {
        let style = if run.italic {
            " font-style=\"italic\""
        } else {
            ""
        };
        // A space that starts a run is dropped by some viewers: it becomes a shift instead.
        let (shift, body) = match run.text.strip_prefix('\u{a0}') {
            Some(body) => (0.28 * run.size, body),
            None => (0.0, run.text.as_str()),
        };
        let _ = write!(
            svg,
            "<tspan dx=\"{}\" dy=\"{}\" font-size=\"{}\"{style}>{body}</tspan>",
            Tenths(shift),
            Tenths(rise - run.rise),
            Tenths(run.size)
        );
        rise = run.rise;
    }
    svg.push_str("</text>\n");
}

impl Figure {
    /// The figure as a standalone SVG document.
    pub fn svg(&self) -> String {
        let (w, h) = (self.width * SCALE, self.height * SCALE);
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.1} {h:.1}\" \
             font-family=\"'Latin Modern Roman', 'Times New Roman', serif\">\n{MARK}\n\
             <defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" \
             orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#666\"/></marker></defs>\n\
             <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        );
        for line in &self.lines {
            let points: Vec<String> = line
                .points
                .iter()
                .map(|p| format!("{},{}", Tenths(p.0 * SCALE), Tenths(p.1 * SCALE)))
                .collect();
            let (stroke, width) = if line.curve {
                ("#1f4e8c", 2.0)
            } else {
                ("#444", 1.0)
            };
            let _ = writeln!(
                svg,
                "  <polyline points=\"{}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{width}\"/>",
                points.join(" ")
            );
        }
        for a in &self.arrows {
            let _ = writeln!(
                svg,
                "  <line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#666\" stroke-width=\"1.2\" marker-end=\"url(#head)\"/>",
                Tenths(a.from.0 * SCALE),
                Tenths(a.from.1 * SCALE),
                Tenths(a.to.0 * SCALE),
                Tenths(a.to.1 * SCALE)
            );
        }
        for c in &self.circles {
            let fill = if c.bias { "#e6e6e6" } else { "white" };
            let _ = writeln!(
                svg,
                "  <circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{fill}\" stroke=\"black\" stroke-width=\"1.6\"/>",
                Tenths(c.at.0 * SCALE),
                Tenths(c.at.1 * SCALE),
                Tenths(RADIUS * SCALE)
            );
            text(&mut svg, c.at, &c.tex, NAME, "middle");
        }
        for l in &self.labels {
            let (anchor, size) = match l.anchor {
                Anchor::Centre => ("middle", WEIGHT),
                Anchor::Start => ("start", NAME * 0.85),
                Anchor::End => ("end", NAME * 0.85),
            };
            if l.anchor == Anchor::Centre {
                // A white ground, so that the edges crossing the label do not cross its text.
                let (w, h) = (l.width() * SCALE, 0.85 * size);
                let (x, y) = (l.at.0 * SCALE - w / 2.0, l.at.1 * SCALE - h / 2.0);
                let _ = writeln!(
                    svg,
                    "  <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"white\"/>",
                    Tenths(x),
                    Tenths(y),
                    Tenths(w),
                    Tenths(h)
                );
            }
            text(&mut svg, l.at, &l.tex, size, anchor);
        }
        svg.push_str("</svg>\n");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::Tenths;

    #[test]
    fn tenths_print_as_the_standard_one_decimal_format() {
        let mut x: f64 = -1234.5678;
        let mut values = vec![
            0.25,
            0.35,
            14.45,
            -14.45,
            12.25,
            0.15,
            -0.05,
            -0.04,
            -0.0,
            0.0,
            2.5e9,
            1e300,
            f64::NAN,
            f64::INFINITY,
        ];
        while x < 1234.5 {
            values.push(x);
            x += 0.012_345_7;
        }
        values.extend((0..2000).map(|k| f64::from(k) * 0.05));
        values.extend((0..2000).map(|k| f64::from(k) * 0.85 * 0.35 + 0.005));
        values.extend((0..20000).map(|k| f64::from(k) / 20.0 - 500.0));
        for x in values {
            assert_eq!(Tenths(x).to_string(), format!("{x:.1}"), "{x:e}");
        }
    }
}
