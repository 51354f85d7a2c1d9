//! MathML once per equation shape. The variants of a set (and a site's exercise pages) have the same
//! equations with other numbers, and typesetting TeX as MathML is most of the time an HTML sheet takes. A
//! [`Typesetter`] typesets each shape of an equation once: its TeX with every digit taken out (the shape
//! keeps the signs, points and lengths of the numbers, which can change the markup). The shape's MathML is
//! kept as a structure, text and the places its digits go, and each equation of that shape is its digits
//! put in those places: the same bytes as typesetting it directly.
//!
//! pulldown-latex treats every digit alike, so the places are found by typesetting the shape twice, with
//! every digit 0 and with every digit 1: the places are where the two differ. A shape is kept only when
//! that holds for each digit and filling it gives exactly the direct MathML of the first equation seen;
//! else its equations are typeset directly.

use std::collections::HashMap;

use super::html;
use crate::error::Result;

/// The MathML of one equation shape: the text (a `0` at each digit's place), and for each place in
/// the text's order, which of the TeX's digits goes there (MathML may set them in another order than
/// TeX writes them: `h^{(1)}_2` is `<msubsup>` of h, 2 and (1)).
#[derive(Debug)]
struct Shape {
    text: String,
    places: Vec<(usize, usize)>,
}

impl Shape {
    /// The shape of `zeros` (TeX whose digits are all 0), typeset inline (`tag` None) or as a block; None
    /// when its MathML does not take each digit in one place of its own.
    ///
    /// Each digit is found by its number k + 1 (k from 0, in the TeX's order) written in binary across
    /// a few drawings: in drawing j every digit whose number has bit j set is a 1, the others 0. A place
    /// is where some drawing differs from `zeros`'s, and the bits of the drawings that have a 1 there
    /// spell which digit it is.
    fn draw(zeros: &str, tag: Option<&str>) -> Option<Shape> {
        let text = html::mathml(zeros, tag).ok()?;
        let digits = zeros.bytes().filter(u8::is_ascii_digit).count();
        let drawings = (usize::BITS - digits.leading_zeros()) as usize;
        let mut numbers = vec![0usize; text.len()];
        for bit in 0..drawings {
            let mut k = 0;
            let drawing: String = zeros
                .chars()
                .map(|c| match c.is_ascii_digit() {
                    true => {
                        k += 1;
                        if k >> bit & 1 == 1 { '1' } else { '0' }
                    }
                    false => c,
                })
                .collect();
            let drawn = html::mathml(&drawing, tag).ok()?;
            if drawn.len() != text.len() {
                return None;
            }
            for (at, (zero, one)) in text.bytes().zip(drawn.bytes()).enumerate() {
                match (zero, one) {
                    (z, o) if z == o => {}
                    (b'0', b'1') => numbers[at] |= 1 << bit,
                    _ => return None,
                }
            }
        }
        let places: Vec<(usize, usize)> = (numbers.iter().enumerate())
            .filter(|&(_, &number)| number != 0)
            .map(|(at, &number)| (at, number - 1))
            .collect();
        let mut seen = vec![false; digits];
        for &(_, k) in &places {
            if k >= digits || std::mem::replace(&mut seen[k], true) {
                return None;
            }
        }
        (places.len() == digits).then_some(Shape { text, places })
    }

    /// The MathML of `tex`, an equation of this shape (`digits` a buffer for its digits).
    fn fill(&self, tex: &str, digits: &mut Vec<u8>) -> String {
        digits.clear();
        digits.extend(tex.bytes().filter(u8::is_ascii_digit));
        let mut math = String::with_capacity(self.text.len());
        let mut from = 0;
        for &(at, k) in &self.places {
            math.push_str(&self.text[from..at]);
            math.push(char::from(digits[k]));
            from = at + 1;
        }
        math.push_str(&self.text[from..]);
        math
    }
}

/// Typesets the math of many documents of one shape, each equation shape once.
#[derive(Debug, Default)]
pub struct Typesetter {
    /// By shape: inline math, and display math.
    inline: HashMap<Vec<u8>, Option<Shape>>,
    block: HashMap<Vec<u8>, Option<Shape>>,
    /// The shape being looked up (the TeX's bytes, each digit a `0`: still UTF-8, as a digit is one
    /// byte of its own), and an equation's digits (kept to spare allocations per equation).
    zeros: Vec<u8>,
    digits: Vec<u8>,
}

impl Typesetter {
    /// A typesetter that has seen no equation.
    pub fn new() -> Typesetter {
        Typesetter::default()
    }

    /// [`html::body`] of `markdown`, byte for byte, its equations typeset from their shapes.
    pub fn body(&mut self, markdown: &str) -> Result<String> {
        html::body_with(markdown, &mut |tex, tag| self.mathml(tex, tag))
    }

    /// [`html::mathml`] of `tex`, from its shape's MathML when this shape was seen before.
    pub fn mathml(&mut self, tex: &str, tag: Option<&str>) -> Result<String> {
        self.zeros.clear();
        let digit_to_zero = |b: u8| if b.is_ascii_digit() { b'0' } else { b };
        self.zeros.extend(tex.bytes().map(digit_to_zero));
        let shapes = match tag {
            Some(_) => &mut self.block,
            None => &mut self.inline,
        };
        match shapes.get(&self.zeros) {
            Some(Some(shape)) => return Ok(shape.fill(tex, &mut self.digits)),
            Some(None) => return html::mathml(tex, tag),
            None => {}
        }
        // First of its shape: typeset directly (an error names this equation), keep the shape if it
        // gives the same bytes.
        let direct = html::mathml(tex, tag)?;
        let shape = (std::str::from_utf8(&self.zeros).ok())
            .and_then(|zeros| Shape::draw(zeros, tag))
            .filter(|shape| shape.fill(tex, &mut self.digits) == direct);
        shapes.insert(self.zeros.clone(), shape);
        Ok(direct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_equation_of_a_seen_shape_is_its_digits_in_the_shape_s_places() {
        let mut typesetter = Typesetter::new();
        let first = "net_{h_1} = 0.15 \\times 0.05 + 0.2 \\times 0.1 + 0.35 = 0.3775";
        let second = "net_{h_2} = 0.25 \\times 0.05 + 0.3 \\times 0.1 + 0.35 = 0.3925";
        let third = "x = -4.386 \\times 10^{-4} + (-12.5) - 7";
        // MathML sets a sub- and superscript's digits in another order than TeX writes them
        let fourth = "\\text{out}_{h^{(1)}_{1}} = 0.5";
        let fifth = "\\text{out}_{h^{(1)}_{2}} = 0.5";
        let sixth = "\\text{out}_{h^{(3)}_{2}} = 0.7";
        for tex in [first, second, third, second, third, fourth, fifth, sixth] {
            for tag in [None, Some("3")] {
                let direct = html::mathml(tex, tag).unwrap();
                assert_eq!(typesetter.mathml(tex, tag).unwrap(), direct, "{tex}");
            }
        }
        assert_eq!(typesetter.block.len(), 3);
        assert!(typesetter.block.values().all(Option::is_some));
        let error = typesetter.mathml("\\frac{1}", Some("12")).unwrap_err();
        assert!(error.to_string().starts_with("equation (12)"), "{error}");
    }
}
