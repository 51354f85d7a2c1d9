//! Arithmetic read back from the TeX of an equation step: the numbers, `\times`, sums, parentheses,
//! `\frac{1}{2}`, squares and the sigmoid `\frac{1}{1 + e^{-x}}`, and the check that a step follows from
//! the step before it at a precision.

use handprop::Precision;

/// Decimal places the sheets under test are printed with.
pub const PLACES: u8 = 4;

/// A step of an equation read back as arithmetic.
#[derive(Debug, Clone)]
pub enum Node {
    /// A printed number: its text and value.
    Number(String, f64),
    Negative(Box<Node>),
    /// Terms, each with its sign (true for minus).
    Sum(Vec<(bool, Node)>),
    Product(Vec<Node>),
    Sigmoid(Box<Node>),
    Square(Box<Node>),
}

struct Parser<'a> {
    rest: &'a str,
}

impl Parser<'_> {
    fn skip(&mut self) {
        loop {
            let trimmed = self.rest.trim_start();
            let next = ["\\,", "\\left", "\\right"]
                .iter()
                .find_map(|p| trimmed.strip_prefix(p));
            match next {
                Some(after) => self.rest = after,
                None => {
                    self.rest = trimmed;
                    return;
                }
            }
        }
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip();
        match self.rest.strip_prefix(token) {
            Some(after) => {
                self.rest = after;
                true
            }
            None => false,
        }
    }

    fn expression(&mut self) -> Option<Node> {
        let mut terms = vec![(false, self.term()?)];
        loop {
            if self.eat("+") {
                terms.push((false, self.term()?));
            } else if self.eat("-") {
                terms.push((true, self.term()?));
            } else if terms.len() == 1 {
                return terms.pop().map(|(_, t)| t);
            } else {
                return Some(Node::Sum(terms));
            }
        }
    }

    fn term(&mut self) -> Option<Node> {
        let mut factors = vec![self.factor()?];
        loop {
            self.skip();
            let explicit = self.eat("\\times");
            let starts = self
                .rest
                .starts_with(|c: char| c.is_ascii_digit() || c == '(')
                || self.rest.starts_with("\\frac");
            if explicit || starts {
                factors.push(self.factor()?);
            } else if factors.len() == 1 {
                return factors.pop();
            } else {
                return Some(Node::Product(factors));
            }
        }
    }

    fn factor(&mut self) -> Option<Node> {
        self.skip();
        let node = if self.eat("-") {
            Node::Negative(Box::new(self.factor()?))
        } else if self.eat("(") {
            let inner = self.expression()?;
            self.eat(")").then_some(inner)?
        } else if self.eat("\\frac{1}{1 + e^{-") {
            let inner = self.factor()?;
            self.eat("}}").then(|| Node::Sigmoid(Box::new(inner)))?
        } else if self.eat("\\frac{1}{2}") {
            Node::Number("\\frac{1}{2}".into(), 0.5)
        } else {
            self.number()?
        };
        Some(if self.eat("^2") {
            Node::Square(Box::new(node))
        } else {
            node
        })
    }

    fn number(&mut self) -> Option<Node> {
        let end = self
            .rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(self.rest.len());
        if end == 0 {
            return None;
        }
        let (digits, after) = self.rest.split_at(end);
        self.rest = after;
        if let Some(exponent) = after.strip_prefix(" \\times 10^{") {
            let close = exponent.find('}')?;
            let power: i32 = exponent[..close].parse().ok()?;
            self.rest = &exponent[close + 1..];
            let text = format!("{digits} \\times 10^{{{power}}}");
            return Some(Node::Number(
                text,
                format!("{digits}e{power}").parse().ok()?,
            ));
        }
        Some(Node::Number(digits.to_owned(), digits.parse().ok()?))
    }
}

/// A whole step as arithmetic, or None when it holds symbols.
pub fn parse(step: &str) -> Option<Node> {
    let mut parser = Parser { rest: step };
    let node = parser.expression()?;
    parser.skip();
    parser.rest.is_empty().then_some(node)
}

fn eval(node: &Node) -> f64 {
    match node {
        Node::Number(_, x) => *x,
        Node::Negative(x) => -eval(x),
        Node::Sum(terms) => {
            terms.iter().fold(
                0.0,
                |acc, (minus, t)| {
                    if *minus { acc - eval(t) } else { acc + eval(t) }
                },
            )
        }
        Node::Product(factors) => factors
            .iter()
            .skip(1)
            .fold(eval(&factors[0]), |acc, f| acc * eval(f)),
        Node::Sigmoid(x) => 1.0 / (1.0 + (-eval(x)).exp()),
        Node::Square(x) => eval(x) * eval(x),
    }
}

/// A printed number's text: `0.0551`, or `-0.0190` for a negated one.
fn printed(node: &Node) -> Option<String> {
    match node {
        Node::Number(text, _) => Some(text.clone()),
        Node::Negative(inner) => printed(inner).map(|t| format!("-{t}")),
        _ => None,
    }
}

fn signed(minus: bool, node: &Node) -> Node {
    if minus {
        Node::Negative(Box::new(node.clone()))
    } else {
        node.clone()
    }
}

/// Checks that `after` follows from `before`: each printed number of `after` is what the part of
/// `before` in its place computes, at the precision. Returns how many numbers were checked.
pub fn follows(before: &Node, after: &Node) -> Result<usize, String> {
    if let Some(text) = printed(after) {
        if printed(before).as_deref() == Some(text.as_str()) {
            return Ok(0);
        }
        let computed = Precision::Places(PLACES).format(eval(before));
        return if computed == text {
            Ok(1)
        } else {
            Err(format!("{before:?} gives {computed}, printed {text}"))
        };
    }
    match (before, after) {
        (Node::Sum(xs), Node::Sum(ys)) if xs.len() == ys.len() => (xs.iter().zip(ys))
            .map(|((mx, x), (my, y))| follows(&signed(*mx, x), &signed(*my, y)))
            .sum(),
        (Node::Product(xs), Node::Product(ys)) => {
            let same = (xs.iter().zip(ys))
                .take_while(|(x, y)| printed(x).is_some() && printed(x) == printed(y))
                .count();
            let (xs, ys) = (&xs[same..], &ys[same..]);
            if ys.len() == 1 && xs.len() > 1 {
                follows(&Node::Product(xs.to_vec()), &ys[0])
            } else if xs.len() == ys.len() {
                xs.iter().zip(ys).map(|(x, y)| follows(x, y)).sum()
            } else {
                Err(format!("{xs:?} against {ys:?}"))
            }
        }
        (Node::Sigmoid(x), Node::Sigmoid(y)) | (Node::Negative(x), Node::Negative(y)) => {
            follows(x, y)
        }
        _ => Err(format!("{before:?} against {after:?}")),
    }
}
